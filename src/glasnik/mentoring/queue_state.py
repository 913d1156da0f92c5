"""When a session's queue takes questions and votes: from the moment it is opened until the
mentor or an organiser closes it, or until QUEUE_GRACE after the session ends (people finish
typing the question the mentor ran out of time for). A cancelled session takes none."""

from datetime import datetime, timedelta

from django.utils import timezone

from glasnik.events.models import Event

QUEUE_GRACE = timedelta(minutes=30)


def queue_closes_at(event: Event) -> datetime:
    return event.ends_at + QUEUE_GRACE


def queue_is_open(queue, *, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    event = queue.event
    return queue.closed_at is None and not event.is_cancelled and now < queue_closes_at(event)
