"""Check-in is for the day under way: a day that has not come yet cannot be checked in (nor
corrected), and a past day is put right only on the attendance sheet, as a logged correction."""

from datetime import timedelta

import pytest
from belgrade_days import belgrade_today, local, registration_of
from django.core.exceptions import ValidationError
from django.urls import reverse
from factories.events import AttendanceFactory

from glasnik.audit.models import AuditLogEntry
from glasnik.events.models import Attendance, AttendanceMethod
from glasnik.events.services.attendance import (
    attendance_check_in,
    attendance_correct,
    attendance_self_check_in,
    attendance_undo,
    checkin_code_create,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def upcoming(make_training):
    """A two-day training that starts tomorrow, as on 7 December for one on 8–9 December."""
    return make_training(first_day=belgrade_today() + timedelta(days=1))


def _mark_url(event, day, registration):
    return reverse("events:checkin_mark", args=[event.pk, day.isoformat(), registration.pk])


def test_check_in_for_a_day_that_has_not_come_is_refused(
    program_organiser, upcoming, make_participant
):
    registration = registration_of(make_participant(upcoming), upcoming)
    tomorrow = belgrade_today() + timedelta(days=1)

    with pytest.raises(ValidationError) as refused:
        attendance_check_in(
            registration=registration,
            day=tomorrow,
            method=AttendanceMethod.ORGANISER,
            actor=program_organiser,
        )

    assert refused.value.code == "future_day"
    assert "has not come yet" in refused.value.messages[0]
    assert not Attendance.objects.exists()
    assert not AuditLogEntry.objects.filter(action__startswith="events.attendance").exists()


def test_check_in_for_a_past_day_is_refused_and_points_to_the_sheet(
    program_organiser, training, participant
):
    registration = registration_of(participant, training)
    yesterday = belgrade_today() - timedelta(days=1)

    with pytest.raises(ValidationError) as refused:
        attendance_check_in(
            registration=registration,
            day=yesterday,
            method=AttendanceMethod.ORGANISER,
            actor=program_organiser,
        )

    assert refused.value.code == "past_day"
    assert "attendance sheet" in refused.value.messages[0]
    assert not Attendance.objects.exists()


def test_check_in_on_the_day_itself_is_recorded(program_organiser, upcoming, make_participant):
    registration = registration_of(make_participant(upcoming), upcoming)
    first_day = belgrade_today() + timedelta(days=1)

    attendance = attendance_check_in(
        registration=registration,
        day=first_day,
        method=AttendanceMethod.ORGANISER,
        actor=program_organiser,
        now=local(first_day, 8, 45),
    )

    assert (attendance.day, attendance.is_present) == (first_day, True)


def test_undo_of_a_past_day_is_refused(program_organiser, training, participant):
    registration = registration_of(participant, training)
    yesterday = belgrade_today() - timedelta(days=1)
    AttendanceFactory(registration=registration, day=yesterday, method=AttendanceMethod.ORGANISER)

    with pytest.raises(ValidationError) as refused:
        attendance_undo(registration=registration, day=yesterday, actor=program_organiser)

    assert refused.value.code == "past_day"
    assert Attendance.objects.filter(registration=registration, day=yesterday).exists()


def test_correction_of_a_past_day_is_recorded_as_a_correction_and_logged(
    program_organiser, training, participant
):
    registration = registration_of(participant, training)
    yesterday = belgrade_today() - timedelta(days=1)

    attendance_correct(
        registration=registration, day=yesterday, is_present=True, actor=program_organiser
    )

    attendance = Attendance.objects.get(registration=registration)
    assert (attendance.day, attendance.method) == (yesterday, AttendanceMethod.CORRECTION)
    entry = AuditLogEntry.objects.get(action="events.attendance.corrected")
    assert entry.actor == program_organiser
    assert entry.data["day"] == yesterday.isoformat()
    assert (entry.data["before"], entry.data["after"]) == (None, True)


def test_correction_of_a_day_that_has_not_come_is_refused(
    program_organiser, upcoming, make_participant
):
    registration = registration_of(make_participant(upcoming), upcoming)

    with pytest.raises(ValidationError) as refused:
        attendance_correct(
            registration=registration,
            day=belgrade_today() + timedelta(days=2),
            is_present=True,
            actor=program_organiser,
        )

    assert refused.value.code == "future_day"
    assert not Attendance.objects.exists()


def test_self_check_in_with_a_code_made_ahead_waits_for_its_day(
    program_organiser, upcoming, make_participant
):
    person = make_participant(upcoming)
    code = checkin_code_create(
        event=upcoming, day=belgrade_today() + timedelta(days=1), actor=program_organiser
    )

    with pytest.raises(ValidationError) as refused:
        attendance_self_check_in(event=upcoming, person=person, code=code.code)

    assert refused.value.code == "not_today"
    assert not Attendance.objects.exists()


# The pages --------------------------------------------------------------------------------


def test_checkin_list_of_a_day_that_has_not_come_has_no_buttons(
    login_with_second_factor, client, program_organiser, upcoming, make_participant
):
    registration = registration_of(make_participant(upcoming), upcoming)
    tomorrow = belgrade_today() + timedelta(days=1)
    login_with_second_factor(client, program_organiser)

    response = client.get(reverse("events:checkin_day", args=[upcoming.pk, tomorrow.isoformat()]))

    content = response.content.decode()
    assert "This day has not come yet: people are checked in on the day itself." in content
    assert _mark_url(upcoming, tomorrow, registration) not in content


def test_check_in_button_for_a_day_that_has_not_come_says_why(
    login_with_second_factor, client, program_organiser, upcoming, make_participant
):
    registration = registration_of(make_participant(upcoming), upcoming)
    tomorrow = belgrade_today() + timedelta(days=1)
    login_with_second_factor(client, program_organiser)

    response = client.post(
        _mark_url(upcoming, tomorrow, registration),
        {"action": "in"},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    assert "has not come yet: people are checked in on the day itself." in (
        response.content.decode()
    )
    assert not Attendance.objects.exists()


def test_checkin_list_of_a_past_day_links_to_the_sheet(
    login_with_second_factor, client, program_organiser, training, participant
):
    registration = registration_of(participant, training)
    yesterday = belgrade_today() - timedelta(days=1)
    login_with_second_factor(client, program_organiser)

    response = client.get(reverse("events:checkin_day", args=[training.pk, yesterday.isoformat()]))

    content = response.content.decode()
    assert "This day is over: check-in is for today only." in content
    assert reverse("events:attendance_sheet", args=[training.pk]) in content
    assert _mark_url(training, yesterday, registration) not in content


def test_sheet_offers_corrections_only_for_days_that_have_begun(
    login_with_second_factor, client, program_organiser, make_training, make_participant
):
    # Three days: yesterday, today and tomorrow.
    event = make_training(first_day=belgrade_today() - timedelta(days=1), days=3)
    make_participant(event)
    login_with_second_factor(client, program_organiser)

    content = client.get(reverse("events:attendance_sheet", args=[event.pk])).content.decode()

    for offset, offered in ((-1, True), (0, True), (1, False)):
        day = (belgrade_today() + timedelta(days=offset)).isoformat()
        assert (f'name="day" value="{day}"' in content) is offered
