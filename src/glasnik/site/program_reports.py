"""Reports for a programme's organisers (a site page: they read enrolments, attendance,
feedback and certificates), computed from the models in a fixed number of queries
(however many events and registrations there are). Aggregates only, never a person's row."""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

import tablib
from django.db.models import Avg, Count, Q
from django.utils.translation import gettext as _

from glasnik.accounts.models import Gender
from glasnik.certificates.models import Certificate, CertificateKind
from glasnik.core.exports import export_dataset
from glasnik.events.models import (
    Attendance,
    Event,
    EventStatus,
    FeedbackResponse,
    LecturerRating,
    Registration,
    RegistrationStatus,
)
from glasnik.events.selectors.attendance import confirmed_meeting_rule
from glasnik.events.selectors.programs import PROGRAM_EVENT_KINDS
from glasnik.mentoring.pair_selectors import program_activity
from glasnik.organizations.models import OrganizationKind
from glasnik.programs.models import Enrolment, EnrolmentStatus, Program
from glasnik.surveys.knowledge import knowledge_gain, knowledge_pairs


@dataclass
class Row:
    """One line of a report: a label, its figures, and the value its chart bar shows."""

    label: str
    values: list
    bar: float = 0.0  # what the chart draws
    bar_text: str = ""  # the bar's value as read aloud / printed


@dataclass
class Report:
    key: str
    title: str
    description: str
    headers: list[str]
    rows: list[Row] = field(default_factory=list)
    # The chart's scale: 100 for percentages, 5 for ratings, else the largest value.
    scale: float = 0.0

    def __post_init__(self):
        self.scale = self.scale or max((row.bar for row in self.rows), default=0) or 1

    @property
    def chart(self) -> list[dict]:
        return [
            {
                "label": row.label,
                # A string, so that no locale turns the decimal point into a comma.
                "width": f"{min(100.0, 100 * row.bar / self.scale):.1f}" if self.scale else "0",
                "text": row.bar_text or _number(row.bar),
            }
            for row in self.rows
        ]


def _number(value) -> str:
    if isinstance(value, float):
        return f"{value:.1f}".rstrip("0").rstrip(".") if value % 1 else str(int(value))
    return str(value)


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _events(program: Program) -> list[Event]:
    return list(
        Event.objects.filter(program=program, kind__in=PROGRAM_EVENT_KINDS).order_by(
            "starts_at", "pk"
        )
    )


def registrations_report(program: Program, events: list[Event]) -> Report:
    counts = defaultdict(Counter)
    for event_id, status, n in (
        Registration.objects.filter(event__program=program)
        .values_list("event_id", "status")
        .annotate(n=Count("pk"))
        .values_list("event_id", "status", "n")
    ):
        counts[event_id][status] = n
    shown = [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.PENDING,
        RegistrationStatus.WAITLISTED,
        RegistrationStatus.OFFERED,
        RegistrationStatus.CANCELLED,
    ]
    rows = []
    for event in events:
        figures = [counts[event.pk][status] for status in shown]
        rows.append(
            Row(
                label=event.title,
                values=[event.capacity or "", *figures, sum(counts[event.pk].values())],
                bar=figures[0],
            )
        )
    return Report(
        key="registrations",
        title=_("Registrations"),
        description=_("Registrations per event by status; the chart shows confirmed seats."),
        headers=[
            _("Event"),
            _("Seats"),
            *[RegistrationStatus(status).label for status in shown],
            _("All registrations"),
        ],
        rows=rows,
    )


def _presence(program: Program) -> dict[tuple[int, date], int]:
    """How many registered people were present, per (event, day): one query."""
    return {
        (event_id, day): n
        for event_id, day, n in Attendance.objects.filter(
            registration__event__program=program,
            registration__status=RegistrationStatus.CONFIRMED,
            is_present=True,
        )
        .values_list("registration__event_id", "day")
        .annotate(n=Count("registration", distinct=True))
        .values_list("registration__event_id", "day", "n")
    }


def _confirmed_seats_by_event(program: Program) -> dict[int, int]:
    return dict(
        Registration.objects.filter(event__program=program, status=RegistrationStatus.CONFIRMED)
        .values_list("event_id")
        .annotate(n=Count("pk"))
        .values_list("event_id", "n")
    )


def attendance_reports(
    program: Program, events: list[Event], confirmed: dict[int, int]
) -> tuple[Report, Report]:
    presence = _presence(program)
    per_event, per_day = [], []
    for event in events:
        if event.status == EventStatus.CANCELLED:
            continue
        days = event.days
        seats = confirmed.get(event.pk, 0)
        present_days = sum(presence.get((event.pk, day), 0) for day in days)
        rate = _percent(present_days, seats * len(days))
        per_event.append(
            Row(
                label=event.title,
                values=[len(days), seats, present_days, rate],
                bar=rate,
                bar_text=f"{_number(rate)} %",
            )
        )
        for number, day in enumerate(days, start=1):
            present = presence.get((event.pk, day), 0)
            day_rate = _percent(present, seats)
            per_day.append(
                Row(
                    label=_("%(event)s, day %(number)d (%(date)s)")
                    % {"event": event.title, "number": number, "date": day.isoformat()},
                    values=[seats, present, day_rate],
                    bar=day_rate,
                    bar_text=f"{_number(day_rate)} %",
                )
            )
    return (
        Report(
            key="attendance_events",
            title=_("Attendance rate per event"),
            description=_(
                "Days present of confirmed participants, as a share of their days registered."
            ),
            headers=[
                _("Event"),
                _("Days"),
                _("Confirmed"),
                _("Days present"),
                _("Attendance rate (%)"),
            ],
            rows=per_event,
            scale=100,
        ),
        Report(
            key="attendance_days",
            title=_("Attendance rate per day"),
            description=_("Confirmed participants present on each day of each event."),
            headers=[_("Day"), _("Confirmed"), _("Present"), _("Attendance rate (%)")],
            rows=per_day,
            scale=100,
        ),
    )


def _participants(program: Program):
    return Enrolment.objects.filter(program=program, status=EnrolmentStatus.ENROLLED)


def _breakdown(key, title, description, first_header, pairs, total) -> Report:
    return Report(
        key=key,
        title=title,
        description=description,
        headers=[first_header, _("Participants"), _("Share (%)")],
        rows=[
            Row(label=label, values=[count, _percent(count, total)], bar=count)
            for label, count in pairs
        ],
    )


def participant_reports(program: Program) -> list[Report]:
    participants = _participants(program)
    by_institution = list(
        participants.values_list("organization__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "organization__name")
        .values_list("organization__name", "n")
    )
    total = sum(n for _name, n in by_institution)
    kinds = dict(
        participants.values_list("organization__kind")
        .annotate(n=Count("pk"))
        .values_list("organization__kind", "n")
    )
    regions = Counter()
    for region, n in (
        participants.values_list("organization__region")
        .annotate(n=Count("pk"))
        .values_list("organization__region", "n")
    ):
        regions[region or ""] += n
    genders = Counter()
    for gender, n in (
        participants.values_list("person__gender")
        .annotate(n=Count("pk"))
        .values_list("person__gender", "n")
    ):
        # Not given and "prefer not to say" are one group: neither says anything.
        genders[gender if gender in (Gender.FEMALE, Gender.MALE, Gender.OTHER) else ""] += n
    not_given = _("Prefer not to say or not given")
    return [
        _breakdown(
            "institutions",
            _("Participants by institution"),
            _("Enrolled participants per institution."),
            _("Institution"),
            by_institution,
            total,
        ),
        _breakdown(
            "institution_kinds",
            _("Participants by kind of institution"),
            _("Enrolled participants per kind of institution."),
            _("Kind of institution"),
            [(OrganizationKind(kind).label, n) for kind, n in sorted(kinds.items())],
            total,
        ),
        _breakdown(
            "regions",
            _("Participants by region"),
            _("Enrolled participants per region of their institution."),
            _("Region"),
            [
                (region or _("Region not known"), n)
                for region, n in sorted(regions.items(), key=lambda item: (-item[1], item[0]))
            ],
            total,
        ),
        _breakdown(
            "gender",
            _("Participants by gender"),
            _("Counts only; people who prefer not to say or did not say are counted together."),
            _("Gender"),
            [
                (Gender(gender).label, genders[gender])
                for gender in (Gender.FEMALE, Gender.MALE, Gender.OTHER)
            ]
            + [(not_given, genders[""])],
            total,
        ),
    ]


def satisfaction_reports(program: Program, events: list[Event]) -> tuple[Report, Report]:
    by_event = {
        event_id: (average, n)
        for event_id, average, n in FeedbackResponse.objects.filter(event__program=program)
        .values_list("event_id")
        .annotate(average=Avg("rating"), n=Count("pk"))
        .values_list("event_id", "average", "n")
    }
    event_rows = []
    for event in events:
        average, n = by_event.get(event.pk, (None, 0))
        if not n:
            continue
        average = round(average, 2)
        event_rows.append(
            Row(label=event.title, values=[n, average], bar=average, bar_text=f"{average:.2f}")
        )
    lecturer_rows = []
    for name, average, n in (
        LecturerRating.objects.filter(response__event__program=program)
        .values_list("lecturer_id", "lecturer__name")
        .annotate(average=Avg("rating"), n=Count("pk"))
        .order_by("lecturer__name", "lecturer_id")
        .values_list("lecturer__name", "average", "n")
    ):
        average = round(average, 2)
        lecturer_rows.append(
            Row(label=name, values=[n, average], bar=average, bar_text=f"{average:.2f}")
        )
    headers = [_("Ratings"), _("Average (1–5)")]
    return (
        Report(
            key="satisfaction_events",
            title=_("Satisfaction per event"),
            description=_("Average rating of each event, from 1 (poor) to 5 (excellent)."),
            headers=[_("Event"), *headers],
            rows=event_rows,
            scale=5,
        ),
        Report(
            key="satisfaction_lecturers",
            title=_("Satisfaction per lecturer"),
            description=_("Average rating of each lecturer across the programme's events."),
            headers=[_("Lecturer"), *headers],
            rows=lecturer_rows,
            scale=5,
        ),
    )


def completion_report(program: Program, events: list[Event], confirmed: dict[int, int]) -> Report:
    """Certificates issued against the people who met the attendance rule: per event
    (attendance) and for the whole programme (completion)."""
    counted = [
        event
        for event in events
        if event.registration_enabled and event.status != EventStatus.CANCELLED
    ]
    met_by_event = Counter()
    met_by_person = defaultdict(set)
    for (event_id, person_id), met in confirmed_meeting_rule(counted).items():
        if met:
            met_by_event[event_id] += 1
            met_by_person[person_id].add(event_id)
    issued = Counter(
        dict(
            Certificate.objects.filter(
                event__in=counted, kind=CertificateKind.ATTENDANCE, revoked_at__isnull=True
            )
            .values_list("event_id")
            .annotate(n=Count("pk"))
            .values_list("event_id", "n")
        )
    )
    rows = []
    for event in counted:
        eligible = met_by_event[event.pk]
        share = _percent(issued[event.pk], eligible)
        rows.append(
            Row(
                label=event.title,
                values=[confirmed.get(event.pk, 0), eligible, issued[event.pk], share],
                bar=share,
                bar_text=f"{_number(share)} %",
            )
        )
    all_events = {event.pk for event in counted}
    enrolled = set(_participants(program).values_list("person_id", flat=True))
    eligible = (
        sum(1 for person in enrolled if met_by_person[person] >= all_events) if all_events else 0
    )
    completions = Certificate.objects.filter(
        program=program,
        event__isnull=True,
        kind=CertificateKind.COMPLETION,
        revoked_at__isnull=True,
    ).count()
    share = _percent(completions, eligible)
    rows.append(
        Row(
            label=_("The whole programme (completion)"),
            values=[len(enrolled), eligible, completions, share],
            bar=share,
            bar_text=f"{_number(share)} %",
        )
    )
    return Report(
        key="completion",
        title=_("Completion and certificates"),
        description=_(
            "People who met the attendance rule and the certificates issued to them. For the "
            "whole programme: enrolled participants who met the rule of every event that "
            "takes registrations."
        ),
        headers=[
            _("Event"),
            _("Confirmed or enrolled"),
            _("Met the rule"),
            _("Certificates issued"),
            _("Issued of eligible (%)"),
        ],
        rows=rows,
        scale=100,
    )


def _gain_values(gain) -> list:
    return [
        gain.people,
        round(gain.pre, 1),
        round(gain.post, 1),
        round(gain.difference, 1),
        "—" if gain.gain is None else round(gain.gain, 2),
    ]


def _gain_bar(gain) -> dict:
    if gain.gain is None:
        return {"bar": 0.0, "bar_text": "—"}
    return {"bar": max(0.0, 100 * gain.gain), "bar_text": f"{gain.gain:.2f}"}


def knowledge_reports(program: Program) -> list[Report]:
    """Per pair of knowledge tests (before and after a training), the average learning gain
    by institution and of all who took both."""
    reports = []
    for post_test in knowledge_pairs(Q(program=program)):
        gain = knowledge_gain(post_test, no_institution=_("Institution not known"))
        rows = [
            Row(label=row.label, values=_gain_values(row), **_gain_bar(row))
            for row in gain.institutions
        ]
        if gain.total is not None:
            total = gain.total
            rows.append(
                Row(
                    label=_("All participants"),
                    values=_gain_values(total),
                    **_gain_bar(total),
                )
            )
        reports.append(
            Report(
                key=f"knowledge-{post_test.pk}",
                title=_("Learning gain: %(title)s") % {"title": post_test.title},
                description=_(
                    "Average scores of the people who took the knowledge test both before and "
                    "after the training (out of %(maximum)s points), and their average "
                    "normalised gain (after − before) / (maximum − before)."
                )
                % {"maximum": gain.maximum},
                headers=[
                    _("Institution"),
                    _("People"),
                    _("Before (average)"),
                    _("After (average)"),
                    _("Difference"),
                    _("Normalised gain (average)"),
                ],
                rows=rows,
                scale=100,
            )
        )
    return reports


def mentoring_report(program: Program) -> Report:
    """Mentoring in the programme: sessions held, questions answered, reviews of work done,
    pairs and their meetings."""
    activity = program_activity(program)
    figures = [
        (_("Online sessions held"), activity.sessions_held),
        (_("Questions answered"), activity.questions_answered),
        (_("Reviews done"), activity.reviews_done),
        (_("Reviews approved"), activity.reviews_approved),
        (_("Mentoring pairs"), activity.pairs),
        (_("Meetings of the pairs"), activity.pair_meetings),
    ]
    return Report(
        key="mentoring",
        title=_("Mentoring activity"),
        description=_(
            "The programme's online sessions held and their questions answered, the reviews of "
            "participants' work returned by the mentors, and the one-to-one pairs."
        ),
        headers=[_("Activity"), _("Count")],
        rows=[Row(label=label, values=[count], bar=count) for label, count in figures],
    )


def program_reports(program: Program) -> list[Report]:
    """Every report of the programme, in the order the page shows them."""
    events = _events(program)
    confirmed = _confirmed_seats_by_event(program)
    attendance_events, attendance_days = attendance_reports(program, events, confirmed)
    satisfaction_events, satisfaction_lecturers = satisfaction_reports(program, events)
    return [
        registrations_report(program, events),
        attendance_events,
        attendance_days,
        *participant_reports(program),
        satisfaction_events,
        satisfaction_lecturers,
        completion_report(program, events, confirmed),
        *knowledge_reports(program),
        mentoring_report(program),
    ]


def reports_databook(reports: list[Report]) -> tablib.Databook:
    """One sheet per report, in the reader's script and safe from formula injection."""
    return tablib.Databook(
        [
            export_dataset(
                headers=report.headers,
                rows=[[row.label, *row.values] for row in report.rows],
                title=re.sub(r"[\[\]:*?/\\]", " ", report.title),
            )
            for report in reports
        ]
    )
