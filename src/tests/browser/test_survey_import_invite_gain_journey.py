"""An organiser imports an XLSForm needs survey (a page, a condition, an "other" option), opens
it and invites the programme's participant, who answers through the invitation's link; then she
starts a knowledge test from a shipped template and opens its learning-gain page. Every page is
checked with axe-core."""

import re

import pytest
from django.core import mail
from openpyxl import Workbook
from playwright.sync_api import expect
from test_survey_journey import sign_in, world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["world"]  # the fixture, used by name


def needs_form(path) -> None:
    """A small XLSForm as KoboToolbox writes one: a group, a condition, choices with "other"."""
    book = Workbook()
    survey = book.active
    survey.title = "survey"
    survey.append(["type", "name", "label::Serbian (sr)", "required", "relevant"])
    survey.append(["begin_group", "mreze", "Društvene mreže", "", ""])
    survey.append(["select_one yn", "nalog", "Da li opština ima nalog na mrežama?", "yes", ""])
    survey.append(
        [
            "select_multiple teme or_other",
            "teme",
            "Koje teme su vam potrebne?",
            "",
            "${nalog} = 'da'",
        ]
    )
    survey.append(["end_group", "", "", "", ""])
    choices = book.create_sheet("choices")
    choices.append(["list_name", "name", "label::Serbian (sr)"])
    for row in (("yn", "da", "Da"), ("yn", "ne", "Ne"), ("teme", "video", "Video")):
        choices.append(list(row))
    choices.append(["teme", "analitika", "Analitika"])
    book.save(path)


def test_organiser_imports_invites_and_reads_the_learning_gain(
    browser, live_server, world, assert_accessible, tmp_path
):
    program = world["program"]
    form = tmp_path / "potrebe.xlsx"
    needs_form(form)

    page = sign_in(browser, live_server, world["organiser"])
    page.goto(f"/en/surveys/of/programme/{program.slug}/import/")
    assert_accessible(page, "survey-import")
    page.locator("input[type=file]").set_input_files(str(form))
    page.get_by_role("button", name="Import the form").click()
    expect(
        page.get_by_text("The survey has been imported: 2 questions in 1 sections.")
    ).to_be_visible()
    expect(page.locator("#builder").get_by_text("Koje teme su vam potrebne?")).to_be_visible()
    expect(page.get_by_text("Shown only when:")).to_be_visible()
    assert_accessible(page, "survey-imported")
    page.get_by_role("button", name="Open the survey").click()
    expect(page.get_by_text("The survey is open: participants can answer it.")).to_be_visible()

    page.goto(page.url.replace("/edit/", "/invitations/"))
    assert_accessible(page, "survey-invitations")
    page.get_by_role("button", name="Send the invitations").click()
    expect(page.get_by_text("1 invitation is on its way.")).to_be_visible()
    assert_accessible(page, "survey-invitations-sent")
    page.context.close()

    # The participant follows the link in the email, without signing in.
    link = re.search(r"https?://\S+/surveys/invitation/\S+/", mail.outbox[-1].body)[0]
    anonymous = browser.new_context(locale="en-GB").new_page()
    anonymous.goto(link.replace(re.match(r"https?://[^/]+", link)[0], live_server.url))
    assert_accessible(anonymous, "survey-invitation")
    anonymous.get_by_label("Da", exact=True).check()
    anonymous.wait_for_load_state("networkidle")
    anonymous.get_by_label("Video", exact=True).check()
    anonymous.wait_for_load_state("networkidle")
    anonymous.get_by_role("button", name="Send my answers").click()
    expect(anonymous.get_by_text("Thank you! Your answers have been sent.")).to_be_visible()
    anonymous.context.close()

    # A knowledge test from a template, and its learning-gain page.
    page = sign_in(browser, live_server, world["organiser"])
    page.goto(f"/en/surveys/of/programme/{program.slug}/import/")
    page.locator("form", has=page.locator("button", has_text="Create from this template")).filter(
        has_text="correct answers"
    ).get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"/edit/$"))
    page.goto(page.url.replace("/edit/", "/knowledge/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Learning gain")
    assert_accessible(page, "survey-learning-gain")
