"""Organisers' operations on meetings: schedule (one-off or a series), change, cancel, set the
agenda, record the minutes and the needs meeting's outcome."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from glasnik.audit.services import log_action
from glasnik.core.object_cache import object_cache_clear
from glasnik.networks.models import Network
from glasnik.networks.services.learning_topics import network_set_learning_topics

from .. import tasks
from ..models import (
    AgendaItem,
    Event,
    EventKind,
    EventMode,
    EventSeries,
    EventStatus,
    Rsvp,
    RsvpAnswer,
)
from ..recurrence import MAX_OCCURRENCES, rrule_occurrences
from .cancellation import event_cancel, event_mark_cancelled

# What an organiser sets on a meeting; the rest is decided by the services.
MEETING_FIELDS = (
    "title",
    "description",
    "language",
    "starts_at",
    "ends_at",
    "mode",
    "venue_name",
    "venue_address",
    "map_url",
    "online_url",
    "visibility",
    "is_needs_meeting",
)
# What a series shares with each of its occurrences.
SERIES_SHARED_FIELDS = (
    "title",
    "description",
    "mode",
    "venue_name",
    "venue_address",
    "map_url",
    "online_url",
    "visibility",
)
# Changes that calendar apps and the people who come should hear about.
NOTEWORTHY_FIELDS = frozenset(
    {"starts_at", "ends_at", "mode", "venue_name", "venue_address", "online_url"}
)


def meeting_place_check(*, mode: str, venue_name: str, online_url: str) -> None:
    """An online meeting needs its link, an in-person one its venue; raises per field."""
    errors = {}
    if mode in (EventMode.ONLINE, EventMode.HYBRID) and not online_url:
        errors["online_url"] = _("An online meeting needs the link people join with.")
    if mode in (EventMode.IN_PERSON, EventMode.HYBRID) and not venue_name:
        errors["venue_name"] = _("A meeting in person needs the name of the venue.")
    if errors:
        raise ValidationError(errors)


def meeting_times_check(*, starts_at: datetime, ends_at: datetime) -> None:
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The meeting must end after it starts.")})


def _meeting_check(details: dict) -> None:
    meeting_times_check(starts_at=details["starts_at"], ends_at=details["ends_at"])
    meeting_place_check(
        mode=details["mode"],
        venue_name=details.get("venue_name", ""),
        online_url=details.get("online_url", ""),
    )


def _announce(event: Event) -> None:
    transaction.on_commit(lambda: tasks.meeting_scheduled_notify.enqueue(event_id=event.pk))


@transaction.atomic
def meeting_create(*, network: Network, actor, notify: bool = True, **details) -> Event:
    """Schedule a one-off meeting of `network`; tell the members by email when `notify`."""
    details = {key: value for key, value in details.items() if key in MEETING_FIELDS}
    _meeting_check(details)
    event = Event.objects.create(
        network=network,
        kind=EventKind.NETWORK_MEETING,
        time_zone=network.time_zone,
        created_by=actor,
        **details,
    )
    log_action("events.meeting.scheduled", actor=actor, target=event, scope=network)
    if notify and event.starts_at > timezone.now():
        _announce(event)
    return event


@transaction.atomic
def meeting_update(*, event: Event, actor, notify: bool = True, **details) -> Event:
    """Change a meeting. People who said they come hear about a new time or place."""
    if event.is_cancelled:
        raise ValidationError(_("A cancelled meeting cannot be changed."))
    details = {key: value for key, value in details.items() if key in MEETING_FIELDS}
    merged = {field: getattr(event, field) for field in MEETING_FIELDS} | details
    _meeting_check(merged)
    changed = sorted(field for field, value in details.items() if getattr(event, field) != value)
    if not changed:
        return event
    for field in changed:
        setattr(event, field, details[field])
    event.sequence += 1
    event.save(update_fields=[*changed, "sequence", "updated_at"])
    log_action(
        "events.meeting.changed",
        actor=actor,
        target=event,
        scope=event.audit_scope,
        data={"fields": changed},
    )
    if notify and NOTEWORTHY_FIELDS.intersection(changed) and event.ends_at > timezone.now():
        person_ids = _coming_person_ids(event)
        if person_ids:
            transaction.on_commit(
                lambda: tasks.meeting_changed_notify.enqueue(
                    event_id=event.pk, person_ids=person_ids
                )
            )
    return event


def _coming_person_ids(event: Event) -> list[int]:
    return list(
        Rsvp.objects.filter(event=event, answer__in=[RsvpAnswer.YES, RsvpAnswer.MAYBE])
        .order_by("pk")
        .values_list("person_id", flat=True)
    )


def meeting_cancel(*, event: Event, actor, reason: str = "") -> Event:
    """Cancel a meeting; those who said they would (or might) come are told by email."""
    return event_cancel(event=event, actor=actor, reason=reason)


@transaction.atomic
def agenda_set(*, event: Event, actor, items: list[dict]) -> list[AgendaItem]:
    """Replace the agenda with `items` (dicts of AgendaItem fields), in the given order."""
    for item in items:
        starts_at, ends_at = item.get("starts_at"), item.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            raise ValidationError(
                _("“%(title)s” must end after it starts.") % {"title": item["title"]}
            )
    event.agenda_items.all().delete()
    created = AgendaItem.objects.bulk_create(
        AgendaItem(
            event=event,
            position=position,
            title=item["title"],
            description=item.get("description", ""),
            starts_at=item.get("starts_at"),
            ends_at=item.get("ends_at"),
            room=item.get("room", ""),
            session_type=item.get("session_type")
            or AgendaItem._meta.get_field("session_type").default,
        )
        for position, item in enumerate(items)
    )
    log_action(
        "events.agenda.set",
        actor=actor,
        target=event,
        scope=event.audit_scope,
        data={"items": len(created)},
    )
    return created


@transaction.atomic
def minutes_record(*, event: Event, actor, minutes: str, needs_outcome: str | None = None) -> Event:
    """Record the minutes once the meeting has started. For the needs meeting, the outcome
    (the year's learning topics) also becomes the network's learning topics."""
    if event.starts_at > timezone.now():
        raise ValidationError(_("Minutes can be written once the meeting has started."))
    event.minutes = minutes.strip()
    event.minutes_updated_at = timezone.now()
    fields = ["minutes", "minutes_updated_at", "updated_at"]
    if event.is_needs_meeting and needs_outcome is not None:
        event.needs_outcome = needs_outcome.strip()
        fields.append("needs_outcome")
    event.save(update_fields=fields)
    log_action("events.minutes.recorded", actor=actor, target=event, scope=event.network)
    if event.is_needs_meeting and needs_outcome is not None and event.network is not None:
        network_set_learning_topics(network=event.network, topics=event.needs_outcome, actor=actor)
    return event


@transaction.atomic
def series_create(
    *,
    network: Network,
    actor,
    rrule: str,
    first_starts_at: datetime,
    duration_minutes: int,
    notify: bool = True,
    first_is_needs_meeting: bool = False,
    **shared,
) -> EventSeries:
    """Schedule a series of meetings by a recurrence rule, expanded in the network's time zone,
    one Event per occurrence (each with its own agenda, answers and minutes)."""
    shared = {key: value for key, value in shared.items() if key in SERIES_SHARED_FIELDS}
    meeting_place_check(
        mode=shared["mode"],
        venue_name=shared.get("venue_name", ""),
        online_url=shared.get("online_url", ""),
    )
    first_local = timezone.localtime(first_starts_at, timezone=ZoneInfo(network.time_zone))
    starts = rrule_occurrences(rrule, first_local=first_local, time_zone=network.time_zone)
    if len(starts) > MAX_OCCURRENCES:
        raise ValidationError(
            _("A series can have at most %(count)d meetings; end it sooner.")
            % {"count": MAX_OCCURRENCES}
        )
    series = EventSeries.objects.create(
        network=network,
        rrule=rrule,
        first_starts_at=first_starts_at,
        duration_minutes=duration_minutes,
        time_zone=network.time_zone,
        created_by=actor,
        **shared,
    )
    duration = timedelta(minutes=duration_minutes)
    Event.objects.bulk_create(
        Event(
            network=network,
            series=series,
            kind=series.kind,
            time_zone=network.time_zone,
            starts_at=start,
            ends_at=start + duration,
            is_needs_meeting=first_is_needs_meeting and number == 0,
            created_by=actor,
            **shared,
        )
        for number, start in enumerate(starts)
    )
    object_cache_clear("network", network.pk)  # its next meetings; bulk_create sends no signal
    log_action(
        "events.series.scheduled",
        actor=actor,
        target=series,
        scope=network,
        data={"rrule": rrule, "meetings": len(starts)},
    )
    if notify and starts[-1] > timezone.now():
        transaction.on_commit(lambda: tasks.series_scheduled_notify.enqueue(series_id=series.pk))
    return series


def series_upcoming(series: EventSeries):
    return series.events.filter(status=EventStatus.SCHEDULED, starts_at__gt=timezone.now())


@transaction.atomic
def series_update(*, series: EventSeries, actor, **shared) -> EventSeries:
    """Change what the series' meetings share; meetings still to come take the change, past
    ones keep what they were."""
    shared = {key: value for key, value in shared.items() if key in SERIES_SHARED_FIELDS}
    meeting_place_check(
        mode=shared.get("mode", series.mode),
        venue_name=shared.get("venue_name", series.venue_name),
        online_url=shared.get("online_url", series.online_url),
    )
    changed = sorted(field for field, value in shared.items() if getattr(series, field) != value)
    if not changed:
        return series
    for field in changed:
        setattr(series, field, shared[field])
    series.save(update_fields=[*changed, "updated_at"])
    for event in series_upcoming(series):
        meeting_update(event=event, actor=actor, **{field: shared[field] for field in changed})
    log_action(
        "events.series.changed",
        actor=actor,
        target=series,
        scope=series.network,
        data={"fields": changed},
    )
    return series


@transaction.atomic
def series_cancel(*, series: EventSeries, actor, reason: str = "") -> int:
    """Cancel every meeting of the series still to come; returns how many were cancelled."""
    events = list(series_upcoming(series).select_for_update())
    for event in events:
        event_mark_cancelled(event, actor=actor, reason=reason)
    log_action(
        "events.series.cancelled",
        actor=actor,
        target=series,
        scope=series.network,
        data={"meetings": len(events)},
    )
    return len(events)
