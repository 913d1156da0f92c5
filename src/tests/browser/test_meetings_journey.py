"""A member opens the next meeting from the network page, answers yes, gets the link to join,
finds the meeting in their list and reads their calendar feed; an organiser schedules a
meeting. Every page is checked with axe-core."""

import re
from datetime import timedelta

import icalendar
import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone
from playwright.sync_api import expect
from signed_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(make_person, make_organization):
    from glasnik.access.models import Role
    from glasnik.access.services import role_grant
    from glasnik.events.models import EventMode
    from glasnik.events.services.meetings import agenda_set, meeting_create
    from glasnik.networks.models import Network
    from glasnik.networks.services.memberships import membership_apply, membership_approve

    network = Network.objects.create(
        name="Mreža komunikatora",
        slug="mreza",
        organization=make_organization("Stalna konferencija", kind="association"),
    )
    organiser = make_person("organiser@example.org", first_name="Jelena", last_name="Marković")
    role_grant(person=organiser, role=Role.ORGANISER, scope=network)
    TOTP.activate(organiser, "GLASNIKTESTSECRETGLASNIKTESTSECR")
    member = make_person("marko@example.org", first_name="Marko", last_name="Petrović")
    membership_approve(membership=membership_apply(network=network, person=member), actor=organiser)
    # The next meeting starts in 20 minutes: close enough for its link to show.
    starts_at = timezone.now() + timedelta(minutes=20)
    meeting = meeting_create(
        network=network,
        actor=organiser,
        notify=False,
        title="Mesečni sastanak: krizno komuniciranje",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=90),
        mode=EventMode.ONLINE,
        online_url="https://meet.example.org/mreza",
    )
    agenda_set(
        event=meeting,
        actor=organiser,
        items=[{"title": "Primeri dobre prakse", "starts_at": starts_at}],
    )
    return {"network": network, "organiser": organiser, "member": member, "meeting": meeting}


def test_member_answers_yes_and_subscribes(browser, live_server, world, assert_accessible):
    page = sign_in(browser, live_server, world["member"])

    # From the network's page to the next meeting.
    page.goto("/en/networks/mreza/")
    page.get_by_role("link", name="Mesečni sastanak: krizno komuniciranje").click()
    expect(page.locator("h1")).to_have_text("Mesečni sastanak: krizno komuniciranje")
    expect(page.get_by_role("rowheader", name="Primeri dobre prakse")).to_be_visible()
    expect(page.get_by_role("link", name="Join the meeting online")).to_have_count(0)
    assert_accessible(page, "meetings-detail")

    # Answer yes: htmx swaps the answer box, and the link to join appears.
    page.get_by_label("Yes, I will come").check()
    page.get_by_role("button", name="Save my answer").click()
    expect(page.get_by_text("Your answer has been saved.")).to_be_visible()
    join = page.get_by_role("link", name="Join the meeting online")
    expect(join).to_have_attribute("href", "https://meet.example.org/mreza")
    expect(page.get_by_label("Yes, I will come")).to_be_checked()
    assert_accessible(page, "meetings-answered")

    # The network's meeting list shows the answer.
    page.get_by_role("link", name="Meetings of Mreža komunikatora").click()
    row = page.get_by_role("row", name=re.compile("Mesečni sastanak"))
    expect(row).to_contain_text("Yes, I will come")
    assert_accessible(page, "meetings-list")

    # My meetings, and the calendar address for a calendar app.
    page.get_by_role("link", name=re.compile("Your personal calendar address")).click()
    expect(page.locator("h1")).to_have_text("My meetings")
    expect(page.get_by_role("row", name=re.compile("Mesečni sastanak"))).to_contain_text(
        "Yes, I will come"
    )
    assert_accessible(page, "meetings-mine")
    feed_url = page.get_by_label("Your calendar address").input_value()
    assert re.search(r"/en/events/calendar/[\w-]+\.ics$", feed_url)

    # A calendar app sends no cookies: fetch the feed without the session.
    anonymous = browser.new_context(base_url=live_server.url)
    response = anonymous.request.get(feed_url)
    assert response.status == 200
    calendar = icalendar.Calendar.from_ical(response.body())
    [vevent] = calendar.events
    assert str(vevent["summary"]) == "Mesečni sastanak: krizno komuniciranje"
    assert str(vevent["uid"]) == f"{world['meeting'].uid}@glasnik"
    assert anonymous.request.get(feed_url.replace(".ics", "x.ics")).status == 404
    anonymous.close()


def test_organiser_schedules_a_meeting(browser, live_server, world, assert_accessible):
    from glasnik.events.models import Event

    page = sign_in(browser, live_server, world["organiser"])

    page.goto("/en/events/networks/mreza/")
    assert_accessible(page, "meetings-organiser-list")
    page.get_by_role("link", name="Schedule a meeting", exact=True).click()
    expect(page.locator("h1")).to_have_text("Schedule a meeting")
    assert_accessible(page, "meetings-form")

    page.get_by_label("Title").fill("Odnosi s medijima")
    page.get_by_label("Starts").fill("2030-07-02T18:00")
    page.get_by_label("Ends").fill("2030-07-02T19:30")
    page.get_by_label("In person", exact=True).check()
    page.get_by_role("button", name="Schedule the meeting").click()

    # A meeting in person without a venue is refused, with the input kept.
    expect(page.get_by_text("A meeting in person needs the name of the venue.")).to_be_visible()
    expect(page.get_by_label("Title")).to_have_value("Odnosi s medijima")
    assert_accessible(page, "meetings-form-error")

    page.get_by_label("Venue").fill("Sala 2")
    page.get_by_label("Address").fill("Makedonska 22, Beograd")
    page.get_by_role("button", name="Schedule the meeting").click()

    expect(page.locator("h1")).to_have_text("Odnosi s medijima")
    expect(page.get_by_text("The meeting has been scheduled.")).to_be_visible()
    expect(page.get_by_text("Sala 2")).to_be_visible()
    assert_accessible(page, "meetings-scheduled")
    event = Event.objects.get(title="Odnosi s medijima")
    assert event.starts_at.isoformat() == "2030-07-02T16:00:00+00:00"
