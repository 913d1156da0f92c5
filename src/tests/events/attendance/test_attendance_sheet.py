"""The attendance sheet: people × days, corrections (logged), CSV/XLSX export, query counts."""

import io
from datetime import timedelta

import openpyxl
import pytest
from belgrade_days import belgrade_today, local, registration_of
from django.urls import reverse
from factories.events import AgendaItemFactory

from glasnik.audit.models import AuditLogEntry
from glasnik.events.models import Attendance, AttendanceMethod
from glasnik.events.services.attendance import attendance_check_in

pytestmark = pytest.mark.django_db


def _sheet_url(event):
    return reverse("events:attendance_sheet", args=[event.pk])


def _correct(client, event, registration, day, present: bool, **extra):
    return client.post(
        reverse("events:attendance_correct", args=[event.pk, registration.pk]),
        {"day": day.isoformat(), "present": "1" if present else "0", **extra},
    )


def test_sheet_shows_people_by_days(
    client, program_organiser, training, participant, make_participant, login_with_second_factor
):
    make_participant(training, first_name="Ana", last_name="Anić")
    today = belgrade_today()
    attendance_check_in(
        registration=registration_of(participant, training),
        day=today,
        method=AttendanceMethod.ORGANISER,
        actor=program_organiser,
    )
    login_with_second_factor(client, program_organiser)

    response = client.get(_sheet_url(training))

    sheet = response.context["sheet"]
    assert [column.day for column in sheet.columns] == [today - timedelta(days=1), today]
    assert [row.registration.person.last_name for row in sheet.rows] == ["Anić", "Petrović"]
    assert [[cell.is_present for cell in row.cells] for row in sheet.rows] == [
        [False, False],
        [False, True],
    ]
    assert [row.days_attended for row in sheet.rows] == [0, 1]
    assert sheet.day_totals == {today - timedelta(days=1): 0, today: 1}
    content = response.content.decode()
    assert '<th scope="col">' in content
    assert "Mark Marko Petrović absent on" in content


def test_sheet_is_for_organisers_only(client, trainer, participant, training):
    client.force_login(trainer)
    assert client.get(_sheet_url(training)).status_code == 404
    client.force_login(participant)
    assert client.get(_sheet_url(training)).status_code == 404


def test_correction_marks_present_and_is_logged(
    client, program_organiser, training, participant, login_with_second_factor
):
    registration = registration_of(participant, training)
    yesterday = belgrade_today() - timedelta(days=1)
    login_with_second_factor(client, program_organiser)

    response = _correct(client, training, registration, yesterday, True)

    assert response.status_code == 302
    attendance = Attendance.objects.get(registration=registration)
    assert (attendance.day, attendance.is_present, attendance.method, attendance.recorded_by) == (
        yesterday,
        True,
        AttendanceMethod.CORRECTION,
        program_organiser,
    )
    entry = AuditLogEntry.objects.get(action="events.attendance.corrected")
    assert entry.actor == program_organiser
    assert entry.target_id == registration.pk
    assert entry.data == {
        "day": yesterday.isoformat(),
        "session": None,
        "method": "correction",
        "before": None,
        "after": True,
    }


def test_correction_marks_absent_after_a_check_in(
    client, program_organiser, training, participant, login_with_second_factor
):
    registration = registration_of(participant, training)
    today = belgrade_today()
    attendance_check_in(
        registration=registration, day=today, method=AttendanceMethod.SELF, actor=participant
    )
    login_with_second_factor(client, program_organiser)

    _correct(client, training, registration, today, False)

    attendance = Attendance.objects.get(registration=registration)
    assert (attendance.is_present, attendance.method) == (False, AttendanceMethod.CORRECTION)
    entry = AuditLogEntry.objects.get(action="events.attendance.corrected")
    assert (entry.data["before"], entry.data["after"]) == (True, False)


def test_correction_on_a_day_outside_the_event_is_404(
    client, program_organiser, training, participant, login_with_second_factor
):
    login_with_second_factor(client, program_organiser)

    response = _correct(
        client,
        training,
        registration_of(participant, training),
        belgrade_today() + timedelta(days=1),
        True,
    )

    assert response.status_code == 404
    assert not Attendance.objects.exists()


def test_correction_by_a_trainer_is_404(client, trainer, training, participant):
    client.force_login(trainer)

    response = _correct(
        client, training, registration_of(participant, training), belgrade_today(), True
    )

    assert response.status_code == 404


def test_sheet_per_session(
    client, program_organiser, make_training, make_participant, login_with_second_factor
):
    event = make_training(attendance_by_session=True)
    today = belgrade_today()
    item = AgendaItemFactory(event=event, title="Vežba", starts_at=local(today, 10))
    AgendaItemFactory(event=event, title="Pauza", starts_at=local(today, 11), session_type="break")
    registration = registration_of(make_participant(event), event)
    login_with_second_factor(client, program_organiser)

    _correct(client, event, registration, today, True, session=item.pk)

    sheet = client.get(_sheet_url(event)).context["sheet"]
    assert [(column.day, column.session) for column in sheet.columns] == [(today, item)]
    assert [cell.is_present for cell in sheet.rows[0].cells] == [True]
    assert sheet.rows[0].days_attended == 1


def test_export_xlsx(client, program_organiser, training, participant, login_with_second_factor):
    registration = registration_of(participant, training)
    attendance_check_in(
        registration=registration,
        day=belgrade_today(),
        method=AttendanceMethod.ORGANISER,
        actor=program_organiser,
    )
    login_with_second_factor(client, program_organiser)

    response = client.get(_sheet_url(training), {"format": "xlsx"})

    assert response["Content-Disposition"].endswith('-attendance.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:4] == ["Surname", "Name", "Email", "Institution"]
    assert rows[0][-2:] == ["Days attended", "Meets the certificate rule"]
    assert rows[1][0:2] == ["Petrović", "Marko"]
    assert rows[1][4:] == [None, "present", 1, "no"]


def test_export_csv_is_safe_from_formulas(
    client, program_organiser, training, make_participant, login_with_second_factor
):
    make_participant(training, first_name="=SUM(A1)", last_name="Hack")
    login_with_second_factor(client, program_organiser)

    response = client.get(_sheet_url(training), {"format": "csv"})

    content = response.content.decode("utf-8-sig")
    assert "'=SUM(A1)" in content


@pytest.mark.parametrize("people", [1, 30])
def test_sheet_query_count_does_not_grow(
    client,
    program_organiser,
    training,
    make_participant,
    django_assert_num_queries,
    people,
    login_with_second_factor,
):
    for number in range(people):
        person = make_participant(training, first_name=f"Osoba{number}", last_name="Anić")
        attendance_check_in(
            registration=registration_of(person, training),
            day=belgrade_today(),
            method=AttendanceMethod.ORGANISER,
            actor=program_organiser,
        )
    login_with_second_factor(client, program_organiser)
    client.get(_sheet_url(training))

    # the event, the registrations, their attendance rows
    with django_assert_num_queries(3):
        response = client.get(_sheet_url(training))

    assert len(response.context["sheet"].rows) == people
