"""Demo meetings for `manage.py demo`: each demo network gets a monthly series whose first
meeting, in the past, was the needs meeting (with its minutes and the year's learning topics),
then past and upcoming meetings, some online and some in person; the Slovenian network's last
one is a regional meeting held in English. Idempotent."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.relativedelta import TU, WE, relativedelta
from django.db import transaction
from django.utils import timezone

from glasnik.access.models import Role
from glasnik.access.selectors import role_holders
from glasnik.networks.models import Membership, MembershipStatus, Network

from .models import EventMode, EventSeries, RsvpAnswer, SessionType, Visibility
from .recurrence import Frequency, rrule_build
from .services.meetings import agenda_set, meeting_update, minutes_record, series_create
from .services.rsvp import rsvp_set

TEXTS = {
    "sr": {
        "title": "Месечни састанак мреже",
        "description": "Састанак чланова мреже: размена искуства, добра пракса и питања.",
        "online_url": "https://meet.example.org/mreza-komunikatora",
        "venue_name": "Стална конференција градова и општина, сала 2",
        "venue_address": "Македонска 22, Београд",
        "map_url": "https://www.openstreetmap.org/search?query=Makedonska%2022%20Beograd",
        "outcome": (
            "Планирање садржаја за друштвене мреже\n"
            "Кризно комуницирање\n"
            "Видео за друштвене мреже\n"
            "Приступачност објава"
        ),
        "minutes": (
            "Присутно 14 чланова. Чланови су у анкети и разговору изабрали теме за учење "
            "ове године. Договорено је да се мрежа састаје првог уторка у месецу, "
            "наизменично онлајн и уживо."
        ),
        "agenda": [
            ("Добродошлица и вести из мреже", SessionType.TALK, 10, 15),
            ("Пример добре праксе: план објава општине", SessionType.PRACTICE, 15, 45),
            ("Размена искуства у групама", SessionType.GROUP_WORK, 45, 75),
            ("Питања и договор за следећи састанак", SessionType.DISCUSSION, 75, 90),
        ],
    },
    "sl": {
        "title": "Mesečno srečanje mreže",
        "description": "Srečanje članov mreže: izmenjava izkušenj, dobre prakse in vprašanja.",
        "online_url": "https://meet.example.org/mreza-komunikatorjev",
        "venue_name": "Skupnost občin Slovenije, sejna soba",
        "venue_address": "Partizanska cesta 47, Maribor",
        "map_url": "https://www.openstreetmap.org/search?query=Partizanska%20cesta%2047%20Maribor",
        "outcome": ("Načrtovanje vsebin na družbenih omrežjih\nOdnosi z mediji\nPisanje za splet"),
        "minutes": (
            "Prisotnih 9 članov. Člani so izbrali teme izobraževanja za letos. Dogovorili smo "
            "se, da se mreža srečuje prvo sredo v mesecu."
        ),
        "agenda": [
            ("Pozdrav in novice", SessionType.TALK, 10, 15),
            ("Primer dobre prakse občine", SessionType.PRACTICE, 15, 45),
            ("Razprava in dogovor", SessionType.DISCUSSION, 45, 90),
        ],
        # With guests from Croatia and Serbia, in English.
        "regional": {
            "title": "Regional meeting: communicators of Slovenia, Croatia and Serbia",
            "description": (
                "Guests from the Croatian and Serbian networks of communicators present their "
                "content calendars; the meeting is held in English."
            ),
            "language": "en",
            "visibility": Visibility.PUBLIC,
        },
    },
}


def _first_start(network: Network, weekday) -> datetime:
    """The first meeting: the given weekday of the month before last, at 10:00."""
    zone = ZoneInfo(network.time_zone)
    today = timezone.localdate(timezone=zone)
    first_day = today.replace(day=1) - relativedelta(months=2)
    return datetime.combine(first_day + relativedelta(weekday=weekday(+1)), time(10), zone)


def _demo_network(network: Network) -> None:
    if EventSeries.objects.filter(network=network).exists():
        return
    texts = TEXTS["sl" if network.time_zone == "Europe/Ljubljana" else "sr"]
    organiser = role_holders(Role.ORGANISER, network).order_by("pk").first()
    first = _first_start(network, WE if network.time_zone == "Europe/Ljubljana" else TU)
    series = series_create(
        network=network,
        actor=organiser,
        rrule=rrule_build(frequency=Frequency.MONTHLY_WEEKDAY, first=first.date(), count=8),
        first_starts_at=first,
        duration_minutes=90,
        first_is_needs_meeting=True,
        notify=False,
        title=texts["title"],
        description=texts["description"],
        mode=EventMode.ONLINE,
        online_url=texts["online_url"],
        visibility=Visibility.MEMBERS,
    )
    events = list(series.events.order_by("starts_at"))
    needs, *others = events
    minutes_record(
        event=needs, actor=organiser, minutes=texts["minutes"], needs_outcome=texts["outcome"]
    )
    now = timezone.now()
    upcoming = [event for event in others if event.starts_at > now]
    # Every other upcoming meeting in person, and public, so visitors see the network meet.
    for event in upcoming[1::2]:
        meeting_update(
            event=event,
            actor=organiser,
            notify=False,
            mode=EventMode.IN_PERSON,
            venue_name=texts["venue_name"],
            venue_address=texts["venue_address"],
            map_url=texts["map_url"],
            online_url="",
            visibility=Visibility.PUBLIC,
        )
    if upcoming:
        _demo_agenda(upcoming[0], organiser, texts["agenda"])
        _demo_answers(upcoming[0])
    regional = texts.get("regional")
    if regional and len(upcoming) > 2:
        # A meeting held in another language than the network's, and marked so.
        meeting_update(event=upcoming[-1], actor=organiser, notify=False, **regional)


def _demo_agenda(event, organiser, agenda) -> None:
    items = [
        {
            "title": title,
            "session_type": session_type,
            "starts_at": event.starts_at + timedelta(minutes=start),
            "ends_at": event.starts_at + timedelta(minutes=end),
        }
        for title, session_type, start, end in agenda
    ]
    agenda_set(event=event, actor=organiser, items=items)


def _demo_answers(event) -> None:
    memberships = (
        Membership.objects.filter(network=event.network, status=MembershipStatus.MEMBER)
        .select_related("person")
        .order_by("pk")
    )
    answers = [RsvpAnswer.YES, RsvpAnswer.MAYBE, RsvpAnswer.YES]
    # The first member is left to answer in the demo themselves.
    for membership, answer in zip(list(memberships)[1:], answers, strict=False):
        rsvp_set(event=event, person=membership.person, answer=answer)


@transaction.atomic
def demo_events(networks) -> None:
    for network in networks:
        _demo_network(network)
