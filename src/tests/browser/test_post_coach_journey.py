"""A PR officer checks a post with the post coach: the tips change as they type (htmx, in a
polite live region), they fix what the coach flags until "Nothing to fix", then turn a rule
off for their institution and see it gone. Every page is checked with axe-core, and both pages
at a phone's width (375 px) do not scroll sideways."""

import re

import pytest
from factories.toolkit import institution_team
from playwright.sync_api import expect
from signed_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}


@pytest.fixture
def team():
    return institution_team()


def test_an_officer_fixes_a_post_until_nothing_is_left_and_turns_a_rule_off(
    browser, live_server, team, assert_accessible
):
    page = sign_in(browser, live_server, team.officer)
    slug = team.organization.slug

    page.goto(f"/en/toolkit/{slug}/")
    page.get_by_role("link", name="Post coach").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check a post")
    assert_accessible(page, "coach-check-empty")
    tips = page.locator("#coach-tips-coach-form")
    expect(tips).to_have_attribute("aria-live", "polite")

    page.get_by_label("X", exact=True).check()
    text = page.get_by_label("Text of the post")
    text.fill("VAŽNO: Opština je usvojila budžet za narednu godinu.")
    expect(tips).to_contain_text("Words in capital letters")
    expect(tips).to_contain_text("No call to action")
    expect(tips).to_contain_text("Why it matters:")
    assert_accessible(page, "coach-check-tips")

    text.fill("Opština je usvojila budžet. Pročitajte ga na sajtu opštine.")
    expect(tips).to_contain_text("Nothing to fix.")

    page.get_by_label("The post has an image").check()
    expect(tips).to_contain_text("Image without alt text")
    page.get_by_label("Alt text of the image").fill("Odbornici glasaju u sali skupštine.")
    expect(tips).to_contain_text("Nothing to fix.")
    assert_accessible(page, "coach-check-nothing-to-fix")

    # The institution does not want the call to action asked for.
    page.get_by_role("link", name="Choose which rules the coach applies").click()
    assert_accessible(page, "coach-settings")
    page.get_by_label("No call to action").uncheck()
    page.get_by_role("button", name="Save the rules").click()
    expect(page.get_by_text("The coach's rules have been saved.")).to_be_visible()
    expect(page.get_by_label("No call to action")).not_to_be_checked()

    page.get_by_role("link", name="Check a post").click()
    page.get_by_label("X", exact=True).check()
    page.get_by_label("Text of the post").fill("Opština je usvojila budžet.")
    expect(page.locator("#coach-tips-coach-form")).to_contain_text("Nothing to fix.")


def test_without_javascript_the_button_checks_the_post(browser, live_server, team):
    page = sign_in(browser, live_server, team.officer)
    page.route(re.compile(r".*/htmx.*\.js$"), lambda route: route.abort())

    page.goto(f"/en/coach/{team.organization.slug}/")
    page.get_by_label("Text of the post").fill("VAŽNO: budžet je usvojen.")
    page.get_by_role("button", name="Check the post").click()

    expect(page.locator("#coach-tips-coach-form")).to_contain_text("Words in capital letters")
    expect(page.get_by_label("Text of the post")).to_have_value("VAŽNO: budžet je usvojen.")


def test_the_coach_pages_do_not_scroll_sideways_on_a_phone(
    browser, live_server, team, assert_accessible
):
    page = sign_in(browser, live_server, team.officer, viewport=PHONE)
    slug = team.organization.slug
    long_word = "Dugačkareč" * 15

    page.goto(f"/en/coach/{slug}/")
    page.get_by_label("Instagram").check()
    page.get_by_label("Text of the post").fill(
        f"{long_word} https://bit.ly/{long_word} #{long_word}"
    )
    expect(page.locator("#coach-tips-coach-form")).to_contain_text("Shortened link")
    assert_accessible(page, "coach-check-375")
    for address in (f"/en/coach/{slug}/", f"/en/coach/{slug}/settings/"):
        if address != f"/en/coach/{slug}/":
            page.goto(address)
            assert_accessible(page, "coach-settings-375")
        width, screen = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width <= screen, f"{address} is {width} px wide on a {screen} px screen"
