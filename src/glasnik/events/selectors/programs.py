"""A programme's events, as its public page and calendar feed show them."""

from datetime import timedelta

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from glasnik.programs.models import Program

from ..models import SEAT_HOLDING_STATUSES, Event, EventKind, Registration, Visibility

# What a programme's public page calls its events (a network meeting is never one of them).
PROGRAM_EVENT_KINDS = (
    EventKind.TRAINING,
    EventKind.ONLINE_SESSION,
    EventKind.WEBINAR,
    EventKind.PUBLIC_EVENT,
)
FEED_PAST_DAYS = 180


def program_events(program: Program, *, everyone: bool = False) -> QuerySet[Event]:
    """The programme's events with the seats taken: public ones, or all of them (`everyone`)
    for participants and the team."""
    # Through the programme's manager, each event knows its programme (and so its language).
    events = program.events.filter(kind__in=PROGRAM_EVENT_KINDS)
    if not everyone:
        events = events.filter(visibility=Visibility.PUBLIC)
    seats = (
        Registration.objects.filter(event=OuterRef("pk"), status__in=SEAT_HOLDING_STATUSES)
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return events.annotate(seats_taken=Coalesce(Subquery(seats), 0)).order_by("starts_at", "pk")


def program_feed_events(program: Program) -> QuerySet[Event]:
    """The programme's public events for its calendar feed, cancelled ones included so that
    calendar apps strike them out."""
    since = timezone.now() - timedelta(days=FEED_PAST_DAYS)
    return (
        program_events(program)
        .filter(ends_at__gte=since)
        .prefetch_related(
            # The feed lists the agenda's titles only.
            "agenda_items"
        )
    )
