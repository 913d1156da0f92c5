"""The communicator's toolkit, end to end (issue 15's "Done when"): a PR officer of a city
starts the city's proposal from the municipality template, fills it with the guidance, sends
it to the mentor and then to the mayor's head of cabinet for approval, exports it to DOCX
(test_proposal_journey's steps); then plans posts for the month, fixes what the post coach
flags as they write, sends them through the approval chain (the officer, then the head of
cabinet), makes an infographic card for one of them, and exports the approved month to a
calendar app (iCalendar) and to a spreadsheet (CSV). axe-core checks every page."""

import csv
import io
import re
from datetime import timedelta
from pathlib import Path

import icalendar
import pytest
from playwright.sync_api import expect
from signed_in import sign_in
from test_proposal_journey import proposal_written_approved_and_exported

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# As the officer first writes them, with what the coach flags, and as they send them.
POSTS = [
    (
        'Besplatan "Dan otvorenih vrata" Gradske uprave u subotu #danotvorenihvrata',
        ["Straight quotation marks", "Hashtags without capital letters", "No call to action"],
        "Besplatan „Dan otvorenih vrata” Gradske uprave u subotu od 10 časova. "
        "Prijavite se na sajtu grada. #DanOtvorenihVrata",
    ),
    (
        "Počinje upis u vrtiće. Pogledajte uslove i prijavite se na sajtu grada.",
        [],
        "Počinje upis u vrtiće. Pogledajte uslove i prijavite se na sajtu grada.",
    ),
]


@pytest.fixture
def team(db):
    from factories.toolkit import institution_team

    from glasnik.content.services import approval_chain_set

    team = institution_team()
    approval_chain_set(
        organization=team.organization, by=team.officer, people=[team.officer, team.approver]
    )
    return team


def plan_post(page, month: str, day, draft: str, flagged: list[str], final: str, assert_accessible):
    """Plan a post on `day`: the coach flags what `draft` lacks; `final` fixes it."""
    page.goto(month)
    page.get_by_role("link", name=f"Plan a post on {day.day}. {day:%B}").click()
    page.get_by_role("checkbox", name="Facebook").check()
    page.get_by_label("Time:", exact=True).fill("10:00")
    text = page.get_by_label("Text:", exact=True)
    text.fill(draft)
    tips = page.locator(".coach-live")
    for title in flagged:
        expect(tips).to_contain_text(title)
    if flagged:
        assert_accessible(page, "done-coach-flags")
    text.fill(final)
    expect(tips).to_contain_text("Nothing to fix.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The post is in the calendar.")).to_be_visible()


def test_toolkit_done_when(browser, live_server, team, assert_accessible):
    from glasnik.cards.models import Card
    from glasnik.content.calendar_time import institution_today
    from glasnik.content.models import Post, PostStatus

    # The proposal: template, guidance, mentor, approver, DOCX.
    proposal_written_approved_and_exported(browser, live_server, team, assert_accessible)

    # A month of posts, each fixed as the coach asks before it is saved.
    slug = team.organization.slug
    first = institution_today(team.organization) + timedelta(days=10)
    days = [first, first + timedelta(days=1)]
    if days[1].month != first.month:
        days = [first - timedelta(days=1), first]
    month = f"/en/content/{slug}/{days[0].year}/{days[0].month}/"
    officer = sign_in(browser, live_server, team.officer)
    officer.goto(f"/en/toolkit/{slug}/")
    assert_accessible(officer, "done-toolkit")
    for day, (draft, flagged, final) in zip(days, POSTS, strict=True):
        plan_post(officer, month, day, draft, flagged, final, assert_accessible)
    assert sorted(Post.objects.values_list("text", flat=True)) == sorted(p[2] for p in POSTS)

    # Through the approval chain: the officer's step, then the head of cabinet's.
    for post in Post.objects.order_by("publish_at"):
        officer.goto(f"/en/content/{slug}/posts/{post.pk}/")
        officer.get_by_role("button", name="Send for approval").click()
        expect(officer.get_by_text("The post is sent for approval.")).to_be_visible()
        officer.get_by_role("button", name="Approve").click()
        expect(officer.get_by_text("You approved the post.")).to_be_visible()
    approver = sign_in(browser, live_server, team.approver)
    approver.goto("/en/content/waiting/")
    assert_accessible(approver, "done-waiting")
    for post in Post.objects.order_by("publish_at"):
        approver.get_by_role("link", name=post.title).click()
        approver.get_by_role("button", name="Approve").click()
        expect(approver.get_by_text("You approved the post.")).to_be_visible()
        approver.goto("/en/content/waiting/")
    assert set(Post.objects.values_list("status", flat=True)) == {PostStatus.APPROVED}

    # An infographic card for the open day, made from its post.
    open_day = Post.objects.order_by("publish_at").first()
    officer.goto(f"/en/content/{slug}/posts/{open_day.pk}/")
    officer.get_by_role("link", name="Make a card for this post").click()
    assert_accessible(officer, "done-card-templates")
    officer.get_by_role("link", name="A number with a caption").click()
    officer.get_by_label("Number").fill("10")
    expect(officer.get_by_label("Caption")).to_have_value(re.compile("^Besplatan"))
    officer.get_by_label("Caption").fill("časova počinje Dan otvorenih vrata")
    officer.get_by_role("button", name="Save the card").click()
    expect(officer.get_by_text("The card is made.")).to_be_visible()
    assert_accessible(officer, "done-card")
    assert Card.objects.get().post == open_day
    officer.get_by_role("link", name=open_day.title).click()
    expect(officer.get_by_role("link", name=re.compile("^10"))).to_be_visible()

    # The approved month to a calendar app and to a spreadsheet.
    officer.goto(month)
    with officer.expect_download() as download:
        officer.get_by_role("link", name="iCalendar (.ics)").click()
    calendar = icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes())
    assert len(calendar.walk("VEVENT")) == len(POSTS)
    with officer.expect_download() as download:
        officer.get_by_role("link", name="CSV", exact=True).click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text("utf-8-sig"))))
    assert sorted(row["text"] for row in rows) == sorted(p[2] for p in POSTS)
