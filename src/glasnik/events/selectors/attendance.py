"""Reads of attendance: an event's days and sessions, the check-in list, the attendance sheet,
and the certificate rule (which days a registration attended, and whether that is enough).

The rule, in one place: only a CONFIRMED registration attends. Without `attendance_by_session`
a day counts when the person has a present day-level row for it. With `attendance_by_session` a
day counts when the person was present at at least one session of that day (day-level rows are
then ignored, so switching the mode after check-in starts does not mix the two). Rows for dates
that are no longer event days (the event was moved) never count.
"""

import zoneinfo
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from glasnik.core.transliteration import search_key

from ..models import AgendaItem, Attendance, Event, Registration, RegistrationStatus

SEARCH_WORDS = 5


def _zone(event: Event) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(event.time_zone)


def event_local_date(event: Event, moment: datetime) -> date:
    """The calendar date of `moment` where the event takes place."""
    return timezone.localtime(moment, _zone(event)).date()


def event_today(event: Event, *, now: datetime | None = None) -> date:
    return event_local_date(event, now or timezone.now())


def is_event_day(event: Event, day: date) -> bool:
    return day in event.days


def session_day(event: Event, item: AgendaItem) -> date:
    """The day a session belongs to; a session without a start time belongs to the first day."""
    if item.starts_at is None:
        return event.days[0]
    return event_local_date(event, item.starts_at)


def event_sessions(event: Event) -> list[AgendaItem]:
    """The event's sessions that attendance can be taken at (breaks left out), in order."""
    items = AgendaItem.objects.filter(event=event).exclude(session_type="break")
    return sorted(items, key=lambda item: (session_day(event, item), item.position, item.pk))


def sessions_by_day(event: Event) -> dict[date, list[AgendaItem]]:
    days = {day: [] for day in event.days}
    for item in event_sessions(event):
        days.setdefault(session_day(event, item), []).append(item)
    return days


def session_under_way(
    event: Event, *, now: datetime | None = None, lead_minutes: int = 15
) -> AgendaItem | None:
    """The session going on now (or starting within `lead_minutes`), for check-in by code or
    QR code when attendance is taken per session."""
    now = now or timezone.now()
    for item in event_sessions(event):
        if item.starts_at is None:
            continue
        ends_at = item.ends_at or item.starts_at + timedelta(hours=1)
        if item.starts_at - timedelta(minutes=lead_minutes) <= now < ends_at:
            return item
    return None


def confirmed_registrations(event: Event) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
        .select_related("person", "organization")
        .order_by("person__last_name", "person__first_name", "pk")
    )


def registration_by_token(token: str) -> Registration | None:
    return (
        Registration.objects.filter(checkin_token=token)
        .select_related(
            "person", "organization", "event__program__organization", "event__network__organization"
        )
        .first()
    )


def _name_key(registration: Registration) -> str:
    person = registration.person
    return search_key(f"{person.first_name} {person.last_name} {person.email}")


def _matches(registration: Registration, words: list[str]) -> bool:
    key = _name_key(registration)
    return all(word in key for word in words)


@dataclass
class CheckinList:
    day: date
    session: AgendaItem | None
    rows: list[Registration]
    confirmed: int
    present: int
    search: str = ""
    matched: int = field(default=0)


def checkin_list(
    event: Event, *, day: date, session: AgendaItem | None = None, search: str = ""
) -> CheckinList:
    """The confirmed registrations, each with `is_present` for the day (or session), found by
    name in either script. Counts cover everyone, not only those found. One query."""
    present = Attendance.objects.filter(registration=OuterRef("pk"), is_present=True)
    if session is not None:
        present = present.filter(agenda_item=session)
    else:
        present = present.filter(day=day, agenda_item__isnull=True)
    registrations = list(confirmed_registrations(event).annotate(is_present=Exists(present)))
    words = [search_key(word) for word in search.split()[:SEARCH_WORDS]]
    words = [word for word in words if word]
    rows = [r for r in registrations if _matches(r, words)] if words else registrations
    return CheckinList(
        day=day,
        session=session,
        rows=rows,
        confirmed=len(registrations),
        present=sum(1 for r in registrations if r.is_present),
        search=search,
        matched=len(rows),
    )


def checkin_row(event: Event, *, registration_pk: int, day: date, session=None) -> Registration:
    present = Attendance.objects.filter(registration=OuterRef("pk"), is_present=True)
    if session is not None:
        present = present.filter(agenda_item=session)
    else:
        present = present.filter(day=day, agenda_item__isnull=True)
    return (
        confirmed_registrations(event).annotate(is_present=Exists(present)).get(pk=registration_pk)
    )


def attendance_of(registration: Registration) -> list[Attendance]:
    return list(
        Attendance.objects.filter(registration=registration)
        .select_related("agenda_item")
        .order_by("day", "agenda_item__position", "pk")
    )


def _attended_days(event: Event, rows) -> set[date]:
    """The event days among `rows` (Attendance rows of one registration) that count."""
    days = set(event.days)
    if event.attendance_by_session:
        counted = {row.day for row in rows if row.is_present and row.agenda_item_id is not None}
    else:
        counted = {row.day for row in rows if row.is_present and row.agenda_item_id is None}
    return counted & days


def attended_days(registration: Registration) -> set[date]:
    """The event days the registration attended (see the module's docstring for the rule)."""
    if registration.status != RegistrationStatus.CONFIRMED:
        return set()
    rows = Attendance.objects.filter(registration=registration, is_present=True).only(
        "day", "agenda_item_id", "is_present"
    )
    return _attended_days(registration.event, rows)


def required_day_count(event: Event) -> int:
    """How many days the certificate requires: `required_days`, or every day when empty (never
    more days than the event has)."""
    total = len(event.days)
    if event.required_days is None:
        return total
    return min(event.required_days, total)


def _rule_verdict(registration: Registration, attended: int) -> tuple[bool, str]:
    event = registration.event
    total = len(event.days)
    required = required_day_count(event)
    if attended >= required:
        return True, ""
    return False, ngettext(
        "Attended %(attended)s of %(total)s day; the certificate requires %(required)s.",
        "Attended %(attended)s of %(total)s days; the certificate requires %(required)s.",
        total,
    ) % {"attended": attended, "total": total, "required": required}


def meets_attendance_rule(registration: Registration) -> tuple[bool, str]:
    """Whether the registration meets the event's attendance rule for a certificate, and a
    translated reason when it does not."""
    if registration.status != RegistrationStatus.CONFIRMED:
        return False, _("The registration is not confirmed.")
    return _rule_verdict(registration, len(attended_days(registration)))


def meets_attendance_rule_each(registrations) -> dict[int, tuple[bool, str]]:
    """`meets_attendance_rule` for many registrations (their events already loaded), by
    registration id, in one query however many there are."""
    registrations = list(registrations)
    rows = defaultdict(list)
    confirmed = [r.pk for r in registrations if r.status == RegistrationStatus.CONFIRMED]
    for row in Attendance.objects.filter(registration_id__in=confirmed, is_present=True).only(
        "registration_id", "day", "agenda_item_id", "is_present"
    ):
        rows[row.registration_id].append(row)
    return {
        registration.pk: (
            _rule_verdict(
                registration, len(_attended_days(registration.event, rows[registration.pk]))
            )
            if registration.status == RegistrationStatus.CONFIRMED
            else (False, _("The registration is not confirmed."))
        )
        for registration in registrations
    }


def confirmed_meeting_rule(events: list[Event]) -> dict[tuple[int, int], bool]:
    """For every confirmed registration of `events`: whether it meets its event's attendance
    rule, by (event id, person id). The same rule as `meets_attendance_rule`, in two queries."""
    by_id = {event.pk: event for event in events}
    rows = defaultdict(list)
    for row in Attendance.objects.filter(
        registration__event__in=events,
        registration__status=RegistrationStatus.CONFIRMED,
        is_present=True,
    ).only("registration_id", "day", "agenda_item_id", "is_present"):
        rows[row.registration_id].append(row)
    required = {event.pk: required_day_count(event) for event in events}
    return {
        (event_id, person_id): len(_attended_days(by_id[event_id], rows[pk])) >= required[event_id]
        for pk, event_id, person_id in Registration.objects.filter(
            event__in=events, status=RegistrationStatus.CONFIRMED
        ).values_list("pk", "event_id", "person_id")
    }


@dataclass
class SheetColumn:
    day: date
    session: AgendaItem | None = None

    @property
    def key(self) -> tuple:
        return (self.day, self.session.pk if self.session else None)


@dataclass
class SheetCell:
    column: SheetColumn
    attendance: Attendance | None

    @property
    def is_present(self) -> bool:
        return self.attendance is not None and self.attendance.is_present

    @property
    def is_absent(self) -> bool:
        return self.attendance is not None and not self.attendance.is_present


@dataclass
class SheetRow:
    registration: Registration
    cells: list[SheetCell]
    days_attended: int
    meets_rule: bool


@dataclass
class AttendanceSheet:
    event: Event
    columns: list[SheetColumn]
    rows: list[SheetRow]
    required: int
    day_totals: dict[date, int]


def attendance_columns(event: Event) -> list[SheetColumn]:
    if event.attendance_by_session:
        return [
            SheetColumn(day=day, session=item)
            for day, items in sessions_by_day(event).items()
            for item in items
        ]
    return [SheetColumn(day=day) for day in event.days]


def attendance_sheet(event: Event) -> AttendanceSheet:
    """People × days (or sessions) for the organisers: three queries whatever the size."""
    columns = attendance_columns(event)
    registrations = list(confirmed_registrations(event))
    by_registration: dict[int, list[Attendance]] = {}
    records = Attendance.objects.filter(
        registration__event=event, registration__status=RegistrationStatus.CONFIRMED
    )
    for row in records:
        by_registration.setdefault(row.registration_id, []).append(row)
    required = required_day_count(event)
    rows, day_totals = [], dict.fromkeys(event.days, 0)
    for registration in registrations:
        records = by_registration.get(registration.pk, [])
        by_key = {(record.day, record.agenda_item_id): record for record in records}
        cells = [SheetCell(column, by_key.get(column.key)) for column in columns]
        attended = _attended_days(event, records)
        for day in attended:
            day_totals[day] += 1
        rows.append(SheetRow(registration, cells, len(attended), len(attended) >= required))
    return AttendanceSheet(event, columns, rows, required, day_totals)
