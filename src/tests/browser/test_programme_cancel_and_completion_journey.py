"""An organiser cancels a programme's coming workshop: the confirmation page says what it does,
the person with a seat and the one waiting are emailed in their own language, and the event's
page, the programme's page and the registration box say it is cancelled and why. Then the
organiser issues certificates of completion to the whole programme (the cancelled workshop no
longer counts) and sees who was skipped and why. Every page is checked with axe-core."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect
from second_factor import login_with_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BELGRADE = ZoneInfo("Europe/Belgrade")
REASON = "Predavačica je sprečena; radionicu ponavljamo na jesen."


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
        Visibility,
    )
    from glasnik.programs.models import Enrolment, EnrolmentStatus, Program

    settings.SITE_URL = live_server.url
    program = Program.objects.create(
        name="Društvene mreže – program obuke i mentorstva",
        slug="drustvene-mreze",
        organization=make_organization("Stalna konferencija gradova i opština"),
        time_zone="Europe/Belgrade",
        is_published=True,
    )
    organiser = make_person("organiser@example.org", first_name="Jelena", last_name="Marković")
    role_grant(person=organiser, role=Role.ORGANISER, scope=program)
    TOTP.activate(organiser, "GLASNIKTESTSECRETGLASNIKTESTSECR")
    common = {
        "kind": EventKind.TRAINING,
        "program": program,
        "time_zone": "Europe/Belgrade",
        "mode": EventMode.IN_PERSON,
        "venue_name": "Centar za obuku",
        "visibility": Visibility.PUBLIC,
        "registration_enabled": True,
    }
    training = Event.objects.create(
        title="Radionica 1: Strategija na društvenim mrežama",
        starts_at=datetime(2026, 3, 14, 9, 0, tzinfo=BELGRADE),
        ends_at=datetime(2026, 3, 15, 17, 0, tzinfo=BELGRADE),
        **common,
    )
    start = timezone.now().replace(microsecond=0) + timedelta(days=12)
    workshop = Event.objects.create(
        title="Radionica 2: Krizno komuniciranje",
        starts_at=start,
        ends_at=start + timedelta(hours=5),
        capacity=1,
        **common,
    )
    people = {}
    for email, first, last, language, days, workshop_status in (
        ("marko@example.org", "Marko", "Petrović", "sr", 2, RegistrationStatus.CONFIRMED),
        ("vesna@example.org", "Vesna", "Vesić", "en", 1, RegistrationStatus.WAITLISTED),
    ):
        person = make_person(email, first_name=first, last_name=last, language=language)
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
        Registration.objects.create(
            event=workshop,
            person=person,
            organization=institution,
            status=workshop_status,
            waitlisted_at=timezone.now(),
        )
        people[first.lower()] = person
    return {"organiser": organiser, "program": program, "workshop": workshop, **people}


def sign_in(browser, live_server, person):
    client = Client()
    if person.email == "organiser@example.org":
        login_with_second_factor(client, person)
    else:
        client.force_login(person)
    context = browser.new_context(bypass_csp=True, locale="en-GB", base_url=live_server.url)
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


def test_organiser_cancels_a_workshop_and_issues_completion_certificates(
    browser, live_server, world, assert_accessible
):
    workshop, program = world["workshop"], world["program"]
    organiser = sign_in(browser, live_server, world["organiser"])

    # The confirmation says who is told and what stops.
    organiser.goto(f"/en/events/programme/{workshop.pk}/")
    organiser.get_by_role("link", name="Cancel the event").click()
    expect(organiser.locator("h1")).to_have_text("Cancel the event")
    consequences = organiser.get_by_role("region", name="What cancelling does")
    expect(consequences).to_contain_text("1 person with a seat")
    expect(consequences).to_contain_text("1 person on the waiting list")
    expect(consequences).to_contain_text("no reminder goes out")
    expect(consequences).to_contain_text("No certificate is issued for the event")
    expect(consequences).to_contain_text("A cancelled event cannot be restored or changed.")
    assert_accessible(organiser, "programme-event-cancel-confirm")
    organiser.get_by_label("Reason").fill(REASON)
    organiser.get_by_role("button", name="Cancel the event").click()

    # The event's page says it is cancelled, and why.
    expect(
        organiser.get_by_role("status").filter(has_text="This event has been cancelled.")
    ).to_be_visible()
    expect(organiser.get_by_text(REASON).first).to_be_visible()
    expect(organiser.get_by_role("link", name="Cancel the event")).to_have_count(0)
    assert_accessible(organiser, "programme-event-cancelled")
    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == ["marko@example.org", "vesna@example.org"]
    assert by_address["marko@example.org"].subject == (
        "[Гласник] Отказано: Радионица 2: Кризно комуницирање"
    )
    assert "Имали сте место: не морате ништа да радите." in by_address["marko@example.org"].body
    assert "You were on its waiting list" in by_address["vesna@example.org"].body
    assert REASON in by_address["vesna@example.org"].body

    # The programme's page marks it.
    organiser.goto(f"/en/programmes/{program.slug}/")
    expect(
        organiser.get_by_role("row", name=re.compile("Radionica 2: Krizno komuniciranje"))
    ).to_contain_text("Cancelled")
    assert_accessible(organiser, "programme-page-with-cancelled-event")

    # Certificates of completion for everyone who met the rule; the cancelled workshop no
    # longer counts.
    mail.outbox.clear()
    organiser.goto(f"/en/certificates/programme/{program.pk}/")
    expect(organiser.get_by_role("row", name=re.compile("Marko Petrović"))).to_contain_text(
        "Not issued"
    )
    organiser.get_by_role(
        "button", name="Issue certificates of completion to everyone who meets the rule"
    ).click()
    expect(organiser.get_by_text("1 certificate issued and emailed")).to_be_visible()
    expect(organiser.get_by_text("1 participant skipped")).to_be_visible()
    expect(organiser.get_by_role("listitem").filter(has_text="Vesna Vesić")).to_contain_text(
        "Attended 1 of 2 days"
    )
    expect(organiser.get_by_role("row", name=re.compile("Marko Petrović"))).to_contain_text(
        "Issued on"
    )
    assert_accessible(organiser, "programme-completion-bulk")
    [email] = mail.outbox
    assert email.to == ["marko@example.org"]
    assert email.attachments[0][1].startswith(b"%PDF")
    organiser.context.close()

    # The person who was waiting reads why on the event's page.
    waiting = sign_in(browser, live_server, world["vesna"])
    waiting.goto(f"/en/events/programme/{workshop.pk}/")
    expect(
        waiting.get_by_text("This event has been cancelled: registration is closed.")
    ).to_be_visible()
    expect(waiting.get_by_text(REASON).first).to_be_visible()
    assert_accessible(waiting, "programme-event-cancelled-participant")
    waiting.context.close()
