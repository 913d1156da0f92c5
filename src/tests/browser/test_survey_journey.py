"""An organiser builds a survey with a condition in the builder (each edit an htmx request),
opens it; a participant answers, and the conditional question appears as soon as the answer
that calls for it is chosen; the organiser reads the results. Every page is checked with
axe-core. (The cross-tab, needs and the rest of issue 13's "Done when" are in
test_survey_done_when_journey.py.)"""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from playwright.sync_api import expect
from signed_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


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
    organiser = make_person("organiser@example.org", first_name="Jelena", last_name="Marković")
    role_grant(person=organiser, role=Role.ORGANISER, scope=program)
    TOTP.activate(organiser, "GLASNIKTESTSECRETGLASNIKTESTSECR")
    participant = make_person("marko@example.org", first_name="Marko", last_name="Petrović")
    Enrolment.objects.create(
        program=program,
        person=participant,
        organization=make_organization("Opština Kula"),
        status=EnrolmentStatus.ENROLLED,
    )
    role_grant(person=participant, role=Role.MEMBER, scope=program)
    return {"program": program, "organiser": organiser, "participant": participant}


def add_question(page, *, kind: str, text: str, options: str = "", required: bool = True):
    page.locator("summary", has_text="Add a question to page 1").click()
    form = page.locator("details.add-question form")
    form.get_by_label("Type of question").select_option(label=kind)
    form.get_by_label(re.compile(r"^Question:?$")).fill(text)
    if options:
        form.get_by_label("Options").fill(options)
    if required:
        form.get_by_label("An answer is required").check()
    form.get_by_role("button", name="Add the question").click()
    expect(page.locator("#builder").get_by_text(text, exact=True)).to_be_visible()


def test_organiser_builds_participant_answers_organiser_reads(
    browser, live_server, world, assert_accessible
):
    program = world["program"]

    # The organiser creates the survey and builds it without leaving the page.
    page = sign_in(browser, live_server, world["organiser"])
    page.goto(f"/en/surveys/of/programme/{program.slug}/")
    assert_accessible(page, "survey-list-empty")
    page.get_by_role("link", name="Create a survey").click()
    page.get_by_label("Title").fill("Potrebe za obukom")
    page.get_by_label("Kind").select_option(label="Needs assessment")
    assert_accessible(page, "survey-create")
    page.get_by_role("button", name="Create the survey").click()
    expect(page.get_by_text("The survey has been created.")).to_be_visible()
    builder_url = page.url

    add_question(
        page, kind="Single choice", text="Da li opština ima nalog na mrežama?", options="Da\nNe"
    )
    add_question(page, kind="Number", text="Koliko objava nedeljno objavite?")
    add_question(
        page, kind="Multiple choice", text="Koje teme?", options="Video\nAnalitika", required=False
    )
    assert page.url == builder_url  # no page load: htmx redrew the builder
    page.locator("summary", has_text="Show question 2 only when").click()
    condition = page.locator("#builder details[open] form")
    condition.get_by_label("Its answer").select_option(label="equals")
    condition.get_by_label("Da li opština ima nalog na mrežama? — Da").check()
    condition.get_by_role("button", name="Add the condition").click()
    expect(page.get_by_text("Shown only when:")).to_be_visible()
    assert_accessible(page, "survey-builder")
    page.get_by_role("button", name="Open the survey").click()
    expect(page.get_by_text("The survey is open: participants can answer it.")).to_be_visible()
    respond_url = page.locator("main p a[href$='/']", has_text="/surveys/").get_attribute("href")
    page.context.close()

    # The participant answers; the second question appears once "Da" is chosen.
    page = sign_in(browser, live_server, world["participant"])
    page.goto(respond_url)
    expect(page.get_by_text("Page 1 of 1")).to_be_visible()
    expect(page.get_by_label(re.compile("Koliko objava"))).to_have_count(0)
    assert_accessible(page, "survey-respond")
    page.get_by_label("Da", exact=True).check()
    number = page.get_by_label(re.compile("Koliko objava"))
    expect(number).to_be_visible()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Answer this question.")).to_be_visible()  # the number is required
    assert_accessible(page, "survey-respond-error")
    # Each change redraws the page (htmx): let it settle before the next one.
    page.get_by_label("Video", exact=True).check()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_label("Video", exact=True)).to_be_checked()
    page.get_by_label(re.compile("Koliko objava")).fill("12")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Thank you! Your answers have been sent.")).to_be_visible()
    expect(page.get_by_text("You have answered this survey. Thank you!")).to_be_visible()
    page.context.close()

    # The organiser reads the results.
    page = sign_in(browser, live_server, world["organiser"])
    page.goto(builder_url.replace("/edit/", "/results/"))
    expect(page.get_by_role("heading", name="Results", level=1)).to_be_visible()
    table = page.get_by_role("table", name="Answers to “Da li opština ima nalog na mrežama?”")
    expect(table.get_by_role("row", name=re.compile(r"^Da 1 100\.0 %"))).to_be_visible()
    expect(page.get_by_text("12.00", exact=True)).to_have_count(2)  # the mean and the median
    assert_accessible(page, "survey-results")
    page.context.close()
