"""Office hours: slots a programme's mentors publish, and the participants' bookings of them."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class OfficeHourSlot(models.Model):
    """A time a mentor offers to one participant of a programme, in the programme's time zone."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="office_hour_slots"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="office_hour_slots"
    )
    starts_at = models.DateTimeField(_("starts"))
    duration_minutes = models.PositiveSmallIntegerField(_("length in minutes"), default=30)
    meeting_url = models.URLField(_("meeting link"), max_length=500)
    # The calendar entry's identity, the same in the confirmation and in its cancellation.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("office-hour slot")
        verbose_name_plural = _("office-hour slots")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentor", "starts_at"], name="office_hour_slot_once_per_start"
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5), name="office_hour_slot_length"
            ),
        ]
        indexes = [models.Index(fields=["program", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.mentor_id} @ {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes)


class OfficeHourBooking(models.Model):
    """A participant's booking of a slot. At most one booking of a slot is active (not
    cancelled): the database refuses a second one, whoever comes first."""

    slot = models.ForeignKey(OfficeHourSlot, on_delete=models.CASCADE, related_name="bookings")
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="office_hour_bookings"
    )
    topic = models.CharField(_("topic"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("office-hour booking")
        verbose_name_plural = _("office-hour bookings")
        constraints = [
            models.UniqueConstraint(
                fields=["slot"],
                condition=Q(cancelled_at__isnull=True),
                name="office_hour_booking_one_per_slot",
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} → {self.slot_id}"

    @property
    def is_active(self) -> bool:
        return self.cancelled_at is None
