"""Office hours' pages: who may open which, booking and cancelling through the forms, the
times in the programme's time zone, and lists whose query count does not grow with rows."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from factories.accounts import PersonFactory
from second_factor import login_with_second_factor

from glasnik.access.models import Role
from glasnik.access.services import role_grant
from glasnik.mentoring.models import OfficeHourBooking, OfficeHourSlot
from glasnik.mentoring.office_hours import office_hour_book, office_hours_publish

pytestmark = pytest.mark.django_db


def page(program):
    return reverse("mentoring:office_hours", args=[program.slug])


def mine(program):
    return reverse("mentoring:office_hours_mine", args=[program.slug])


def publish(program, mentor, weeks=1, days=3):
    zone = ZoneInfo(program.time_zone)
    day = (timezone.now() + timedelta(days=days)).astimezone(zone).date()
    return office_hours_publish(
        program=program,
        mentor=mentor,
        starts_at=timezone.datetime(day.year, day.month, day.day, 9, 30, tzinfo=zone),
        duration_minutes=45,
        meeting_url="https://meet.example.org/m",
        weeks=weeks,
    )


def test_office_hours_page_for_a_participant_shows_free_slots_in_the_programme_zone(
    client, program, mentor, participant
):
    publish(program, mentor)
    client.force_login(participant)

    content = client.get(page(program)).content.decode()

    assert "Dragan Ilić" in content
    assert "9:30" in content or "09:30" in content
    assert "12 hours" in content


def test_office_hours_pages_not_found_for_outsiders(client, program, mentor, outsider):
    (slot,) = publish(program, mentor)
    client.force_login(outsider)

    assert client.get(page(program)).status_code == 404
    assert client.get(mine(program)).status_code == 404
    url = reverse("mentoring:office_hour_book", args=[slot.pk])
    assert client.post(url, {"topic": "x"}).status_code == 404


def test_office_hours_mine_only_for_mentors(client, program, participant, organiser):
    client.force_login(participant)
    assert client.get(mine(program)).status_code == 404
    login_with_second_factor(client, organiser)
    assert client.get(mine(program)).status_code == 404
    assert client.get(page(program)).status_code == 200


def test_office_hours_mine_publishes_weekly_slots(client, program, mentor):
    client.force_login(mentor)
    start = (timezone.now() + timedelta(days=2)).astimezone(ZoneInfo(program.time_zone))

    response = client.post(
        mine(program),
        {
            "starts_at": start.strftime("%Y-%m-%dT16:00"),
            "duration_minutes": 30,
            "meeting_url": "meet.example.org/dragan",
            "weeks": 3,
        },
    )

    assert response.status_code == 302
    slots = OfficeHourSlot.objects.filter(mentor=mentor)
    assert slots.count() == 3
    zone = ZoneInfo(program.time_zone)
    assert {slot.starts_at.astimezone(zone).hour for slot in slots} == {16}
    assert {slot.meeting_url for slot in slots} == {"https://meet.example.org/dragan"}


def test_office_hour_book_and_cancel_through_the_pages(client, program, mentor, participant):
    (slot,) = publish(program, mentor)
    client.force_login(participant)

    client.post(reverse("mentoring:office_hour_book", args=[slot.pk]), {"topic": "Instagram"})
    booking = OfficeHourBooking.objects.get(slot=slot)
    assert "Instagram" in client.get(page(program)).content.decode()

    client.force_login(mentor)
    assert "Instagram" in client.get(mine(program)).content.decode()
    client.force_login(participant)
    response = client.post(reverse("mentoring:office_hour_booking_cancel", args=[booking.pk]))

    assert response.status_code == 302
    booking.refresh_from_db()
    assert not booking.is_active


def test_office_hour_book_of_a_taken_slot_tells_why(
    client, program, mentor, participant, other_participant
):
    (slot,) = publish(program, mentor)
    office_hour_book(slot=slot, participant=participant, topic="Prvi")
    client.force_login(other_participant)

    response = client.post(
        reverse("mentoring:office_hour_book", args=[slot.pk]), {"topic": "Drugi"}, follow=True
    )

    assert "Someone else has just booked this slot" in response.content.decode()


def test_office_hour_booking_cancel_not_found_for_someone_else(
    client, program, mentor, participant, other_participant
):
    (slot,) = publish(program, mentor)
    booking = office_hour_book(slot=slot, participant=participant, topic="Prvi")
    client.force_login(other_participant)

    url = reverse("mentoring:office_hour_booking_cancel", args=[booking.pk])
    assert client.post(url).status_code == 404


def test_office_hour_slot_remove_not_found_for_another_mentor(client, program, mentor):
    (slot,) = publish(program, mentor)
    other = PersonFactory()
    role_grant(person=other, role=Role.TRAINER, scope=program)
    client.force_login(other)

    url = reverse("mentoring:office_hour_slot_remove", args=[slot.pk])
    assert client.post(url).status_code == 404
    assert OfficeHourSlot.objects.filter(pk=slot.pk).exists()


def test_office_hours_page_query_count_independent_of_slots(
    client, program, mentor, participant, make_participant, django_assert_max_num_queries
):
    (slot,) = publish(program, mentor)
    office_hour_book(slot=slot, participant=participant, topic="Moja tema")
    publish(program, mentor, days=4)
    client.force_login(participant)
    client.get(page(program))
    with django_assert_max_num_queries(50) as few:
        client.get(page(program))
    for days in range(5, 35):
        for booked in publish(program, mentor, days=days):
            if days % 2:
                office_hour_book(slot=booked, participant=participant, topic="Tema")

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(page(program))

    assert response.content.decode().count('name="topic"') == 16


def test_office_hours_mine_query_count_independent_of_slots(
    client, program, mentor, make_participant, django_assert_max_num_queries
):
    (slot,) = publish(program, mentor)
    office_hour_book(slot=slot, participant=make_participant(), topic="Tema")
    client.force_login(mentor)
    client.get(mine(program))
    with django_assert_max_num_queries(50) as few:
        client.get(mine(program))
    for days in range(4, 34):
        (extra,) = publish(program, mentor, days=days)
        office_hour_book(slot=extra, participant=make_participant(), topic="Tema")

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(mine(program))

    assert response.content.decode().count("Tema") == 31


def test_mentoring_overview_lists_booked_office_hours_for_both_sides(
    client, program, mentor, participant
):
    (slot,) = publish(program, mentor)
    office_hour_book(slot=slot, participant=participant, topic="Plan objava", notify=False)
    overview = reverse("mentoring:overview")

    client.force_login(participant)
    as_participant = client.get(overview).content.decode()
    client.force_login(mentor)
    as_mentor = client.get(overview).content.decode()

    assert "Plan objava" in as_participant
    assert mentor.get_full_name() in as_participant
    assert "Plan objava" in as_mentor
    assert participant.get_full_name() in as_mentor
    assert mine(program) in as_mentor
