"""Every public page, in every interface language, passes axe-core."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HTML_LANG = {
    "sr": "sr-Cyrl",
    "sr-latn": "sr-Latn",
    "bs": "bs",
    "bs-cyrl": "bs-Cyrl",
    "hr": "hr",
    "sl": "sl",
    "en": "en",
}
PAGES = {
    "home": ("", 200),
    "accessibility": ("accessibility/", 200),
    "privacy": ("privacy/", 200),
    "organizations": ("organizations/", 200),
    "not-found": ("no-such-page/", 404),
}


def test_every_language_is_covered():
    assert {code for code, _name in settings.LANGUAGES} == set(HTML_LANG)


@pytest.fixture
def organization():
    from glasnik.organizations.models import Organization

    return Organization.objects.create(
        name="Grad Kragujevac", slug="grad-kragujevac", country="RS", kind="city"
    )


@pytest.mark.parametrize("language", list(HTML_LANG))
def test_public_pages_are_accessible(page, assert_accessible, organization, language):
    for name, (path, status) in PAGES.items():
        response = page.goto(f"/{language}/{path}")
        assert response.status == status, f"{name} in {language}: {response.status}"
        expect(page.locator("html")).to_have_attribute("lang", HTML_LANG[language])
        expect(page.locator("h1")).to_have_count(1)
        assert page.title().strip(), f"{name} in {language} has no title"
        if name == "organizations":
            # Stored in Latin; the Cyrillic reader reads it in Cyrillic.
            shown = "Град Крагујевац" if language in ("sr", "bs-cyrl") else organization.name
            expect(page.get_by_role("link", name=shown)).to_be_visible()
        assert_accessible(page, f"public-{language}-{name}")
