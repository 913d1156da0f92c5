"""Reads of events: a network's meetings, answers and counts, a person's meetings, feeds."""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from glasnik.access.selectors import organiser_scopes
from glasnik.core.object_cache import object_cache_get_until
from glasnik.networks.models import Membership, MembershipStatus, Network

from ..models import (
    AgendaItem,
    Event,
    EventStatus,
    Registration,
    RegistrationStatus,
    Rsvp,
    RsvpAnswer,
    Visibility,
)

# How far back a calendar feed reaches: enough for last month's meetings to stay in calendars.
FEED_PAST_DAYS = 180


def network_meetings(network: Network, *, members: bool) -> QuerySet[Event]:
    """The network's meetings a visitor may see: all for members and organisers, public ones
    for everyone else."""
    # Through the network's manager, each event knows its network (and so its language).
    events = network.events.all()
    if not members:
        events = events.filter(visibility=Visibility.PUBLIC)
    return events.annotate(yes_count=Count("rsvps", filter=Q(rsvps__answer=RsvpAnswer.YES)))


def network_meetings_upcoming(network: Network, *, members: bool, now: datetime | None = None):
    now = now or timezone.now()
    return (
        network_meetings(network, members=members)
        .filter(ends_at__gt=now)
        .order_by("starts_at", "pk")
    )


def network_meetings_past(network: Network, *, members: bool, now: datetime | None = None):
    now = now or timezone.now()
    return (
        network_meetings(network, members=members)
        .filter(ends_at__lte=now)
        .order_by("-starts_at", "-pk")
    )


def network_next_meetings(network: Network, *, members: bool, limit: int = 3) -> list[Event]:
    return list(
        network_meetings_upcoming(network, members=members).filter(status=EventStatus.SCHEDULED)[
            :limit
        ]
    )


def network_next_meetings_kept(network: Network, *, members: bool, limit: int) -> list[Event]:
    """`network_next_meetings`, kept with the network until the first of them is over or a
    meeting of the network is saved (`EventsConfig.ready`): the network's page shows them to
    everyone."""

    def read():
        meetings = network_next_meetings(network, members=members, limit=limit)
        return meetings, min((meeting.ends_at for meeting in meetings), default=None)

    name = f"next-meetings:{limit}:{'members' if members else 'public'}"
    return object_cache_get_until("network", network.pk, name, read)


def rsvp_answers_of(person, events) -> dict[int, str]:
    """The person's answer to each of `events`, by event id (one query)."""
    if not getattr(person, "is_authenticated", False):
        return {}
    ids = [event.pk for event in events]
    if not ids:
        return {}
    return dict(
        Rsvp.objects.filter(person=person, event_id__in=ids).values_list("event_id", "answer")
    )


def rsvp_answer_of(person, event: Event) -> str | None:
    return rsvp_answers_of(person, [event]).get(event.pk)


def meeting_rsvps(event: Event) -> list[Rsvp]:
    """Everyone who answered, for the organisers: yes first, then maybe, then no."""
    order = {RsvpAnswer.YES: 0, RsvpAnswer.MAYBE: 1, RsvpAnswer.NO: 2}
    rsvps = Rsvp.objects.filter(event=event).select_related("person")
    return sorted(
        rsvps, key=lambda rsvp: (order[rsvp.answer], rsvp.person.last_name, rsvp.person.pk)
    )


def meeting_rsvp_counts(event: Event) -> dict[str, int]:
    counts = dict.fromkeys(RsvpAnswer.values, 0)
    counts.update(
        Rsvp.objects.filter(event=event)
        .values_list("answer")
        .annotate(total=Count("pk"))
        .values_list("answer", "total")
    )
    return counts


def meeting_agenda(event: Event) -> QuerySet[AgendaItem]:
    return event.agenda_items.all()


def online_link_opens_at(event: Event) -> datetime:
    return event.starts_at - timedelta(minutes=settings.EVENTS_ONLINE_LINK_LEAD_MINUTES)


def online_link_visible(event: Event, *, user, answer: str | None, now=None) -> bool:
    """The link shows to organisers at any time and to members who said yes from shortly
    before the start until the end, so it does not travel further than the meeting."""
    if not event.is_online or event.is_cancelled or not event.online_url:
        return False
    if user.has_perm("events.manage_event", event):
        return True
    now = now or timezone.now()
    return answer == RsvpAnswer.YES and online_link_opens_at(event) <= now < event.ends_at


def person_network_ids(person) -> list[int]:
    """The networks whose members' parts the person may see: as a member or an organiser."""
    member_of = Membership.objects.filter(
        person=person, status=MembershipStatus.MEMBER
    ).values_list("network_id", flat=True)
    network_type = ContentType.objects.get_for_model(Network).pk
    organiser_of = [
        scope_id for type_id, scope_id in organiser_scopes(person) if type_id == network_type
    ]
    return sorted(set(member_of) | set(organiser_of))


def person_upcoming_meetings(person, *, now: datetime | None = None) -> QuerySet[Event]:
    now = now or timezone.now()
    return (
        Event.objects.filter(network_id__in=person_network_ids(person), ends_at__gt=now)
        .select_related("network__organization")
        .order_by("starts_at", "pk")
    )


def upcoming_events_of(*, network_ids, program_ids, now: datetime | None = None) -> list[Event]:
    """The events of these networks and programmes that have not ended and are not cancelled,
    soonest first, each with `pending_count`: registrations waiting for the organisers'
    approval. One query however many networks, programmes and events."""
    now = now or timezone.now()
    return list(
        Event.objects.filter(Q(network_id__in=network_ids) | Q(program_id__in=program_ids))
        .filter(ends_at__gt=now)
        .exclude(status=EventStatus.CANCELLED)
        .annotate(
            pending_count=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.PENDING)
            )
        )
        .only("pk", "title", "starts_at", "time_zone", "network_id", "program_id", "kind")
        .order_by("starts_at", "pk")
    )


def _for_feed(events: QuerySet[Event]) -> QuerySet[Event]:
    since = timezone.now() - timedelta(days=FEED_PAST_DAYS)
    return (
        events.filter(ends_at__gte=since)
        .select_related("network__organization", "program__organization")
        .prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("position", "pk"))
        )
        .order_by("starts_at", "pk")
    )


def feed_events_for_person(person, *, network: Network | None = None) -> QuerySet[Event]:
    """The meetings of the person's networks (or of one of them), cancelled ones included so
    calendar apps can strike them out."""
    network_ids = person_network_ids(person)
    if network is not None:
        network_ids = [pk for pk in network_ids if pk == network.pk]
        return _for_feed(Event.objects.filter(network_id__in=network_ids))
    # And the programme events (trainings, sessions) where the person has a confirmed seat.
    confirmed = Registration.objects.filter(
        person=person, status=RegistrationStatus.CONFIRMED
    ).values("event_id")
    return _for_feed(Event.objects.filter(Q(network_id__in=network_ids) | Q(pk__in=confirmed)))


def feed_events_public(network: Network) -> QuerySet[Event]:
    return _for_feed(Event.objects.filter(network=network, visibility=Visibility.PUBLIC))
