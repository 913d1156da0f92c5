"""A mentor reviews and approves an institution's proposal after one round of changes: the
participant sends the proposal to the mentor of their institution's pair, the mentor comments
on a section and returns it as needing work, the participant sends version 2, and the mentor
sees what changed (marked "added" and "removed" in words, not by colour alone) and approves.
Every page is checked with axe-core."""

import re

import pytest
from playwright.sync_api import expect
from signed_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Predlog: opština na Instagramu"


@pytest.fixture
def world(make_person, make_organization):
    from glasnik.access.models import Role
    from glasnik.access.services import role_grant
    from glasnik.mentoring.pair_services import pair_create
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
    marko = make_person("marko@example.org", first_name="Marko", last_name="Petrović")
    municipality = make_organization("Opština Paraćin")
    Enrolment.objects.create(
        program=program, person=marko, organization=municipality, status=EnrolmentStatus.ENROLLED
    )
    role_grant(person=marko, role=Role.MEMBER, scope=program)
    pair = pair_create(
        program=program,
        mentor=mentor,
        organization=municipality,
        goals="Predlog za nalog na Instagramu",
        actor=None,
    )
    return {"mentor": mentor, "marko": marko, "pair": pair}


def test_mentor_approves_a_proposal_after_one_round_of_changes(
    browser, live_server, world, assert_accessible
):
    from glasnik.mentoring.models import ReviewStatus, WorkReview

    marko = sign_in(browser, live_server, world["marko"])
    mentor = sign_in(browser, live_server, world["mentor"])

    # The participant finds the pair from their mentoring overview and sends the proposal.
    marko.goto("/en/mentoring/")
    assert_accessible(marko, "mentoring-overview-participant")
    marko.get_by_role("link", name="Dragan Ilić").click()
    expect(marko.get_by_role("heading", level=1)).to_contain_text("Opština Paraćin")
    assert_accessible(marko, "mentoring-pair-participant")
    marko.get_by_role("link", name="Send work for review").click()
    assert_accessible(marko, "mentoring-review-new")
    marko.get_by_label(re.compile(r"^Title(?! of)")).fill(TITLE)
    marko.get_by_label("Kind of work").select_option(label="Institution's proposal")
    marko.get_by_label("Title of section 1").fill("Cilj")
    marko.get_by_label("Text of section 1").fill("Otvoriti nalog opštine na Instagramu.")
    marko.get_by_label("Title of section 2").fill("Resursi")
    marko.get_by_label("Text of section 2").fill("Nalog vodi služba za odnose sa javnošću.")
    marko.get_by_role("button", name="Send to my mentor").click()
    expect(marko.get_by_text("Your work has been sent to your mentor.")).to_be_visible()
    expect(marko.get_by_text("Waiting for the mentor")).to_be_visible()
    assert_accessible(marko, "mentoring-review-sent")

    # The mentor finds it waiting, comments on the goal and asks for changes.
    mentor.goto("/en/mentoring/")
    assert_accessible(mentor, "mentoring-overview-mentor")
    mentor.get_by_role("link", name=TITLE).click()
    mentor.get_by_label("Your comment on “Cilj”").fill("Dodajte merljiv cilj i rok.")
    mentor.get_by_label("Needs work").check()
    mentor.get_by_label("A note on the whole").fill("Dobar početak.")
    assert_accessible(mentor, "mentoring-review-mentor")
    mentor.get_by_role("button", name="Return to the participant").click()
    expect(mentor.get_by_text("Your review has been sent to the participant.")).to_be_visible()

    # The participant reads the comment and sends version 2, starting from version 1.
    marko.reload()
    expect(marko.get_by_text("Dodajte merljiv cilj i rok.")).to_be_visible()
    marko.get_by_role("link", name="Send a new version").click()
    assert_accessible(marko, "mentoring-review-new-version")
    expect(marko.get_by_label("Text of section 2")).to_have_value(
        "Nalog vodi služba za odnose sa javnošću."
    )
    marko.get_by_label("Text of section 1").fill(
        "Otvoriti nalog opštine na Instagramu i do kraja godine imati 1.000 pratilaca."
    )
    marko.get_by_role("button", name="Send to my mentor").click()
    expect(marko.get_by_text("The new version has been sent to your mentor.")).to_be_visible()

    # The mentor sees what changed, in words, and approves.
    mentor.goto(marko.url.replace(live_server.url, ""))
    changes = mentor.get_by_role("region", name=re.compile("What changed from version 1"))
    expect(changes.locator("ins")).to_contain_text("[added:")
    expect(changes.locator("ins")).to_contain_text("1.000 pratilaca")
    expect(changes.get_by_text("unchanged")).to_be_visible()
    assert_accessible(mentor, "mentoring-review-changes")
    mentor.get_by_label("Approved").check()
    mentor.get_by_role("button", name="Return to the participant").click()
    expect(mentor.get_by_text("Approved").first).to_be_visible()

    marko.reload()
    expect(marko.get_by_role("link", name="Send a new version")).to_have_count(0)
    assert_accessible(marko, "mentoring-review-approved")
    review = WorkReview.objects.get()
    assert review.status == ReviewStatus.APPROVED
    assert list(review.versions.values_list("returned_status", flat=True)) == [
        "needs_work",
        "approved",
    ]
