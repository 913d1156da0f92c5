"""An event's agenda: its sessions and the lecturers who give them."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .event import Event


class Lecturer(models.Model):
    """A trainer, mentor or speaker, with a public profile."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lecturer_profile",
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=200)
    slug = models.SlugField(pgettext_lazy("web page", "address"), max_length=120, unique=True)
    title = models.CharField(_("title or role"), max_length=200, blank=True)
    organization_name = models.CharField(_("institution"), max_length=200, blank=True)
    biography = models.TextField(_("biography"), blank=True)
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("lecturer")
        verbose_name_plural = _("lecturers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SessionType(models.TextChoices):
    TALK = "talk", _("Talk or presentation")
    THEORY = "theory", _("Theory")
    EXERCISE = "exercise", _("Exercise")
    GROUP_WORK = "group_work", _("Group work")
    DISCUSSION = "discussion", _("Discussion")
    PRACTICE = "practice", _("Good and bad practice")
    BREAK = "break", _("Break")
    OTHER = "other", _("Other")


class AgendaItem(models.Model):
    """One item of an event's agenda (a session of a training). Ordered by position."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(
        pgettext_lazy("order in a list", "position"), default=0
    )
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    room = models.CharField(_("room"), max_length=120, blank=True)
    title = models.CharField(pgettext_lazy("event, session or phase", "title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    session_type = models.CharField(
        _("type"), max_length=12, choices=SessionType.choices, default=SessionType.TALK
    )
    lecturers = models.ManyToManyField(
        "Lecturer", verbose_name=_("lecturers"), blank=True, related_name="agenda_items"
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True)
                | Q(starts_at__isnull=True)
                | Q(ends_at__gt=F("starts_at")),
                name="agenda_item_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def content_language(self) -> str:
        return self.event.content_language
