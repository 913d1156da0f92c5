"""Fixtures for the registration tests: a programme with an organiser (with two-factor set up,
as the platform requires of organisers), enrolled participants, and trainings that take
registrations. Rows are created directly, so these tests do not depend on the programmes
app's services."""

from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from glasnik.access.models import Role
from glasnik.access.services import role_grant
from glasnik.events.models import Event, EventKind, EventMode
from glasnik.programs.models import Enrolment, EnrolmentStatus, Program

TOTP_SECRET = "GLASNIKTESTSECRETGLASNIKTESTSECR"


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
def program_organiser(make_person, program):
    person = make_person(first_name="Jelena", last_name="Marković")
    role_grant(person=person, role=Role.ORGANISER, scope=program)
    TOTP.activate(person, TOTP_SECRET)
    return person


@pytest.fixture
def make_participant(make_person, make_organization, program):
    def make(*, organization=None, language: str = "en", **extra):
        person = make_person(language=language, **extra)
        Enrolment.objects.create(
            program=program,
            person=person,
            organization=organization or make_organization(),
            status=EnrolmentStatus.ENROLLED,
        )
        role_grant(person=person, role=Role.MEMBER, scope=program)
        return person

    return make


@pytest.fixture
def make_training(program):
    def make(*, days: float = 14, capacity: int | None = 2, **fields):
        starts_at = timezone.now() + timedelta(days=days)
        values = {
            "program": program,
            "kind": EventKind.TRAINING,
            "title": "Obuka: komunikacija na društvenim mrežama",
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(days=1, hours=8),
            "mode": EventMode.IN_PERSON,
            "venue_name": "Centar za obuku",
            "venue_address": "Makedonska 22, Beograd",
            "time_zone": "Europe/Belgrade",
            "registration_enabled": True,
            "capacity": capacity,
        } | fields
        return Event.objects.create(**values)

    return make
