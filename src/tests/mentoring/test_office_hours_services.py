"""Office hours' services: publishing slots, booking (taken, past, two at once), cancelling with
and without notice, and the emails with their calendar invitations."""

import itertools
import threading
from datetime import timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from glasnik.audit.models import AuditLogEntry
from glasnik.mentoring.models import OfficeHourBooking, OfficeHourSlot
from glasnik.mentoring.office_hours import (
    office_hour_book,
    office_hour_booking_cancel,
    office_hour_slot_remove,
    office_hours_publish,
)

LINK = "https://meet.example.org/mentor"


def publish(program, mentor, *, days=3, weeks=1, hour=10):
    zone = ZoneInfo(program.time_zone)
    day = (timezone.now() + timedelta(days=days)).astimezone(zone).date()
    starts = timezone.datetime(day.year, day.month, day.day, hour, 0, tzinfo=zone)
    return office_hours_publish(
        program=program,
        mentor=mentor,
        starts_at=starts,
        duration_minutes=30,
        meeting_url=LINK,
        weeks=weeks,
    )


def calendar_of(message) -> icalendar.Calendar:
    (filename, content, mimetype) = message.attachments[0]
    calendar = icalendar.Calendar.from_ical(content)
    assert (filename, mimetype) == (
        "office-hours.ics",
        f"text/calendar; method={calendar['method']}",
    )
    return calendar


@pytest.mark.django_db
def test_office_hours_publish_weekly_keeps_the_wall_clock_time(program, mentor):
    slots = publish(program, mentor, weeks=4, hour=18)

    zone = ZoneInfo(program.time_zone)
    assert len(slots) == 4
    assert [slot.starts_at.astimezone(zone).hour for slot in slots] == [18, 18, 18, 18]
    assert [(b.starts_at - a.starts_at).days for a, b in itertools.pairwise(slots)] == [7, 7, 7]
    assert AuditLogEntry.objects.filter(action="mentoring.office_hours.published").count() == 1


@pytest.mark.django_db
def test_office_hours_publish_skips_a_start_already_offered(program, mentor):
    publish(program, mentor, weeks=2)
    again = publish(program, mentor, weeks=3)

    assert len(again) == 1
    assert OfficeHourSlot.objects.filter(mentor=mentor).count() == 3


@pytest.mark.django_db
def test_office_hours_publish_in_the_past_refused(program, mentor):
    with pytest.raises(ValidationError) as error:
        publish(program, mentor, days=-1)
    assert error.value.code == "past"


@pytest.mark.django_db
def test_office_hour_book_emails_both_sides_a_calendar_invitation(
    program, mentor, participant, django_capture_on_commit_callbacks
):
    (slot,) = publish(program, mentor)
    with django_capture_on_commit_callbacks(execute=True):
        booking = office_hour_book(slot=slot, participant=participant, topic="Plan objava")

    assert booking.is_active
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [participant.email, mentor.email]
    )
    for message in mail.outbox:
        assert LINK in message.body
        calendar = calendar_of(message)
        assert calendar["METHOD"] == "REQUEST"
        (event,) = calendar.walk("VEVENT")
        assert event["LOCATION"] == LINK
        assert event.decoded("DTSTART") == slot.starts_at
        assert str(event["ORGANIZER"]) == f"mailto:{mentor.email}"
        assert "Plan objava" in str(event["DESCRIPTION"])
    assert AuditLogEntry.objects.filter(action="mentoring.office_hours.booked").count() == 1


@pytest.mark.django_db
def test_office_hour_book_of_a_taken_slot_refused(program, mentor, participant, other_participant):
    (slot,) = publish(program, mentor)
    office_hour_book(slot=slot, participant=participant, topic="Prvi")

    with pytest.raises(ValidationError) as error:
        office_hour_book(slot=slot, participant=other_participant, topic="Drugi")

    assert error.value.code == "taken"
    assert OfficeHourBooking.objects.filter(slot=slot).count() == 1


@pytest.mark.django_db
def test_office_hour_book_of_a_past_slot_refused(program, mentor, participant):
    (slot,) = publish(program, mentor)
    OfficeHourSlot.objects.filter(pk=slot.pk).update(
        starts_at=timezone.now() - timedelta(minutes=5)
    )

    with pytest.raises(ValidationError) as error:
        office_hour_book(slot=slot, participant=participant, topic="Kasno")

    assert error.value.code == "past"


@pytest.mark.django_db
def test_office_hour_book_without_a_topic_refused(program, mentor, participant):
    (slot,) = publish(program, mentor)
    with pytest.raises(ValidationError) as error:
        office_hour_book(slot=slot, participant=participant, topic="  ")
    assert error.value.code == "topic"


@pytest.mark.django_db
def test_office_hour_cancel_with_notice_frees_the_slot_and_tells_the_other_side(
    program, mentor, participant, other_participant, django_capture_on_commit_callbacks
):
    (slot,) = publish(program, mentor)
    booking = office_hour_book(slot=slot, participant=participant, topic="Plan")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        office_hour_booking_cancel(booking=booking, actor=participant)

    booking.refresh_from_db()
    assert booking.cancelled_by == participant
    (message,) = mail.outbox
    assert message.to == [mentor.email]
    calendar = calendar_of(message)
    assert calendar["METHOD"] == "CANCEL"
    (event,) = calendar.walk("VEVENT")
    assert event["STATUS"] == "CANCELLED"
    assert AuditLogEntry.objects.filter(action="mentoring.office_hours.cancelled").count() == 1
    # The slot can be booked again.
    assert office_hour_book(slot=slot, participant=other_participant, topic="Drugi").is_active


@pytest.mark.django_db
def test_office_hour_cancel_by_the_mentor_tells_the_participant(
    program, mentor, participant, django_capture_on_commit_callbacks
):
    (slot,) = publish(program, mentor)
    booking = office_hour_book(slot=slot, participant=participant, topic="Plan")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        office_hour_booking_cancel(booking=booking, actor=mentor)

    assert [message.to for message in mail.outbox] == [[participant.email]]


@pytest.mark.django_db
def test_office_hour_cancel_without_notice_refused(program, mentor, participant):
    (slot,) = publish(program, mentor)
    booking = office_hour_book(slot=slot, participant=participant, topic="Plan")
    OfficeHourSlot.objects.filter(pk=slot.pk).update(starts_at=timezone.now() + timedelta(hours=11))

    with pytest.raises(ValidationError) as error:
        office_hour_booking_cancel(booking=booking, actor=participant)

    assert error.value.code == "notice"
    booking.refresh_from_db()
    assert booking.is_active


@pytest.mark.django_db
def test_office_hour_slot_remove_refused_while_booked(program, mentor, participant):
    free, booked = publish(program, mentor, weeks=2)
    office_hour_book(slot=booked, participant=participant, topic="Plan")

    office_hour_slot_remove(slot=free, actor=mentor)
    with pytest.raises(ValidationError) as error:
        office_hour_slot_remove(slot=booked, actor=mentor)

    assert error.value.code == "booked"
    assert list(OfficeHourSlot.objects.values_list("pk", flat=True)) == [booked.pk]


@pytest.mark.django_db(transaction=True)
def test_office_hour_book_two_at_once_one_wins(program, mentor, participant, other_participant):
    """Two people book the last slot at the same moment, each on its own connection: on
    PostgreSQL the second waits for the first's row lock and is then told it is taken."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every write: the race needs PostgreSQL")
    (slot,) = publish(program, mentor)
    barrier = threading.Barrier(2)
    outcomes = []

    def book(person):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            office_hour_book(
                slot=OfficeHourSlot.objects.get(pk=slot.pk), participant=person, topic="Ja"
            )
            outcomes.append("booked")
        except ValidationError as error:
            outcomes.append(error.code)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=book, args=(p,)) for p in (participant, other_participant)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["booked", "taken"]
    assert OfficeHourBooking.objects.filter(slot=slot, cancelled_at__isnull=True).count() == 1


@pytest.mark.django_db
def test_office_hour_book_without_notifying_sends_nothing(
    program, mentor, participant, django_capture_on_commit_callbacks
):
    (slot,) = publish(program, mentor)
    with django_capture_on_commit_callbacks(execute=True):
        office_hour_book(slot=slot, participant=participant, topic="Demo", notify=False)

    assert mail.outbox == []
