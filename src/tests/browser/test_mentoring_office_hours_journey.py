"""A mentor publishes office hours (a slot repeated weekly), a participant books one from the
programme's page with a topic, and both get a confirmation carrying a calendar invitation with
the meeting link; the participant then sees the booking, and the mentor who booked it. Every
page is checked with axe-core."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect
from signed_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LINK = "https://meet.example.org/dragan-ilic"
TOPIC = "Plan objava za Fejsbuk stranicu opštine"


@pytest.fixture
def world(make_person, make_organization):
    from glasnik.access.models import Role
    from glasnik.access.services import role_grant
    from glasnik.programs.models import Enrolment, EnrolmentStatus, Program

    program = Program.objects.create(
        name="Društvene mreže – obuka i mentorstvo",
        slug="drustvene-mreze",
        organization=make_organization("Stalna konferencija", kind="association"),
        time_zone="Europe/Belgrade",
        is_published=True,
    )
    mentor = make_person("mentor@example.org", first_name="Dragan", last_name="Ilić")
    role_grant(person=mentor, role=Role.TRAINER, scope=program)
    participant = make_person("marko@example.org", first_name="Marko", last_name="Petrović")
    Enrolment.objects.create(
        program=program,
        person=participant,
        organization=make_organization("Opština Kula"),
        status=EnrolmentStatus.ENROLLED,
    )
    role_grant(person=participant, role=Role.MEMBER, scope=program)
    return {"program": program, "mentor": mentor, "participant": participant}


def invitation(message) -> icalendar.Event:
    (filename, content, mimetype) = message.attachments[0]
    assert (filename, mimetype) == ("office-hours.ics", "text/calendar; method=REQUEST")
    calendar = icalendar.Calendar.from_ical(content)
    assert calendar["METHOD"] == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    return event


def test_mentor_publishes_participant_books_both_get_invitations(
    browser, live_server, world, assert_accessible
):
    program = world["program"]
    zone = ZoneInfo(program.time_zone)
    day = (timezone.now() + timedelta(days=3)).astimezone(zone).date()

    # The mentor publishes a slot at 10:00 for three weeks from the programme's page.
    page = sign_in(browser, live_server, world["mentor"])
    page.goto(f"/en/programmes/{program.slug}/")
    page.get_by_role("link", name="Office hours: book a conversation with a mentor").click()
    assert_accessible(page, "office-hours-mentor-view")
    page.get_by_role("link", name="My office hours: publish slots, see bookings").click()
    assert_accessible(page, "office-hours-mine-empty")
    page.get_by_label("Start").fill(f"{day:%Y-%m-%d}T10:00")
    page.get_by_label("Length in minutes").fill("30")
    page.get_by_label("Meeting link").fill(LINK)
    page.get_by_label("Weeks").fill("3")
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_text("Slots published: 3.")).to_be_visible()
    expect(page.get_by_role("button", name="Remove the slot")).to_have_count(3)
    assert_accessible(page, "office-hours-mine")
    page.context.close()

    # The participant books the first one with a topic.
    mail.outbox.clear()
    page = sign_in(browser, live_server, world["participant"])
    page.goto(f"/en/programmes/{program.slug}/")
    page.get_by_role("link", name="Office hours: book a conversation with a mentor").click()
    expect(page.get_by_role("heading", name="Dragan Ilić")).to_be_visible()
    expect(page.get_by_text("12 hours before the start")).to_be_visible()
    assert_accessible(page, "office-hours-participant")
    page.get_by_label("Topic").first.fill(TOPIC)
    page.get_by_role("button", name="Book", exact=True).first.click()
    expect(page.get_by_text("Booked. You and the mentor will get a confirmation")).to_be_visible()
    bookings = page.locator("section", has=page.get_by_role("heading", name="My bookings"))
    expect(bookings.get_by_text(TOPIC)).to_be_visible()
    expect(bookings.get_by_role("link", name=LINK)).to_be_visible()
    expect(page.get_by_role("button", name="Book", exact=True)).to_have_count(2)
    assert_accessible(page, "office-hours-booked")
    page.context.close()

    # Both have a confirmation with the calendar invitation and the meeting link.
    assert sorted(message.to[0] for message in mail.outbox) == [
        "marko@example.org",
        "mentor@example.org",
    ]
    for message in mail.outbox:
        assert LINK in message.body
        assert TOPIC in message.body
        event = invitation(message)
        assert event["LOCATION"] == LINK
        assert event.decoded("DTSTART").astimezone(zone).hour == 10

    # The mentor sees who booked and about what.
    page = sign_in(browser, live_server, world["mentor"])
    page.goto(f"/en/mentoring/programmes/{program.slug}/office-hours/mine/")
    expect(page.get_by_role("cell", name="Marko Petrović")).to_be_visible()
    expect(page.get_by_role("cell", name=TOPIC)).to_be_visible()
    expect(page.get_by_role("button", name="Remove the slot")).to_have_count(2)
    assert_accessible(page, "office-hours-mine-booked")
    page.context.close()
