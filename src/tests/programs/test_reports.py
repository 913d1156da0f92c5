"""Reports on known data: registrations, attendance per event and day, participants by
institution, kind, region and gender, satisfaction per event and lecturer, completion; the
page's charts and tables, its constant query count, and the XLSX read back."""

import io
from datetime import timedelta
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from factories.certificates import AttendanceCertificateFactory
from factories.events import (
    AttendanceFactory,
    FeedbackResponseFactory,
    LecturerFactory,
    LecturerRatingFactory,
    RegistrationFactory,
)

from glasnik.events.models import RegistrationStatus
from glasnik.site.program_reports import program_reports

pytestmark = pytest.mark.django_db


def by_key(program) -> dict:
    return {report.key: report for report in program_reports(program)}


def table(report) -> list:
    return [[row.label, *row.values] for row in report.rows]


@pytest.fixture
def known(program, make_event, make_enrolment, make_organization):
    """Two events (a two-day training, a one-day session), four participants."""
    training = make_event(title="Trening", length_days=2, capacity=10, days=-10, required_days=2)
    session = make_event(title="Sesija", length_days=1, capacity=None, days=-5)
    city = make_organization("Grad Niš", kind="city", region="Nišavski okrug")
    village = make_organization("Opština Bor", kind="municipality", region="Borski okrug")
    people = [
        make_enrolment(organization=city, gender="female"),
        make_enrolment(organization=city, gender="male"),
        make_enrolment(organization=village, gender="undisclosed"),
        make_enrolment(organization=village, gender=""),
    ]
    registrations = {}
    for number, enrolment in enumerate(people):
        registrations[number] = RegistrationFactory(
            event=training,
            person=enrolment.person,
            organization=enrolment.organization,
            status=RegistrationStatus.CONFIRMED if number < 3 else RegistrationStatus.WAITLISTED,
        )
    RegistrationFactory(event=session, person=people[0].person, organization=None)
    RegistrationFactory(
        event=session,
        person=people[1].person,
        organization=None,
        status=RegistrationStatus.CANCELLED,
    )
    zone_day = timezone.localtime(training.starts_at).date()
    first, second = zone_day, zone_day + timedelta(days=1)
    # Person 0 both days, person 1 the first day only, person 2 none.
    for registration, day in [
        (registrations[0], first),
        (registrations[0], second),
        (registrations[1], first),
    ]:
        AttendanceFactory(registration=registration, day=day)
    AttendanceFactory(registration=registrations[2], day=first, is_present=False)
    AttendanceCertificateFactory(
        person=people[0].person,
        event=training,
        holder_name="Ana",
        title="Trening",
        dates="…",
        language="en",
    )
    lecturer = LecturerFactory(name="Dragan Ilić", slug="dragan-ilic")
    for rating, lecturer_rating in [(5, 4), (4, 5), (3, None)]:
        response = FeedbackResponseFactory(event=training, rating=rating)
        if lecturer_rating:
            LecturerRatingFactory(response=response, lecturer=lecturer, rating=lecturer_rating)
    return {"training": training, "session": session, "first": first, "second": second}


def test_registrations_report(program, known):
    assert table(by_key(program)["registrations"]) == [
        ["Trening", 10, 3, 0, 1, 0, 0, 4],
        ["Sesija", "", 1, 0, 0, 0, 1, 2],
    ]


def test_attendance_per_event_and_day(program, known):
    reports = by_key(program)
    # Training: 3 confirmed × 2 days = 6 person-days, 3 present → 50 %.
    assert table(reports["attendance_events"]) == [
        ["Trening", 2, 3, 3, 50.0],
        ["Sesija", 1, 1, 0, 0.0],
    ]
    first, second = known["first"].isoformat(), known["second"].isoformat()
    session_day = known["session"].starts_at.astimezone(ZoneInfo("Europe/Belgrade")).date()
    assert table(reports["attendance_days"]) == [
        [f"Trening, day 1 ({first})", 3, 2, 66.7],
        [f"Trening, day 2 ({second})", 3, 1, 33.3],
        [f"Sesija, day 1 ({session_day})", 1, 0, 0.0],
    ]


def test_participants_by_institution_kind_region_and_gender(program, known):
    reports = by_key(program)
    assert table(reports["institutions"]) == [["Grad Niš", 2, 50.0], ["Opština Bor", 2, 50.0]]
    assert table(reports["institution_kinds"]) == [["City", 2, 50.0], ["Municipality", 2, 50.0]]
    assert table(reports["regions"]) == [["Borski okrug", 2, 50.0], ["Nišavski okrug", 2, 50.0]]
    assert table(reports["gender"]) == [
        ["Female", 1, 25.0],
        ["Male", 1, 25.0],
        ["Other", 0, 0.0],
        ["Prefer not to say or not given", 2, 50.0],
    ]


def test_satisfaction_per_event_and_lecturer(program, known):
    reports = by_key(program)
    assert table(reports["satisfaction_events"]) == [["Trening", 3, 4.0]]
    assert table(reports["satisfaction_lecturers"]) == [["Dragan Ilić", 2, 4.5]]


def test_completion_counts_eligible_and_issued(program, known):
    # Training requires both days: only person 0 met it, and holds a certificate.
    assert table(by_key(program)["completion"]) == [
        ["Trening", 3, 1, 1, 100.0],
        ["Sesija", 1, 0, 0, 0.0],
        ["The whole programme (completion)", 4, 0, 0, 0.0],
    ]


def test_report_page_shows_charts_and_tables(program_organiser_client, program, known):
    response = program_organiser_client.get(reverse("programs:reports", args=[program.slug]))
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count('<figure class="bar-chart">') == 11  # with mentoring activity
    assert 'class="bar-fill" x="0" y="0" width="50.0"' in content
    assert "style=" not in content  # CSP: no inline styles


def test_report_page_query_count_does_not_grow(
    program_organiser_client, program, known, make_event
):
    path = reverse("programs:reports", args=[program.slug])

    def queries() -> int:
        program_organiser_client.get(path)
        with CaptureQueriesContext(connection) as captured:
            program_organiser_client.get(path)
        return len(captured)

    before = queries()
    people = list(program.enrolments.select_related("person"))
    for number in range(10):
        event = make_event(title=f"Dodatni {number}", days=-20 - number, length_days=2)
        for enrolment in people:
            registration = RegistrationFactory(
                event=event, person=enrolment.person, organization=None
            )
            AttendanceFactory(
                registration=registration, day=timezone.localtime(event.starts_at).date()
            )
        FeedbackResponseFactory(event=event, rating=4)
    assert queries() == before


def test_reports_export_has_one_sheet_per_report(program_organiser_client, program, known):
    response = program_organiser_client.get(reverse("programs:reports_export", args=[program.slug]))
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Registrations",
        "Attendance rate per event",
        "Attendance rate per day",
        "Participants by institution",
        "Participants by kind of institu",
        "Participants by region",
        "Participants by gender",
        "Satisfaction per event",
        "Satisfaction per lecturer",
        "Completion and certificates",
        "Mentoring activity",
    ]
    gender = list(book["Participants by gender"].values)
    assert gender[0] == ("Gender", "Participants", "Share (%)")
    assert gender[-1] == ("Prefer not to say or not given", 2, 50)
    lecturers = list(book["Satisfaction per lecturer"].values)
    assert lecturers[1] == ("Dragan Ilić", 2, 4.5)
