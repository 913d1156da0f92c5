"""Fixtures for the attendance and materials tests: a programme with an organiser (with two-factor
set up), a trainer, enrolled participants with confirmed registrations, and a two-day training
that is under way (yesterday and today in Belgrade). Rows are created directly, so these tests
do not depend on the programmes or registration services."""

import zoneinfo
from datetime import datetime, time, timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from glasnik.access.models import Role
from glasnik.access.services import role_grant
from glasnik.events.models import Event, EventKind, EventMode, Registration, RegistrationStatus
from glasnik.programs.models import Enrolment, EnrolmentStatus, Program

TOTP_SECRET = "GLASNIKTESTSECRETGLASNIKTESTSECR"
BELGRADE = zoneinfo.ZoneInfo("Europe/Belgrade")


def local(day, hour: int = 9, minute: int = 0, zone=BELGRADE) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=zone)


def belgrade_today():
    return timezone.localtime(timezone.now(), BELGRADE).date()


@pytest.fixture
def program(make_organization):
    return Program.objects.create(
        name="Društvene mreže – obuka i mentorstvo",
        slug="drustvene-mreze",
        organization=make_organization("Stalna konferencija", kind="association"),
        time_zone="Europe/Belgrade",
        is_published=True,
    )


@pytest.fixture
def organiser(make_person, program):
    person = make_person(first_name="Jelena", last_name="Marković")
    role_grant(person=person, role=Role.ORGANISER, scope=program)
    TOTP.activate(person, TOTP_SECRET)
    return person


@pytest.fixture
def trainer(make_person, program):
    person = make_person(first_name="Ana", last_name="Trenerić")
    role_grant(person=person, role=Role.TRAINER, scope=program)
    return person


@pytest.fixture
def make_training(program):
    def make(*, first_day=None, days: int = 2, **extra) -> Event:
        first_day = first_day or belgrade_today() - timedelta(days=days - 1)
        fields = {
            "kind": EventKind.TRAINING,
            "program": program,
            "title": "Dvodnevna obuka: društvene mreže",
            "starts_at": local(first_day, 9),
            "ends_at": local(first_day + timedelta(days=days - 1), 17),
            "time_zone": "Europe/Belgrade",
            "mode": EventMode.IN_PERSON,
            "venue_name": "Centar za obuku",
            "registration_enabled": True,
        } | extra
        return Event.objects.create(**fields)

    return make


@pytest.fixture
def training(make_training):
    return make_training()


@pytest.fixture
def make_participant(make_person, make_organization, program):
    def make(event=None, *, status=RegistrationStatus.CONFIRMED, language="en", **extra):
        person = make_person(language=language, **extra)
        organization = make_organization()
        Enrolment.objects.create(
            program=program,
            person=person,
            organization=organization,
            status=EnrolmentStatus.ENROLLED,
        )
        role_grant(person=person, role=Role.MEMBER, scope=program)
        if event is not None:
            Registration.objects.create(
                event=event, person=person, organization=organization, status=status
            )
        return person

    return make


@pytest.fixture
def participant(make_participant, training):
    return make_participant(training, first_name="Marko", last_name="Petrović")


def registration_of(person, event) -> Registration:
    return Registration.objects.select_related("event", "person").get(person=person, event=event)
