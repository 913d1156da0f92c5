"""An organiser issues the certificates of a two-day training in bulk and sees who was skipped
and why; a participant downloads theirs; the address printed beside its QR code opens the
public verification page, which says it is authentic; a participant who missed a day asks and
is told why not. Every page is checked with axe-core."""

import io
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.core import mail
from django.test import Client
from playwright.sync_api import expect
from pypdf import PdfReader
from second_factor import login_with_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BELGRADE = ZoneInfo("Europe/Belgrade")


@pytest.fixture
def world(make_person, make_organization, live_server, settings):
    from glasnik.access.models import Role
    from glasnik.access.services import role_grant
    from glasnik.events.models import (
        Attendance,
        AttendanceMethod,
        Event,
        EventKind,
        EventMode,
        Registration,
        RegistrationStatus,
    )
    from glasnik.programs.models import Enrolment, EnrolmentStatus, Program

    settings.SITE_URL = live_server.url
    program = Program.objects.create(
        name="Društvene mreže – program obuke i mentorstva",
        slug="drustvene-mreze",
        organization=make_organization("Stalna konferencija gradova i opština"),
        is_published=True,
    )
    organiser = make_person("organiser@example.org", first_name="Jelena", last_name="Marković")
    role_grant(person=organiser, role=Role.ORGANISER, scope=program)
    TOTP.activate(organiser, "GLASNIKTESTSECRETGLASNIKTESTSECR")
    training = Event.objects.create(
        kind=EventKind.TRAINING,
        program=program,
        title="Radionica 1: Strategija na društvenim mrežama",
        starts_at=datetime(2026, 3, 14, 9, 0, tzinfo=BELGRADE),
        ends_at=datetime(2026, 3, 15, 17, 0, tzinfo=BELGRADE),
        mode=EventMode.IN_PERSON,
        venue_name="Centar za obuku",
        registration_enabled=True,
    )
    people = {}
    for email, first, last, days in (
        ("marko@example.org", "Marko", "Petrović", 2),
        ("vesna@example.org", "Vesna", "Vesić", 1),
    ):
        person = make_person(email, first_name=first, last_name=last, language="en")
        institution = make_organization()
        Enrolment.objects.create(
            program=program,
            person=person,
            organization=institution,
            status=EnrolmentStatus.ENROLLED,
        )
        role_grant(person=person, role=Role.MEMBER, scope=program)
        registration = Registration.objects.create(
            event=training,
            person=person,
            organization=institution,
            status=RegistrationStatus.CONFIRMED,
        )
        for day in (date(2026, 3, 14), date(2026, 3, 15))[:days]:
            Attendance.objects.create(
                registration=registration, day=day, method=AttendanceMethod.ORGANISER
            )
        people[first.lower()] = person
    return {"organiser": organiser, "training": training, **people}


def sign_in(browser, live_server, person):
    client = Client()
    login_with_second_factor(client, person)
    context = browser.new_context(
        bypass_csp=True, locale="en-GB", base_url=live_server.url, accept_downloads=True
    )
    context.set_default_timeout(15_000)
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


def test_certificates_issued_in_bulk_downloaded_and_verified(
    browser, live_server, world, assert_accessible
):
    # The organiser issues certificates to everyone who meets the rule.
    organiser = sign_in(browser, live_server, world["organiser"])
    organiser.goto(f"/en/certificates/event/{world['training'].pk}/")
    expect(organiser.locator("h1")).to_contain_text("Radionica 1")
    expect(organiser.get_by_role("row", name=re.compile("Marko Petrović"))).to_contain_text(
        "Not issued"
    )
    assert_accessible(organiser, "certificates-organiser")
    organiser.get_by_role(
        "button", name="Issue certificates to everyone who meets the rule"
    ).click()
    expect(organiser.get_by_text("1 certificate issued and emailed")).to_be_visible()
    expect(organiser.get_by_text("1 participant skipped")).to_be_visible()
    expect(organiser.get_by_role("listitem").filter(has_text="Vesna Vesić")).to_contain_text(
        "1 of 2"
    )
    expect(organiser.get_by_role("row", name=re.compile("Marko Petrović"))).to_contain_text(
        "Issued on"
    )
    assert_accessible(organiser, "certificates-organiser-after-bulk")
    [email] = mail.outbox
    assert email.to == ["marko@example.org"]
    assert email.attachments[0][1].startswith(b"%PDF")
    organiser.context.close()

    # The participant downloads theirs from "my certificates".
    participant = sign_in(browser, live_server, world["marko"])
    participant.goto("/en/certificates/")
    expect(participant.locator("h1")).to_have_text("My certificates")
    assert_accessible(participant, "certificates-mine")
    with participant.expect_download() as download_info:
        participant.get_by_role("link", name=re.compile("^PDF")).click()
    content = download_info.value.path().read_bytes()
    assert content.startswith(b"%PDF")
    text = "".join(PdfReader(io.BytesIO(content)).pages[0].extract_text().split())
    assert "MarkoPetrović" in text
    [verify_url] = re.findall(r"https?://[^\s]+?/en/certificates/verify/[\w-]+/", text)
    participant.context.close()

    # Anyone who opens the address from the QR code sees that it is authentic.
    visitor = browser.new_context(locale="en-GB", bypass_csp=True).new_page()
    visitor.goto(verify_url)
    expect(visitor.get_by_text("Authentic")).to_be_visible()
    expect(visitor.get_by_text("Marko Petrović")).to_be_visible()
    expect(visitor.get_by_text("Radionica 1: Strategija na društvenim mrežama")).to_be_visible()
    assert "marko@example.org" not in visitor.content()
    assert_accessible(visitor, "certificates-verify")
    visitor.goto(verify_url.replace("/verify/", "/verify/x"))
    expect(visitor.locator("h1")).to_have_text("Page not found")
    assert_accessible(visitor, "certificates-verify-not-found")
    visitor.context.close()

    # A participant who missed a day asks and is told why not.
    missed = sign_in(browser, live_server, world["vesna"])
    missed.goto("/en/certificates/")
    expect(missed.get_by_text("You have no certificates yet")).to_be_visible()
    missed.get_by_role(
        "button", name="Ask for my certificate for Radionica 1: Strategija na društvenim mrežama"
    ).click()
    expect(missed.get_by_text(re.compile("No certificate yet: .*1 of 2"))).to_be_visible()
    assert_accessible(missed, "certificates-refused")
    missed.context.close()
