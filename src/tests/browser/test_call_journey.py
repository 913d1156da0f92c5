"""An organiser opens a call, a new communicator signs up from it and applies, the organiser
approves: every page checked with axe-core."""

import re
import time
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOTP_SECRET = "GLASNIKTESTSECRETGLASNIKTESTSECR"
ORGANISER_EMAIL = "jelena@example.org"
ORGANISER_PASSWORD = "Organizatorka-2026-jesen"
APPLICANT_EMAIL = "ana.petrovic@example.org"
APPLICANT_PASSWORD = "Kestenje-u-jesen-2024"
LINK = re.compile(r"https?://[^\s\"'<>]+/accounts/confirm-email/[^\s\"'<>]+")


@pytest.fixture
def network():
    from allauth.account.models import EmailAddress

    from glasnik.access.models import Role
    from glasnik.access.services import role_grant
    from glasnik.accounts.models import User
    from glasnik.networks.models import Network
    from glasnik.organizations.models import Organization
    from glasnik.organizations.search import organization_search_text

    association = Organization.objects.create(
        name="Stalna konferencija gradova i opština",
        slug="skgo",
        country="RS",
        kind="association",
    )
    for name, slug in [("Opština Stari grad", "stari-grad"), ("Grad Niš", "nis")]:
        Organization.objects.create(
            name=name,
            slug=slug,
            country="RS",
            kind="municipality",
            search_name=organization_search_text(name=name, name_cyrillic=""),
        )
    network = Network.objects.create(
        name="Mreža komunikatora", slug="mreza", organization=association
    )
    organiser = User.objects.create_user(
        email=ORGANISER_EMAIL,
        password=ORGANISER_PASSWORD,
        first_name="Jelena",
        last_name="Marković",
        preferred_language="en",
    )
    EmailAddress.objects.create(user=organiser, email=ORGANISER_EMAIL, verified=True, primary=True)
    role_grant(person=organiser, role=Role.ORGANISER, scope=network)
    TOTP.activate(organiser, TOTP_SECRET)
    return network


def totp_code() -> str:
    return format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // 30))


def organiser_logs_in(page, assert_accessible):
    page.goto("/en/accounts/login/")
    page.locator("input[name=login]").fill(ORGANISER_EMAIL)
    page.locator("input[name=password]").fill(ORGANISER_PASSWORD)
    page.locator("form:has(input[name=password]) [type=submit]").click()
    expect(page.locator("input[name=code]")).to_be_visible()
    assert_accessible(page, "call-organiser-mfa")
    page.locator("input[name=code]").fill(totp_code())
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(re.compile(r"/en/dashboard/$"))


def local(moment) -> str:
    return moment.astimezone(ZoneInfo("Europe/Belgrade")).strftime("%Y-%m-%dT%H:%M")


def test_organiser_opens_call_communicator_signs_up_applies_and_is_approved(
    browser, page, live_server, network, assert_accessible, settings
):
    from glasnik.networks.models import Membership, Statement

    # A code computed at the end of a 30-second period may reach the server in the next one.
    settings.MFA_TOTP_TOLERANCE = 1
    mail.outbox.clear()

    # The organiser creates the call and its statement, then publishes it.
    organiser_logs_in(page, assert_accessible)
    page.goto("/en/networks/mreza/calls/")
    expect(page.locator("h1")).to_have_text("Calls for expressions of interest")
    assert_accessible(page, "call-organiser-list-empty")
    page.get_by_role("link", name="New call").click()
    assert_accessible(page, "call-new")
    now = timezone.now()
    page.get_by_label("Title").fill("Javni poziv za članstvo 2026")
    page.get_by_label("Text of the call").fill("Pozivamo komunikatore lokalnih samouprava.")
    page.get_by_label("Who may apply").fill("Službenici za odnose s javnošću.")
    page.get_by_label("Opens").fill(local(now - timedelta(days=1)))
    page.get_by_label("Closes").fill(local(now - timedelta(days=2)))
    page.get_by_role("button", name="Create call").click()
    closes = page.get_by_label("Closes")
    expect(closes).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_closes_at_error")).to_contain_text(
        "The call must close after it opens."
    )
    expect(page.get_by_label("Title")).to_have_value("Javni poziv za članstvo 2026")
    assert_accessible(page, "call-new-error")
    closes.fill(local(now + timedelta(days=30)))
    page.get_by_role("button", name="Create call").click()
    expect(page.locator(".messages")).to_contain_text("The call has been created.")
    assert_accessible(page, "call-questions-empty")

    page.get_by_label("Short text").check()
    page.locator("#id_label").fill("Odeljenje u kojem radite")
    page.get_by_role("button", name="Add question").click()
    expect(page.locator(".messages")).to_contain_text("The question has been added.")
    page.get_by_label("Consent").check()
    page.locator("#id_label").fill("Saglasnost za obradu podataka")
    page.get_by_role("button", name="Add question").click()
    expect(page.locator("#id_privacy_text_error")).to_contain_text("privacy text")
    assert_accessible(page, "call-question-error")
    page.get_by_label("Privacy text").fill(
        "Podatke obrađuje Stalna konferencija gradova i opština."
    )
    page.get_by_role("button", name="Add question").click()
    expect(page.locator(".question-list li")).to_have_count(2)
    page.get_by_role("button", name="Publish the call").click()
    expect(page.locator(".messages")).to_contain_text("The call is published")
    assert_accessible(page, "call-questions-published")

    # A visitor reads the call and signs up from it.
    visitor = browser.new_context(bypass_csp=True, locale="en-GB", base_url=live_server.url)
    visitor.set_default_timeout(10_000)
    applicant = visitor.new_page()
    applicant.goto("/en/networks/mreza/calls/javni-poziv-za-clanstvo-2026/")
    expect(applicant.locator("h1")).to_have_text("Javni poziv za članstvo 2026")
    expect(applicant.locator("main")).to_contain_text("Free of charge")
    expect(applicant.get_by_role("link", name="Apply")).to_be_visible()
    assert_accessible(applicant, "call-public")
    applicant.get_by_role("region", name="Applying").get_by_role("link", name="sign up").click()
    expect(applicant).to_have_url(re.compile(r"/en/accounts/signup/\?next="))
    applicant.locator("input[name=email]").fill(APPLICANT_EMAIL)
    applicant.locator("input[name=password1]").fill(APPLICANT_PASSWORD)
    applicant.locator("input[name=password2]").fill(APPLICANT_PASSWORD)
    applicant.locator("form:has(input[name=password1]) [type=submit]").click()
    expect(applicant).to_have_url(re.compile(r"/accounts/confirm-email/"))
    assert_accessible(applicant, "call-verification-sent")

    message = next(m for m in mail.outbox if m.to == [APPLICANT_EMAIL])
    link = LINK.search(message.body).group(0)
    applicant.goto(live_server.url + link[link.index("/", len("https://")) :])
    assert_accessible(applicant, "call-confirm-email")
    applicant.locator("main form [type=submit]").click()

    # Back at the statement form, in the same flow.
    expect(applicant).to_have_url(
        re.compile(r"/en/networks/mreza/calls/javni-poziv-za-clanstvo-2026/apply/$")
    )
    expect(applicant.locator("h1")).to_have_text("Membership statement")
    assert_accessible(applicant, "call-statement-form")
    applicant.get_by_role("button", name="Send statement").click()
    expect(applicant.locator("#id_organization_error")).to_contain_text("Choose your institution")
    assert_accessible(applicant, "call-statement-errors")
    applicant.get_by_role("combobox", name="Your institution").fill("stari")
    institution = applicant.get_by_role("option", name=re.compile("Opština Stari grad"))
    expect(institution).to_be_visible()
    institution.click()
    applicant.get_by_label("First name").fill("Ana")
    applicant.get_by_label("Last name").fill("Petrović")
    applicant.get_by_label("Your position").fill("Portparolka")
    applicant.get_by_label("Odeljenje u kojem radite").fill("Kabinet predsednika opštine")
    applicant.get_by_label("Saglasnost za obradu podataka").check()
    assert_accessible(applicant, "call-statement-filled")
    applicant.get_by_role("button", name="Send statement").click()
    expect(applicant.locator(".messages")).to_contain_text("Your statement has been sent.")
    expect(applicant.get_by_role("region", name="Applying")).to_contain_text(
        "You sent your statement on"
    )
    assert_accessible(applicant, "call-statement-sent")
    assert Membership.objects.get(person__email=APPLICANT_EMAIL).status == "applied"
    subjects = {m.to[0]: m.subject for m in mail.outbox if "statement" in m.subject}
    assert set(subjects) == {APPLICANT_EMAIL, ORGANISER_EMAIL}

    # The organiser reviews and approves.
    page.get_by_role("link", name="Statements").first.click()
    expect(page.locator("table")).to_contain_text("Opština Stari grad")
    assert_accessible(page, "call-statements")
    page.get_by_role("link", name="Ana Petrović").click()
    expect(page.locator("main")).to_contain_text("Kabinet predsednika opštine")
    assert_accessible(page, "call-statement-detail")
    page.get_by_label("Approve").check()
    page.get_by_label("Message to the applicant").fill("Dobrodošli u mrežu!")
    page.get_by_role("button", name="Save decision").click()
    expect(page.locator(".messages")).to_contain_text("The statement has been approved.")
    assert_accessible(page, "call-statement-approved")

    assert Statement.objects.get().status == "approved"
    assert Membership.objects.get(person__email=APPLICANT_EMAIL).status == "member"
    welcome = [m for m in mail.outbox if m.to == [APPLICANT_EMAIL] and "approved" in m.subject]
    assert welcome
    assert "Dobrodošli u mrežu!" in welcome[0].body
    visitor.close()
