"""A visitor becomes a member, fills in the profile, switches language and signs in again."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "ana.petrovic@example.org"
PASSWORD = "Kestenje-u-jesen-2024"
LINK = re.compile(r"https?://[^\s\"'<>]+/accounts/confirm-email/[^\s\"'<>]+")


@pytest.fixture
def organization():
    from glasnik.organizations.models import Organization

    return Organization.objects.create(
        name="Opština Stari grad", slug="opstina-stari-grad", country="RS", kind="municipality"
    )


def sign_up(page, email, password1, password2):
    page.goto("/en/")
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Sign up").click()
    expect(page).to_have_url(re.compile(r"/en/accounts/signup/"))
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password1]").fill(password1)
    page.locator("input[name=password2]").fill(password2)
    page.locator("form:has(input[name=password1]) [type=submit]").click()


def log_in(page, email, password, assert_accessible):
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Log in").click()
    expect(page.locator("input[name=login]")).to_be_visible()
    assert_accessible(page, "journey-login")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("form:has(input[name=password]) [type=submit]").click()


def test_sign_up_profile_language_and_log_in_again(
    page, live_server, organization, assert_accessible
):
    mail.outbox.clear()

    page.goto("/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(page, "journey-home")

    page.get_by_role("navigation", name="Account").get_by_role("link", name="Sign up").click()
    expect(page.locator("input[name=email]")).to_be_visible()
    assert_accessible(page, "journey-signup")

    page.locator("input[name=email]").fill(EMAIL)
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.locator("form:has(input[name=password1]) [type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/"))
    assert_accessible(page, "journey-verification-sent")

    # The verification email (locmem backend; tasks run immediately in the live server).
    assert len(mail.outbox) == 1, [m.subject for m in mail.outbox]
    message = mail.outbox[0]
    assert message.to == [EMAIL]
    match = LINK.search(message.body)
    assert match, message.body
    link = match.group(0)
    path = link[link.index("/", len("https://")) :]
    page.goto(live_server.url + path)
    assert_accessible(page, "journey-confirm-email")
    page.locator("main form [type=submit]").click()

    expect(page).to_have_url(re.compile(r"/en/dashboard/$"))
    expect(page.locator("h1")).to_contain_text(EMAIL)
    assert_accessible(page, "journey-dashboard")

    # Profile.
    page.get_by_role("link", name="Edit profile").click()
    expect(page).to_have_url(re.compile(r"/en/accounts/profile/$"))
    # Saving without the required name shows an error tied to the field.
    page.get_by_role("button", name="Save profile").click()
    first_name = page.locator("input[name=first_name]")
    expect(first_name).to_have_attribute("aria-invalid", "true")
    error_id = first_name.get_attribute("aria-describedby").split()[-1]
    expect(page.locator(f"#{error_id}")).to_contain_text("required")
    assert_accessible(page, "journey-profile-error")
    first_name.fill("Ana")
    page.locator("input[name=last_name]").fill("Petrović")
    page.locator("input[name=phone]").fill("+381 11 123 4567")
    page.locator("input[name=experience_level][value=intermediate]").check()
    page.get_by_role("button", name="Save profile").click()
    expect(page.locator(".messages")).to_contain_text("Your profile has been saved.")
    expect(page.locator("input[name=first_name]")).to_have_value("Ana")
    assert_accessible(page, "journey-profile-saved")

    # A position at an institution.
    page.get_by_role("combobox", name="Institution").fill("stari")
    page.get_by_role("option", name=re.compile(organization.name)).click()
    page.locator("input[name=title]").fill("Portparolka")
    page.get_by_role("button", name="Add position").click()
    expect(page.locator(".messages")).to_contain_text("The position has been added.")
    positions = page.get_by_role("region", name="Positions")
    expect(positions.get_by_role("cell", name="Portparolka", exact=True)).to_be_visible()
    expect(positions.get_by_role("cell", name=organization.name, exact=True)).to_be_visible()
    assert_accessible(page, "journey-position-added")

    # Language switcher in the header.
    languages = page.get_by_role("navigation", name="Language")
    languages.get_by_role("link", name="Srpski (latinica)").click()
    expect(page.locator("html")).to_have_attribute("lang", "sr-Latn")
    expect(page).to_have_url(re.compile(r"/sr-latn/accounts/profile/$"))
    expect(page.locator("input[name=first_name]")).to_have_value("Ana")
    expect(page.get_by_role("cell", name="Portparolka", exact=True)).to_be_visible()
    assert_accessible(page, "journey-profile-sr-latn")

    page.get_by_role("navigation").get_by_role("link", name="Slovenščina").click()
    expect(page.locator("html")).to_have_attribute("lang", "sl")
    expect(page).to_have_url(re.compile(r"/sl/accounts/profile/$"))
    expect(page.locator("input[name=first_name]")).to_have_value("Ana")
    expect(page.get_by_role("cell", name="Portparolka", exact=True)).to_be_visible()
    assert_accessible(page, "journey-profile-sl")

    # Back to English, log out, log in again.
    page.get_by_role("navigation").get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("button", name="Log out").click()
    if page.locator("main form [type=submit]").count():  # allauth's confirmation page
        page.locator("main form [type=submit]").click()
    account_nav = page.get_by_role("navigation", name="Account")
    expect(account_nav.get_by_role("link", name="Log in")).to_be_visible()

    log_in(page, EMAIL, PASSWORD, assert_accessible)
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    expect(page.locator("h1")).to_contain_text("Ana Petrović")


@pytest.mark.parametrize(
    ("password1", "password2", "error"),
    [
        ("Kestenje-u-jesen-2024", "Kestenje-u-jesen-2025", "same password"),
        ("12345", "12345", "too short"),
    ],
    ids=["mismatch", "weak"],
)
def test_sign_up_with_bad_password_shows_error_and_keeps_email(
    page, assert_accessible, password1, password2, error
):
    mail.outbox.clear()
    sign_up(page, "marko@example.org", password1, password2)
    expect(page).to_have_url(re.compile(r"/en/accounts/signup/$"))
    expect(page.locator("main")).to_contain_text(re.compile(error, re.IGNORECASE))
    expect(page.locator("input[name=email]")).to_have_value("marko@example.org")
    assert_accessible(page, f"signup-error-{error}")
    assert mail.outbox == []
