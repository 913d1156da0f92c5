"""Participants register for a two-day training until it is full; the next goes on the waiting
list; one cancels, the first waiting is offered the seat by email and confirms it; the
organiser sees it all in the registrations table. Every page is checked with axe-core."""

from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect
from second_factor import login_with_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(make_person, make_organization):
    from glasnik.access.models import Role
    from glasnik.access.services import role_grant
    from glasnik.events.models import (
        Event,
        EventKind,
        EventMode,
        RegistrationQuestion,
        RegistrationQuestionKind,
    )
    from glasnik.programs.models import Enrolment, EnrolmentStatus, Program

    program = Program.objects.create(
        name="Društvene mreže – obuka i mentorstvo",
        slug="drustvene-mreze",
        organization=make_organization("Stalna konferencija", kind="association"),
        is_published=True,
    )
    organiser = make_person("organiser@example.org", first_name="Jelena", last_name="Marković")
    role_grant(person=organiser, role=Role.ORGANISER, scope=program)
    TOTP.activate(organiser, "GLASNIKTESTSECRETGLASNIKTESTSECR")
    people = {}
    for key, first, last, town in [
        ("ana", "Ana", "Jovanović", "Opština Kula"),
        ("bojan", "Bojan", "Ilić", "Grad Novi Sad"),
        ("vesna", "Vesna", "Popović", "Opština Bor"),
    ]:
        person = make_person(f"{key}@example.org", first_name=first, last_name=last)
        Enrolment.objects.create(
            program=program,
            person=person,
            organization=make_organization(town),
            status=EnrolmentStatus.ENROLLED,
        )
        role_grant(person=person, role=Role.MEMBER, scope=program)
        people[key] = person
    starts_at = (timezone.now() + timedelta(days=10)).replace(hour=7, minute=0, second=0)
    training = Event.objects.create(
        program=program,
        kind=EventKind.TRAINING,
        title="Dvodnevna obuka: komunikacija na društvenim mrežama",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(days=1, hours=9),
        mode=EventMode.IN_PERSON,
        venue_name="Centar za obuku",
        venue_address="Makedonska 22, Beograd",
        registration_enabled=True,
        capacity=2,
        offer_hours=48,
    )
    RegistrationQuestion.objects.create(
        event=training,
        kind=RegistrationQuestionKind.CHOICE,
        label="Ishrana",
        options="Bez ograničenja\nVegetarijanska",
    )
    return {"organiser": organiser, "training": training, **people}


def sign_in(browser, live_server, person):
    client = Client()
    login_with_second_factor(client, person)
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
    page.on("dialog", lambda dialog: dialog.accept())  # the "are you sure?" of cancelling
    return page


def register(page, url, *, expected: str, assert_accessible, name: str) -> None:
    page.goto(url)
    assert_accessible(page, f"registration-{name}-form")
    page.get_by_label("Vegetarijanska").check()
    page.get_by_role("button", name=expected).click()


def test_register_until_full_cancel_and_promote(browser, live_server, world, assert_accessible):
    training = world["training"]
    url = f"/en/events/{training.pk}/register/"

    ana = sign_in(browser, live_server, world["ana"])
    register(ana, url, expected="Register", assert_accessible=assert_accessible, name="ana")
    expect(ana.get_by_text("Your seat is confirmed.").first).to_be_visible()
    expect(ana.get_by_role("img", name="QR code for checking in at the event")).to_be_visible()
    assert_accessible(ana, "registration-ana-confirmed")

    bojan = sign_in(browser, live_server, world["bojan"])
    register(bojan, url, expected="Register", assert_accessible=assert_accessible, name="bojan")
    expect(bojan.get_by_text("Your seat is confirmed.").first).to_be_visible()

    vesna = sign_in(browser, live_server, world["vesna"])
    vesna.goto(url)
    expect(vesna.get_by_text("Full: new registrations go on the waiting list.")).to_be_visible()
    register(
        vesna,
        url,
        expected="Join the waiting list",
        assert_accessible=assert_accessible,
        name="vesna",
    )
    expect(vesna.get_by_text("you are on the waiting list, number 1").first).to_be_visible()
    assert_accessible(vesna, "registration-vesna-waiting")

    # Ana cannot come after all: her seat goes to Vesna, who gets an email with a deadline.
    mail.outbox.clear()
    ana.goto(url)
    ana.get_by_role("button", name="Cancel my registration").click()
    expect(ana.get_by_text("Your registration has been cancelled.").first).to_be_visible()
    assert_accessible(ana, "registration-ana-cancelled")
    offer = next(m for m in mail.outbox if m.to == ["vesna@example.org"])
    assert offer.subject == f"[Glasnik] A seat is free for you: {training.title}"
    assert f"/events/{training.pk}/register/" in offer.body

    vesna.goto(url)
    expect(vesna.get_by_text("A seat is offered to you. Please confirm it by")).to_be_visible()
    assert_accessible(vesna, "registration-vesna-offered")
    vesna.get_by_role("button", name="Confirm my seat").click()
    expect(vesna.get_by_text("The seat is yours: your registration is confirmed.")).to_be_visible()
    expect(vesna.get_by_role("img", name="QR code for checking in at the event")).to_be_visible()
    assert_accessible(vesna, "registration-vesna-confirmed")

    vesna.goto("/en/events/registrations/")
    expect(vesna.get_by_role("link", name=training.title)).to_be_visible()
    assert_accessible(vesna, "registration-my-registrations")

    organiser = sign_in(browser, live_server, world["organiser"])
    organiser.goto(f"/en/events/{training.pk}/registrations/")
    expect(organiser.get_by_text("2 of 2")).to_be_visible()
    for name in ("Bojan Ilić", "Vesna Popović", "Ana Jovanović"):
        expect(organiser.get_by_role("rowheader", name=name)).to_be_visible()
    assert_accessible(organiser, "registration-organiser-table")
    organiser.goto(f"/en/events/{training.pk}/invitations/")
    assert_accessible(organiser, "registration-organiser-invitations")
