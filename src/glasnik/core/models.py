import uuid

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TransliterationMatch(models.TextChoices):
    START = "start", _("Every word that begins like this")
    WORD = "word", _("Only this exact word")


class TransliterationException(models.Model):
    """A word that Latin → Cyrillic must write otherwise than letter for letter.

    Either the Cyrillic spells the Latin with a pair kept apart ("injekcij" → "инјекциј": n and j
    are two letters, not њ), or it is the Latin itself: the word stays in Latin (a name, a brand).
    The engine reads these with its shipped lists (`core/transliteration/data/`).
    """

    latin = models.CharField(
        _("in Latin"),
        max_length=60,
        help_text=_("The word, or how it begins, as written in Latin: “injekcij”."),
    )
    cyrillic = models.CharField(
        _("in Cyrillic"),
        max_length=60,
        help_text=_(
            "How it must be written in Cyrillic: “инјекциј”. To keep a word in Latin inside "
            "Cyrillic text, write it here in Latin, exactly as above."
        ),
    )
    match = models.CharField(
        _("applies to"),
        max_length=8,
        choices=TransliterationMatch.choices,
        default=TransliterationMatch.START,
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("transliteration exception")
        verbose_name_plural = _("transliteration exceptions")
        ordering = ["latin"]
        constraints = [
            models.UniqueConstraint(
                Lower("latin"), "match", name="transliteration_exception_unique_latin"
            ),
            models.CheckConstraint(
                condition=~Q(latin="") & ~Q(cyrillic=""),
                name="transliteration_exception_not_empty",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.latin} → {self.cyrillic}"


class OutgoingEmailStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("email", "waiting to be sent")
    SENDING = "sending", pgettext_lazy("email", "being sent")
    RETRYING = "retrying", pgettext_lazy("email", "failed, will try again")
    SENT = "sent", pgettext_lazy("email", "sent")
    DEAD = "dead", pgettext_lazy("email", "undelivered (dead letter)")
    EXPIRED = "expired", pgettext_lazy("email", "undelivered, text deleted")


class OutgoingEmail(models.Model):
    """One email on its way out (glasnik.core.outbox): kept until the mail server has accepted
    it, tried again with growing pauses while it does not, and left as a dead letter an
    administrator can resend when every attempt failed. Its text is deleted once it is sent
    (or soon after it died), so links in it (a password reset) are not kept."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    to = models.EmailField(pgettext_lazy("email", "to"), max_length=254)
    subject = models.TextField(pgettext_lazy("email", "subject"))
    text = models.TextField(blank=True)
    html = models.TextField(blank=True)
    # [{"filename": ..., "mimetype": ..., "content": base64}], e.g. a certificate's PDF.
    attachments = models.JSONField(default=list, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=OutgoingEmailStatus.choices,
        default=OutgoingEmailStatus.QUEUED,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    # When a worker took it for sending: one left "sending" long after this lost its worker.
    claimed_at = models.DateTimeField(null=True, blank=True)
    # The kind of failure only (exception class, SMTP code): never the server's words, which
    # may quote the address.
    last_error = models.CharField(_("last error"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("sent or given up at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return _("Email %(id)s") % {"id": str(self.id)[:8]}
