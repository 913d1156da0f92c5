"""The reminder before an event: when it is due, the claim that sends it once, and the
registrations whose reminder is due (for the management command)."""

from datetime import datetime, timedelta

from django.utils import timezone

from ..models import Event, EventStatus, Registration, RegistrationStatus


def reminder_due_at(event: Event) -> datetime | None:
    if not event.reminder_hours:
        return None
    return event.starts_at - timedelta(hours=event.reminder_hours)


def registration_reminder_claim(*, registration_id: int, now: datetime) -> bool:
    """Mark the reminder as sent if it was not; True for the one caller that should send it."""
    return bool(
        Registration.objects.filter(
            pk=registration_id,
            status=RegistrationStatus.CONFIRMED,
            reminder_sent_at__isnull=True,
        ).update(reminder_sent_at=now)
    )


def registrations_due_for_reminder(*, now: datetime | None = None) -> list[int]:
    """Confirmed registrations whose event's reminder time has come and not yet passed the
    start, and whose reminder has not gone out."""
    now = now or timezone.now()
    events = Event.objects.filter(
        status=EventStatus.SCHEDULED,
        reminder_hours__gt=0,
        starts_at__gt=now,
        registrations__status=RegistrationStatus.CONFIRMED,
        registrations__reminder_sent_at__isnull=True,
    ).distinct()
    due_ids = [
        event.pk
        for event in events.only("pk", "starts_at", "reminder_hours")
        if reminder_due_at(event) <= now
    ]
    return list(
        Registration.objects.filter(
            event_id__in=due_ids,
            status=RegistrationStatus.CONFIRMED,
            reminder_sent_at__isnull=True,
        )
        .order_by("event_id", "pk")
        .values_list("pk", flat=True)
    )
