"""A new member completes the profile: types their name, finds their institution and adds a
position with "Add position" — the name is kept and saved with it (it used to be thrown away) —
then removes a position through its confirmation. axe-core on each step."""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from glasnik.organizations.models import Organization
from glasnik.organizations.search import organization_search_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_name_typed_before_add_position_is_saved_with_it(
    browser, live_server, make_person, assert_accessible
):
    Organization.objects.create(
        name="Grad Kragujevac",
        name_cyrillic="Град Крагујевац",
        slug="rs-grad-kragujevac",
        country="RS",
        kind="city",
        search_name=organization_search_text(
            name="Grad Kragujevac", name_cyrillic="Град Крагујевац"
        ),
    )
    person = make_person("ana@example.org")
    client = Client()
    client.force_login(person)
    context = browser.new_context(bypass_csp=True, locale="en-GB", base_url=live_server.url)
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
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # "Remove this position?"

    page.goto("/en/accounts/profile/")
    page.get_by_label("First name").fill("Ana")
    page.get_by_label("Last name").fill("Jovanović")
    page.get_by_role("combobox", name="Institution").fill("крагу")
    page.get_by_role("option", name=re.compile("Grad Kragujevac")).click()
    page.get_by_label("Title").fill("Portparolka")
    assert_accessible(page, "profile-typed")
    page.get_by_role("button", name="Add position").click()

    expect(page.locator(".messages")).to_contain_text("Your profile has been saved.")
    expect(page.locator(".messages")).to_contain_text("The position has been added.")
    expect(page.get_by_label("First name")).to_have_value("Ana")
    expect(page.get_by_label("Last name")).to_have_value("Jovanović")
    positions = page.get_by_role("region", name="Positions")
    expect(positions.get_by_role("cell", name="Grad Kragujevac", exact=True)).to_be_visible()
    assert_accessible(page, "profile-saved")
    person.refresh_from_db()
    assert (person.first_name, person.last_name) == ("Ana", "Jovanović")

    positions.get_by_role("button", name="Remove Portparolka").click()
    expect(page.locator(".messages")).to_contain_text("The position has been removed.")
    expect(page.get_by_text("You have not added a position yet.")).to_be_visible()
    assert not person.positions.exists()
    context.close()
