"""Fixtures for the certificates tests: a programme with an organiser (with two-factor set up),
a finished two-day training, and participants whose attendance is recorded directly."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from allauth.mfa.totp.internal.auth import TOTP

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

TOTP_SECRET = "GLASNIKTESTSECRETGLASNIKTESTSECR"
BELGRADE = ZoneInfo("Europe/Belgrade")
DAY_ONE = date(2026, 3, 14)
DAY_TWO = date(2026, 3, 15)


@pytest.fixture
def program(make_organization):
    return Program.objects.create(
        name="Društvene mreže – program obuke i mentorstva",
        slug="drustvene-mreze",
        organization=make_organization("Stalna konferencija gradova i opština", kind="association"),
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
def make_training(program):
    def make(*, title: str = "Radionica 1: Strategija na društvenim mrežama", **extra) -> Event:
        fields = {
            "kind": EventKind.TRAINING,
            "program": program,
            "title": title,
            "starts_at": datetime(2026, 3, 14, 9, 0, tzinfo=BELGRADE),
            "ends_at": datetime(2026, 3, 15, 17, 0, tzinfo=BELGRADE),
            "time_zone": "Europe/Belgrade",
            "mode": EventMode.IN_PERSON,
            "venue_name": "Centar za obuku, Beograd",
            "registration_enabled": True,
        } | extra
        return Event.objects.create(**fields)

    return make


@pytest.fixture
def training(make_training):
    return make_training()


@pytest.fixture
def make_participant(make_person, make_organization, program, training):
    """An enrolled participant with a confirmed registration for `event` (the training)."""

    def make(first_name="Marko", last_name="Petrović", *, language="sr", event=None, **extra):
        person = make_person(first_name=first_name, last_name=last_name, language=language, **extra)
        organization = make_organization()
        Enrolment.objects.create(
            program=program,
            person=person,
            organization=organization,
            status=EnrolmentStatus.ENROLLED,
        )
        role_grant(person=person, role=Role.MEMBER, scope=program)
        return Registration.objects.create(
            event=event or training,
            person=person,
            organization=organization,
            status=RegistrationStatus.CONFIRMED,
        )

    return make


def attend(registration: Registration, *days: date) -> None:
    for day in days:
        Attendance.objects.create(
            registration=registration, day=day, method=AttendanceMethod.ORGANISER
        )


def both_days(registration: Registration) -> Registration:
    attend(registration, DAY_ONE, DAY_TWO)
    return registration


def later(days: int) -> datetime:
    return datetime(2026, 3, 15, 17, 0, tzinfo=BELGRADE) + timedelta(days=days)
