"""The certificate's attendance rule: the event's days in its time zone, which days a
registration attended, and whether that meets `required_days`."""

import zoneinfo
from datetime import date, datetime, timedelta

import pytest
from belgrade_days import local, registration_of
from django.utils import translation
from factories.events import AgendaItemFactory, AttendanceFactory

from glasnik.events.models import AttendanceMethod, RegistrationStatus
from glasnik.events.selectors.attendance import (
    attended_days,
    meets_attendance_rule,
    session_day,
)
from glasnik.events.services.attendance import attendance_check_in

pytestmark = pytest.mark.django_db

UTC = zoneinfo.ZoneInfo("UTC")
DAY_1 = date(2026, 3, 10)
DAY_2 = date(2026, 3, 11)


def _present(registration, day, *, session=None, is_present=True):
    return AttendanceFactory(
        registration=registration,
        day=day,
        agenda_item=session,
        is_present=is_present,
        method=AttendanceMethod.ORGANISER,
    )


def test_event_days_of_a_two_day_training(make_training):
    event = make_training(first_day=DAY_1, days=2)

    assert event.days == [DAY_1, DAY_2]


def test_event_days_follow_the_events_time_zone_near_midnight(make_training):
    # 23:30 UTC on 9 March is 00:30 on 10 March in Belgrade: a one-day event on the 10th.
    event = make_training(
        starts_at=datetime(2026, 3, 9, 23, 30, tzinfo=UTC),
        ends_at=datetime(2026, 3, 10, 21, 0, tzinfo=UTC),
    )

    assert event.days == [DAY_1]


def test_event_days_in_another_time_zone(make_training):
    # The same instants in Ljubljana (same offset) and in London (one hour behind, so the
    # start is still the 9th there).
    event = make_training(
        starts_at=datetime(2026, 3, 9, 23, 30, tzinfo=UTC),
        ends_at=datetime(2026, 3, 10, 21, 0, tzinfo=UTC),
        time_zone="Europe/London",
    )

    assert event.days == [date(2026, 3, 9), DAY_1]


def test_event_ending_at_midnight_does_not_take_the_next_day(make_training):
    event = make_training(starts_at=local(DAY_1, 18), ends_at=local(DAY_1, 18) + timedelta(hours=6))

    assert event.days == [DAY_1]


def test_one_day_event_met_with_its_day(make_training, make_participant):
    event = make_training(first_day=DAY_1, days=1)
    registration = registration_of(make_participant(event), event)
    _present(registration, DAY_1)

    assert attended_days(registration) == {DAY_1}
    assert meets_attendance_rule(registration) == (True, "")


def test_one_day_event_not_met_without_attendance(make_training, make_participant):
    event = make_training(first_day=DAY_1, days=1)
    registration = registration_of(make_participant(event), event)

    assert attended_days(registration) == set()
    assert meets_attendance_rule(registration) == (
        False,
        "Attended 0 of 1 day; the certificate requires 1.",
    )


def test_two_day_event_requires_both_days_by_default(make_training, make_participant):
    event = make_training(first_day=DAY_1, days=2)
    registration = registration_of(make_participant(event), event)
    _present(registration, DAY_1)
    _present(registration, DAY_2, is_present=False)

    assert attended_days(registration) == {DAY_1}
    assert meets_attendance_rule(registration) == (
        False,
        "Attended 1 of 2 days; the certificate requires 2.",
    )


def test_two_day_event_met_on_both_days(make_training, make_participant):
    event = make_training(first_day=DAY_1, days=2)
    registration = registration_of(make_participant(event), event)
    _present(registration, DAY_1)
    _present(registration, DAY_2)

    assert attended_days(registration) == {DAY_1, DAY_2}
    assert meets_attendance_rule(registration) == (True, "")


def test_required_days_one_of_two(make_training, make_participant):
    event = make_training(first_day=DAY_1, days=2, required_days=1)
    registration = registration_of(make_participant(event), event)
    _present(registration, DAY_2)

    assert meets_attendance_rule(registration) == (True, "")


def test_required_days_above_the_event_length_means_every_day(make_training, make_participant):
    event = make_training(first_day=DAY_1, days=2, required_days=5)
    registration = registration_of(make_participant(event), event)
    _present(registration, DAY_1)
    _present(registration, DAY_2)

    assert meets_attendance_rule(registration) == (True, "")


def test_rows_outside_the_event_days_do_not_count(make_training, make_participant):
    event = make_training(first_day=DAY_1, days=1)
    registration = registration_of(make_participant(event), event)
    _present(registration, DAY_2)  # recorded before the event was moved

    assert attended_days(registration) == set()


def test_cancelled_registration_attends_nothing(make_training, make_participant):
    event = make_training(first_day=DAY_1, days=1)
    registration = registration_of(make_participant(event), event)
    _present(registration, DAY_1)
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status"])

    assert attended_days(registration) == set()
    assert meets_attendance_rule(registration) == (False, "The registration is not confirmed.")


def test_reason_is_translated(make_training, make_participant):
    event = make_training(first_day=DAY_1, days=2)
    registration = registration_of(make_participant(event), event)

    with translation.override("sr-latn"):
        ok, reason = meets_attendance_rule(registration)

    assert ok is False
    assert reason  # translated when the catalogue has the string; never empty
    assert "2" in reason


def test_by_session_a_day_counts_with_one_session(make_training, make_participant):
    event = make_training(first_day=DAY_1, days=2, attendance_by_session=True)
    morning_1 = AgendaItemFactory(event=event, title="Teorija", starts_at=local(DAY_1, 9))
    afternoon_1 = AgendaItemFactory(event=event, title="Vežba", starts_at=local(DAY_1, 14))
    morning_2 = AgendaItemFactory(event=event, title="Primeri", starts_at=local(DAY_2, 9))
    registration = registration_of(make_participant(event), event)
    _present(registration, DAY_1, session=morning_1)
    _present(registration, DAY_1, session=afternoon_1, is_present=False)
    _present(registration, DAY_2)  # a day-level row is not what counts per session

    assert session_day(event, morning_2) == DAY_2
    assert attended_days(registration) == {DAY_1}
    assert meets_attendance_rule(registration) == (
        False,
        "Attended 1 of 2 days; the certificate requires 2.",
    )

    _present(registration, DAY_2, session=morning_2)

    assert attended_days(registration) == {DAY_1, DAY_2}
    assert meets_attendance_rule(registration) == (True, "")


def test_check_in_service_records_the_day_in_the_events_time_zone(
    make_training, make_participant, program_organiser
):
    # A session at 00:30 Belgrade time on the 11th (23:30 UTC on the 10th) belongs to the 11th.
    event = make_training(first_day=DAY_1, days=2, attendance_by_session=True)
    late = AgendaItemFactory(
        event=event, title="Noćna sesija", starts_at=datetime(2026, 3, 10, 23, 30, tzinfo=UTC)
    )
    registration = registration_of(make_participant(event), event)

    attendance_check_in(
        registration=registration,
        day=DAY_2,
        session=late,
        method=AttendanceMethod.ORGANISER,
        actor=program_organiser,
        now=datetime(2026, 3, 10, 23, 45, tzinfo=UTC),  # 00:45 on the 11th in Belgrade
    )

    assert attended_days(registration) == {DAY_2}
