"""Network meetings: members' answers to "will you come?" and their calendar feeds."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .event import Event


class RsvpAnswer(models.TextChoices):
    YES = "yes", _("Yes, I will come")
    MAYBE = "maybe", _("Maybe")
    NO = "no", _("No, I cannot come")


class Rsvp(models.Model):
    """A member's answer to "will you come?" — one per person per event, changeable."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rsvps")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rsvps"
    )
    answer = models.CharField(_("answer"), max_length=8, choices=RsvpAnswer.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("answered"), auto_now=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["updated_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="rsvp_one_per_person")
        ]
        indexes = [models.Index(fields=["event", "answer"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.event}: {self.answer}"


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarToken(models.Model):
    """The secret in a person's calendar feed address. Calendar apps send no cookies, so the
    address itself is the key; the person can replace it when it leaks."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar address")
        verbose_name_plural = _("calendar addresses")

    def __str__(self) -> str:
        return str(self.person)
