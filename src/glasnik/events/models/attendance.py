"""Attendance: the room codes for self check-in and who was present on which day or session."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .agenda import AgendaItem
from .event import Event
from .registration import Registration


class CheckinCode(models.Model):
    """The code shown in the room for self check-in, one per event day."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="checkin_codes")
    day = models.DateField(_("day"))
    code = models.CharField(_("code"), max_length=12)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("check-in code")
        verbose_name_plural = _("check-in codes")
        constraints = [
            models.UniqueConstraint(fields=["event", "day"], name="checkin_code_one_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.day}"


class AttendanceMethod(models.TextChoices):
    ORGANISER = "organiser", _("Checked in by an organiser")
    QR_CODE = "qr", _("QR code scanned by an organiser")
    SELF = "self", _("Self check-in with the room code")
    CORRECTION = "correction", _("Corrected by an organiser")


class Attendance(models.Model):
    """Presence of a registered person on one day of an event (or at one session of it)."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="attendances"
    )
    day = models.DateField(_("day"))
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, null=True, blank=True, related_name="attendances"
    )
    is_present = models.BooleanField(_("present"), default=True)
    method = models.CharField(
        pgettext_lazy("how attendance was recorded", "how"),
        max_length=12,
        choices=AttendanceMethod.choices,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "day"],
                condition=Q(agenda_item__isnull=True),
                name="attendance_one_per_day",
            ),
            models.UniqueConstraint(
                fields=["registration", "agenda_item"],
                condition=Q(agenda_item__isnull=False),
                name="attendance_one_per_session",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration} {self.day}"
