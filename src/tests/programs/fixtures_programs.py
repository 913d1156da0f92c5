"""Fixtures for the programme tests: a published programme with an organiser (two-factor set
up, as the platform requires of organisers), participants, and programme events.

Import them with `from fixtures_programs import *` (pytest finds fixtures in the module)."""

from datetime import date, timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.cache import cache
from django.utils import timezone

from glasnik.access.models import Role
from glasnik.access.services import role_grant
from glasnik.accounts.models import Position
from glasnik.events.models import Event, EventKind, EventMode, Visibility
from glasnik.programs.models import Enrolment, EnrolmentPolicy, EnrolmentStatus, Phase, Program

TOTP_SECRET = "GLASNIKTESTSECRETGLASNIKTESTSECR"

__all__ = [
    "TOTP_SECRET",
    "make_event",
    "make_participant",
    "organiser_client",
    "prog_association",
    "prog_organiser",
    "program",
]


@pytest.fixture
def prog_association(make_organization):
    return make_organization("Stalna konferencija gradova i opština", kind="association")


@pytest.fixture
def program(prog_association):
    program = Program.objects.create(
        name="Društvene mreže — program obuke",
        slug="drustvene-mreze",
        organization=prog_association,
        summary="Program obuke i mentorstva za PR službenike.",
        description="Četiri faze: istraživanje, obuka, mentorstvo i takmičenje.",
        target_group="PR službenici jedinica lokalne samouprave.",
        time_zone="Europe/Belgrade",
        enrolment_policy=EnrolmentPolicy.APPROVAL,
        is_published=True,
    )
    today = timezone.localdate()
    Phase.objects.create(
        program=program,
        kind="research",
        title="Istraživanje",
        starts_on=today - timedelta(days=60),
        ends_on=today - timedelta(days=31),
    )
    Phase.objects.create(
        program=program,
        kind="training",
        title="Obuka",
        starts_on=today - timedelta(days=30),
        ends_on=today + timedelta(days=30),
    )
    Phase.objects.create(
        program=program,
        kind="mentoring",
        title="Mentorstvo",
        starts_on=today + timedelta(days=31),
        ends_on=today + timedelta(days=90),
    )
    return program


@pytest.fixture
def prog_organiser(make_person, program):
    person = make_person("organiser@example.org", first_name="Jelena", last_name="Marković")
    role_grant(person=person, role=Role.ORGANISER, scope=program)
    TOTP.activate(person, TOTP_SECRET)
    return person


@pytest.fixture
def organiser_client(client, prog_organiser, login_with_second_factor):
    login_with_second_factor(client, prog_organiser)
    return client


@pytest.fixture
def make_participant(make_person, make_organization, program):
    """A person with a position at an institution, enrolled (or in another state) directly."""

    def make(
        *,
        target=None,
        organization=None,
        status: str = EnrolmentStatus.ENROLLED,
        gender: str = "",
        **person_fields,
    ):
        person = make_person(gender=gender, **person_fields)
        organization = organization or make_organization()
        Position.objects.create(person=person, organization=organization, title="PR")
        enrolment = Enrolment.objects.create(
            program=target or program, person=person, organization=organization, status=status
        )
        if status == EnrolmentStatus.ENROLLED:
            role_grant(person=person, role=Role.MEMBER, scope=target or program)
        cache.clear()
        return enrolment

    return make


@pytest.fixture
def make_event(program):
    def make(*, days: float = 14, length_days: int = 1, target=None, **details):
        start = timezone.now().replace(hour=8, minute=0, second=0, microsecond=0) + timedelta(
            days=days
        )
        fields = {
            "kind": EventKind.TRAINING,
            "title": "Dvodnevni trening",
            "starts_at": start,
            "ends_at": start + timedelta(days=length_days - 1, hours=8),
            "mode": EventMode.IN_PERSON,
            "venue_name": "SKIP centar",
            "venue_address": "Beograd",
            "visibility": Visibility.PUBLIC,
            "registration_enabled": True,
            "capacity": 30,
            "time_zone": "Europe/Belgrade",
        } | details
        return Event.objects.create(program=target or program, **fields)

    return make


def day(value: str) -> date:
    return date.fromisoformat(value)
