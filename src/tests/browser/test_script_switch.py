"""A reader switches between Cyrillic and Latin and reads the same content in both."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def institutions():
    from glasnik.organizations.models import Organization

    latin = Organization.objects.create(
        name="Opština Stari grad", slug="rs-stari-grad", country="RS", kind="city_municipality"
    )
    cyrillic = Organization.objects.create(
        name="Општина Врачар", slug="rs-vracar", country="RS", kind="city_municipality"
    )
    return latin, cyrillic


def test_same_institution_reads_in_both_scripts(page, institutions, assert_accessible):
    page.goto("/sr-latn/organizations/rs-stari-grad/")
    expect(page.locator("html")).to_have_attribute("lang", "sr-Latn")
    expect(page.locator("h1")).to_have_text("Opština Stari grad")
    assert_accessible(page, "script-latin-detail")

    page.get_by_role("navigation", name="Jezik").get_by_role(
        "link", name="Српски (ћирилица)"
    ).click()

    expect(page).to_have_url(re.compile(r"/sr/organizations/rs-stari-grad/$"))
    expect(page.locator("html")).to_have_attribute("lang", "sr-Cyrl")
    expect(page.locator("h1")).to_have_text("Општина Стари град")
    assert_accessible(page, "script-cyrillic-detail")


def test_list_in_latin_shows_cyrillic_names_in_latin(page, institutions, assert_accessible):
    page.goto("/sr/organizations/")
    table = page.locator("main table")
    expect(table).to_contain_text("Општина Врачар")
    expect(table).to_contain_text("Општина Стари град")

    page.get_by_role("link", name="Srpski (latinica)").click()

    expect(page.locator("html")).to_have_attribute("lang", "sr-Latn")
    expect(table).to_contain_text("Opština Vračar")
    expect(table).to_contain_text("Opština Stari grad")
    assert_accessible(page, "script-latin-list")
