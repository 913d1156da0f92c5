"""A PR officer plans a post in the month view of the content calendar, moves it a day later
with the keyboard and then by dragging it to another day, sends it for approval; the two
steps of the institution's chain (the officer, then the head of cabinet) approve it; the
officer exports the month as iCalendar and CSV. axe-core checks every page, and the month at
375 px does not scroll sideways (it reads as a list of days)."""

from datetime import timedelta
from pathlib import Path

import icalendar
import pytest
from playwright.sync_api import expect
from signed_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = "Sednica Skupštine grada u petak u 10 časova, prenos uživo na sajtu grada."


@pytest.fixture
def team(db):
    from factories.toolkit import institution_team

    from glasnik.content.services import approval_chain_set

    team = institution_team()
    approval_chain_set(
        organization=team.organization, by=team.officer, people=[team.officer, team.approver]
    )
    return team


def _day(team):
    """A day ten days ahead, and two later ones in the same month's grid."""
    from glasnik.content.calendar_time import institution_today

    day = institution_today(team.organization) + timedelta(days=10)
    return day, day + timedelta(days=1), day + timedelta(days=3)


def _post_day(post):
    from glasnik.content.calendar_time import institution_time_zone

    post.refresh_from_db()
    return post.publish_at.astimezone(institution_time_zone(post.organization)).date()


def test_a_post_is_planned_moved_approved_in_two_steps_and_exported(
    browser, live_server, team, assert_accessible
):
    from glasnik.content.models import Post, PostStatus

    planned, keyboard_day, dragged_day = _day(team)
    slug = team.organization.slug
    month = f"/en/content/{slug}/{planned.year}/{planned.month}/"
    officer = sign_in(browser, live_server, team.officer)

    # Plan the post from its day in the month grid.
    officer.goto(month)
    expect(officer.get_by_role("table")).to_contain_text(str(planned.day))
    assert_accessible(officer, "content-month")
    officer.get_by_role("link", name=f"Plan a post on {planned.day}. {planned:%B}").click()
    assert_accessible(officer, "content-post-new")
    officer.get_by_label("Text:", exact=True).fill(TEXT)
    officer.get_by_role("checkbox", name="Facebook").check()
    officer.get_by_label("Time:", exact=True).fill("10:00")
    officer.get_by_role("button", name="Save").click()
    expect(officer.get_by_text("The post is in the calendar.")).to_be_visible()
    assert_accessible(officer, "content-post")
    post = Post.objects.get()
    assert _post_day(post) == planned

    # A day later with the keyboard.
    officer.get_by_role("button", name="One day later").focus()
    officer.keyboard.press("Enter")
    expect(officer.get_by_text("The post is moved to")).to_be_visible()
    assert _post_day(post) == keyboard_day

    # Then dragged to another day of the month.
    officer.goto(month)
    officer.locator("li.calendar-post").drag_to(officer.locator(f'td[data-day="{dragged_day}"]'))
    expect(officer.get_by_text("The post is moved to")).to_be_visible()
    assert _post_day(post) == dragged_day
    assert_accessible(officer, "content-month-moved")

    # Sent for approval; the first step (the officer) approves.
    officer.locator("li.calendar-post a").click()
    officer.get_by_role("button", name="Send for approval").click()
    expect(officer.get_by_text("The post is sent for approval.")).to_be_visible()
    officer.get_by_role("button", name="Approve").click()
    expect(officer.get_by_text("You approved the post.")).to_be_visible()
    expect(officer.get_by_text("waiting for Nenad Pavlović (step 2)")).to_be_visible()
    assert_accessible(officer, "content-post-in-review")

    # The second step finds it waiting for them and approves it.
    approver = sign_in(browser, live_server, team.approver)
    approver.goto("/en/content/waiting/")
    assert_accessible(approver, "content-waiting")
    approver.get_by_role("link", name=TEXT[:60] + "…").click()
    approver.get_by_label("Comment (required when you return the post)").fill("Može.")
    approver.get_by_role("button", name="Approve").click()
    expect(approver.get_by_text("You approved the post.")).to_be_visible()
    assert_accessible(approver, "content-post-approved")
    post.refresh_from_db()
    assert post.status == PostStatus.APPROVED

    # The month to a calendar app and to a spreadsheet.
    officer.goto(month)
    with officer.expect_download() as download:
        officer.get_by_role("link", name="iCalendar (.ics)").click()
    calendar = icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes())
    assert [str(event["summary"]) for event in calendar.walk("VEVENT")] == [TEXT[:60] + "…"]
    with officer.expect_download() as download:
        officer.get_by_role("link", name="CSV", exact=True).click()
    assert TEXT in Path(download.value.path()).read_text(encoding="utf-8")

    # On a phone the month is a list of days and does not scroll sideways.
    phone = sign_in(browser, live_server, team.officer, viewport={"width": 375, "height": 812})
    phone.goto(month)
    width, screen = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= screen
    assert_accessible(phone, "content-month-375")
