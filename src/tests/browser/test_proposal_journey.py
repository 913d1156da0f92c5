"""A PR officer writes the municipality's social-media strategy: starts from the
municipality template, fills two sections reading their guidance (saved with htmx), sends it
to the mentor, who approves it in mentoring; sends it to the approver (the mayor's head of
cabinet), who approves it; downloads it as DOCX. Every page is checked with axe-core, and the
proposal page does not scroll sideways on a 375 px phone."""

import pytest
from docx import Document
from playwright.sync_api import expect
from signed_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Strategija komunikacije Grada Kragujevca 2027."
GOAL = "Do kraja 2027. odgovoriti na svako pitanje građana u roku od jednog radnog dana."
CRISIS = "Prva poruka u roku od jednog sata; javlja se šef kabineta."


@pytest.fixture
def team(db):
    from factories.toolkit import institution_team

    return institution_team()


def no_sideways_scroll(page) -> None:
    width, screen = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= screen, f"{page.url} is {width}px wide on a {screen}px screen"


def test_officer_writes_sends_and_exports_the_proposal(
    browser, live_server, team, assert_accessible
):
    proposal_written_approved_and_exported(browser, live_server, team, assert_accessible)


def proposal_written_approved_and_exported(browser, live_server, team, assert_accessible):
    """The journey, for the toolkit's whole journey too (test_toolkit_done_when_journey)."""
    from glasnik.proposals.models import Proposal, ProposalStatus

    marko = sign_in(browser, live_server, team.officer)
    mentor = sign_in(browser, live_server, team.mentor)
    nenad = sign_in(browser, live_server, team.approver)
    slug = team.organization.slug

    # From the toolkit to the proposals, and a new one from the municipality template.
    marko.goto(f"/en/toolkit/{slug}/")
    marko.get_by_role("link", name="The institution's proposals and strategies").click()
    assert_accessible(marko, "proposals-list")
    marko.get_by_label("Title").fill(TITLE)
    marko.get_by_label("Municipality or city").check()
    marko.get_by_role("button", name="Start the proposal").click()
    expect(marko.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert_accessible(marko, "proposal-new")

    # Two sections, with the guidance beside each.
    goals = marko.locator("#section-goals")
    expect(goals.get_by_text("SMART")).to_be_visible()
    goals.get_by_label("Text: Goals").fill(GOAL)
    goals.get_by_role("button", name="Save").click()
    expect(marko.locator("#section-goals").get_by_text("Saved.")).to_be_visible()
    crisis = marko.locator("#section-crisis")
    expect(crisis.get_by_text("What counts as a crisis")).to_be_visible()
    crisis.get_by_label("Text: Crisis communication").fill(CRISIS)
    crisis.get_by_role("button", name="Save").click()
    expect(marko.locator("#section-crisis").get_by_text("Saved.")).to_be_visible()
    assert_accessible(marko, "proposal-written")

    # To the mentor, who approves it in mentoring.
    marko.get_by_role("button", name="Send to the mentor for review").click()
    expect(marko.get_by_text("The proposal has been sent to the mentor.")).to_be_visible()
    expect(marko.get_by_text("Waiting for the mentor")).to_be_visible()
    assert_accessible(marko, "proposal-at-mentor")
    review_url = marko.get_by_role("link", name="Open the review in mentoring").get_attribute(
        "href"
    )
    mentor.goto(review_url)
    expect(mentor.get_by_text(GOAL)).to_be_visible()
    assert_accessible(mentor, "proposal-mentor-review")
    mentor.get_by_label("Approved").check()
    mentor.get_by_role("button", name="Return to the participant").click()
    expect(mentor.get_by_text("Your review has been sent to the participant.")).to_be_visible()

    # To the approver, who approves it.
    marko.reload()
    expect(marko.get_by_text("The mentor's review: Approved")).to_be_visible()
    marko.get_by_role("button", name="Send for approval").click()
    expect(marko.get_by_text("The proposal has been sent for approval.")).to_be_visible()
    proposal_url = marko.url
    nenad.goto(f"/en/toolkit/{slug}/")
    nenad.get_by_role("link", name="1 proposal waits for your approval").click()
    assert_accessible(nenad, "proposals-list-approver")
    nenad.get_by_role("link", name=TITLE).click()
    assert_accessible(nenad, "proposal-approver")
    nenad.get_by_label("Approve").check()
    nenad.get_by_role("button", name="Record the decision").click()
    expect(nenad.get_by_text("Your decision has been recorded.")).to_be_visible()
    nenad.get_by_role("link", name="Version history").click()
    expect(nenad.get_by_role("cell", name="Sent for approval")).to_be_visible()
    assert_accessible(nenad, "proposal-versions")
    nenad.get_by_role("link", name="Version 3").click()
    assert_accessible(nenad, "proposal-version")

    # The officer downloads the approved proposal.
    marko.goto(proposal_url)
    with marko.expect_download() as download:
        marko.get_by_role("link", name="Download as DOCX (Word)").click()
    paragraphs = [p.text for p in Document(download.value.path()).paragraphs]
    assert {TITLE, GOAL, CRISIS} <= set(paragraphs)
    assert Proposal.objects.get().status == ProposalStatus.APPROVED

    phone = sign_in(browser, live_server, team.officer, viewport={"width": 375, "height": 812})
    phone.goto(proposal_url)
    no_sideways_scroll(phone)
    assert_accessible(phone, "proposal-phone")
