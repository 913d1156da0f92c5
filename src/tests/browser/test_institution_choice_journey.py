"""A person adds a position on their profile with the keyboard alone: they search for the
institution in the other script, move through the matches with the arrow keys, pick one with
Enter and save. The combobox says what it offers to assistive technology at every step."""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from glasnik.accounts.models import Position
from glasnik.organizations.models import Organization
from glasnik.organizations.search import organization_search_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(browser, live_server, person, *, bypass_csp: bool = True, javascript: bool = True):
    client = Client()
    client.force_login(person)
    context = browser.new_context(
        bypass_csp=bypass_csp,
        java_script_enabled=javascript,
        locale="en-GB",
        base_url=live_server.url,
    )
    context.set_default_timeout(10_000)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context.new_page()


def institution(name: str, cyrillic: str, slug: str, kind: str = "city") -> Organization:
    return Organization.objects.create(
        name=name,
        name_cyrillic=cyrillic,
        slug=slug,
        country="RS",
        kind=kind,
        search_name=organization_search_text(name=name, name_cyrillic=cyrillic),
    )


def test_person_picks_an_institution_with_the_keyboard_and_saves_a_position(
    browser, live_server, make_person, assert_accessible
):
    institution("Grad Niš", "Град Ниш", "rs-grad-nis")
    nis_clinic = institution("Klinički centar Niš", "Клинички центар Ниш", "rs-kc-nis", "other")
    institution("Grad Kragujevac", "Град Крагујевац", "rs-grad-kragujevac")
    person = make_person(first_name="Ana", last_name="Petrović")
    page = sign_in(browser, live_server, person)

    page.goto("/en/accounts/profile/")
    combobox = page.get_by_role("combobox", name="Institution")
    expect(combobox).to_have_attribute("aria-expanded", "false")
    expect(page.locator("button[name=organization_search]")).to_have_count(0)
    assert_accessible(page, "institution-choice-profile")

    combobox.focus()
    page.keyboard.type("ниш")
    listbox = page.get_by_role("listbox", name="Institutions to choose from")
    expect(listbox.get_by_role("option")).to_have_count(2)
    expect(combobox).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#id_organization_status")).to_have_text("2 institutions match.")
    assert_accessible(page, "institution-choice-open")

    page.keyboard.press("ArrowDown")
    first = listbox.get_by_role("option").nth(0)
    expect(combobox).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    page.keyboard.press("ArrowDown")
    second = listbox.get_by_role("option").nth(1)
    expect(second).to_contain_text("Klinički centar Niš")
    expect(combobox).to_have_attribute("aria-activedescendant", second.get_attribute("id"))
    page.keyboard.press("Escape")
    expect(combobox).to_have_attribute("aria-expanded", "false")
    expect(combobox).not_to_have_attribute("aria-activedescendant", re.compile(".+"))

    page.keyboard.press("ArrowUp")  # opens the list at its last option
    expect(combobox).to_have_attribute("aria-expanded", "true")
    expect(combobox).to_have_attribute("aria-activedescendant", second.get_attribute("id"))
    page.keyboard.press("Enter")
    expect(combobox).to_have_value("Klinički centar Niš")
    expect(combobox).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#id_organization_status")).to_have_text("Chosen: Klinički centar Niš")
    assert not Position.objects.exists()  # Enter in the open list picks, it does not send

    page.keyboard.press("Tab")
    expect(page.get_by_label("Title")).to_be_focused()
    page.keyboard.type("Portparolka")
    page.keyboard.press("Enter")

    expect(page.locator(".messages")).to_contain_text("The position has been added.")
    positions = page.get_by_role("region", name="Positions")
    expect(positions.get_by_role("cell", name="Klinički centar Niš", exact=True)).to_be_visible()
    assert_accessible(page, "institution-choice-saved")
    position = Position.objects.get()
    assert (position.organization, position.title) == (nis_clinic, "Portparolka")


def test_a_tampered_institution_is_refused_and_the_search_still_works(
    browser, live_server, make_person, assert_accessible
):
    institution("Grad Bor", "Град Бор", "rs-grad-bor")
    page = sign_in(browser, live_server, make_person())

    page.goto("/en/accounts/profile/")
    page.locator("input[type=hidden][name=organization]").evaluate(
        "field => field.value = '999999'"
    )
    page.get_by_label("Title").fill("PR")
    page.get_by_role("button", name="Add position").click()

    expect(page.locator("#id_organization_error")).to_have_text(
        "This institution cannot be chosen here. Search for it by name and pick it from the list."
    )
    expect(page.get_by_label("Title")).to_have_value("PR")
    combobox = page.get_by_role("combobox", name="Institution")
    expect(combobox).to_have_attribute("aria-invalid", "true")
    assert_accessible(page, "institution-choice-refused")
    combobox.fill("bor")
    page.get_by_role("option", name=re.compile("Grad Bor")).click()
    page.get_by_role("button", name="Add position").click()
    expect(page.locator(".messages")).to_contain_text("The position has been added.")
    assert Position.objects.get().organization.name == "Grad Bor"


def test_the_combobox_works_under_the_content_security_policy(browser, live_server, make_person):
    institution("Grad Bor", "Град Бор", "rs-grad-bor")
    page = sign_in(browser, live_server, make_person(), bypass_csp=False)
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.on("pageerror", lambda error: violations.append(str(error)))

    page.goto("/en/accounts/profile/positions/add/")
    page.get_by_role("combobox", name="Institution").fill("бор")
    expect(page.get_by_role("option", name=re.compile("Grad Bor"))).to_be_visible()

    assert violations == []


def test_without_javascript_the_search_button_finds_the_institution(
    browser, live_server, make_person
):
    bor = institution("Grad Bor", "Град Бор", "rs-grad-bor")
    institution("Grad Niš", "Град Ниш", "rs-grad-nis")
    page = sign_in(browser, live_server, make_person(), javascript=False)

    page.goto("/en/accounts/profile/")
    page.get_by_label("Institution").fill("бор")
    page.get_by_label("Title").fill("Portparol")
    page.get_by_role("button", name="Search").click()

    expect(page.get_by_role("status")).to_have_text("1 institution matches.")
    expect(page.get_by_label("Title")).to_have_value("Portparol")
    page.get_by_role("radio", name=re.compile("Grad Bor")).check()
    page.get_by_role("button", name="Add position").click()

    expect(page.locator(".messages")).to_contain_text("The position has been added.")
    assert Position.objects.get().organization == bor
