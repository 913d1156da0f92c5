"""Certificates of attendance or completion, verifiable by anyone through a public page."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CertificateKind(models.TextChoices):
    ATTENDANCE = "attendance", _("Certificate of attendance")
    COMPLETION = "completion", _("Certificate of completion")


def new_verification_code() -> str:
    # 128 bits: a verification address cannot be guessed or derived from another one.
    return secrets.token_urlsafe(16)


class Certificate(models.Model):
    """What was certified, frozen when issued: later renames do not change a certificate."""

    kind = models.CharField(_("kind"), max_length=12, choices=CertificateKind.choices)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    # What it certifies: an event (attendance) or a programme (completion).
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
    )
    program = models.ForeignKey(
        "programs.Program",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
    )
    code = models.CharField(max_length=32, unique=True, default=new_verification_code)
    holder_name = models.CharField(_("name on the certificate"), max_length=200)
    title = models.CharField(_("what it certifies"), max_length=300)
    program_name = models.CharField(_("programme"), max_length=200, blank=True)
    # The day(s) certified, as text in the issuing language, e.g. "14–15 March 2026".
    dates = models.CharField(_("dates"), max_length=100)
    # The organising institution, as it was named on the day of issue.
    issuer_name = models.CharField(_("issued by (institution)"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(event__isnull=False) | Q(program__isnull=False),
                name="certificate_certifies_something",
            ),
            models.UniqueConstraint(
                fields=["person", "event", "kind"],
                condition=Q(event__isnull=False),
                name="certificate_one_per_event",
            ),
            models.UniqueConstraint(
                fields=["person", "program", "kind"],
                condition=Q(program__isnull=False, event__isnull=True),
                name="certificate_one_per_program",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.holder_name} – {self.title}"

    @property
    def audit_scope(self):
        """A programme's certificate goes under the programme; an event's where the event's do."""
        return self.event.audit_scope if self.event_id else self.program

    @property
    def content_language(self) -> str:
        """The language of what it certifies (the event's or the programme's title)."""
        if self.event_id:
            return self.event.content_language
        return self.program.content_language


class BatchStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    FINISHED = "finished", _("Finished")


class CertificateBatch(models.Model):
    """One press of "issue certificates to everyone who meets the rule": of attendance for an
    event, or of completion for a programme. What was issued and who was skipped, and why (the
    reasons in the organiser's language)."""

    event = models.ForeignKey(
        "events.Event",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="certificate_batches",
    )
    program = models.ForeignKey(
        "programs.Program",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="certificate_batches",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=BatchStatus.choices, default=BatchStatus.QUEUED
    )
    issued_count = models.PositiveIntegerField(default=0)
    already_count = models.PositiveIntegerField(default=0)
    # [{"registration": id, "name": "…", "reason": "…"}], or "enrolment" for a programme
    skipped = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("certificate batch")
        verbose_name_plural = _("certificate batches")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(event__isnull=False, program__isnull=True)
                | Q(event__isnull=True, program__isnull=False),
                name="certificate_batch_for_event_or_program",
            )
        ]

    def __str__(self) -> str:
        return f"{self.event or self.program} {self.created_at:%Y-%m-%d %H:%M}"
