"""Materials of an event, and the assignments participants submit and trainers comment on."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from glasnik.core.uploads import upload_to_private

from .agenda import AgendaItem
from .event import Event


class MaterialKind(models.TextChoices):
    FILE = "file", _("File")
    LINK = "link", _("Link")


class Material(models.Model):
    """Slides, documents and links of an event or one of its sessions."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="materials")
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="materials",
    )
    title = models.CharField(pgettext_lazy("document", "title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=8, choices=MaterialKind.choices)
    file = models.FileField(_("file"), upload_to=upload_to_private("materials"), blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    is_public = models.BooleanField(_("public"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["agenda_item__position", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind=MaterialKind.FILE) & ~Q(file=""))
                | (Q(kind=MaterialKind.LINK) & ~Q(url="")),
                name="material_has_file_or_link",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Assignment(models.Model):
    """An exercise participants submit and trainers comment on."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="assignments")
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("session"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assignments",
    )
    title = models.CharField(pgettext_lazy("document", "title"), max_length=200)
    instructions = models.TextField(_("instructions"))
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.title


class Submission(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="submissions")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="submissions"
    )
    text = models.TextField(_("answer"), blank=True)
    file = models.FileField(_("file"), upload_to=upload_to_private("submissions"), blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "person"], name="submission_one_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.assignment}"


class SubmissionComment(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:40]
