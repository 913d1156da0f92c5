"""Fixtures for the programme tests, and for the tests of programme events beside the other
events tests: a published programme in its training phase with its organiser (two-factor set
up, as the platform requires of organisers), enrolments, and programme events.

Imported by name into programs/conftest.py and events/program_events/conftest.py."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from factories.accounts import PositionFactory, organiser_of
from factories.events import TrainingFactory
from factories.programs import EnrolmentFactory, PhaseFactory, ProgramFactory

from glasnik.events.models import Visibility
from glasnik.programs.models import EnrolmentPolicy, EnrolmentStatus


@pytest.fixture
def prog_association(make_organization):
    return make_organization("Stalna konferencija gradova i opština", kind="association")


@pytest.fixture
def program(prog_association):
    program = ProgramFactory(
        name="Društvene mreže — program obuke",
        slug="drustvene-mreze",
        organization=prog_association,
        summary="Program obuke i mentorstva za PR službenike.",
        description="Četiri faze: istraživanje, obuka, mentorstvo i takmičenje.",
        target_group="PR službenici jedinica lokalne samouprave.",
        enrolment_policy=EnrolmentPolicy.APPROVAL,
    )
    today = timezone.localdate()
    PhaseFactory(
        program=program,
        kind="research",
        title="Istraživanje",
        starts_on=today - timedelta(days=60),
        ends_on=today - timedelta(days=31),
    )
    PhaseFactory(program=program)  # the training phase, under way
    PhaseFactory(
        program=program,
        kind="mentoring",
        title="Mentorstvo",
        starts_on=today + timedelta(days=31),
        ends_on=today + timedelta(days=90),
    )
    return program


@pytest.fixture
def program_organiser(program):
    return organiser_of(program, email="organiser@example.org")


@pytest.fixture
def program_organiser_client(client, program_organiser, login_with_second_factor):
    login_with_second_factor(client, program_organiser)
    return client


@pytest.fixture
def make_enrolment(make_person, make_organization, program):
    """The enrolment (enrolled unless `status`) of a new person with a position at an
    institution."""

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
        PositionFactory(person=person, organization=organization)
        return EnrolmentFactory(
            program=target or program, person=person, organization=organization, status=status
        )

    return make


@pytest.fixture
def make_event(program):
    def make(*, days: float = 14, length_days: int = 1, target=None, **details):
        start = timezone.now().replace(hour=8, minute=0, second=0, microsecond=0) + timedelta(
            days=days
        )
        fields = {
            "title": "Dvodnevni trening",
            "starts_at": start,
            "ends_at": start + timedelta(days=length_days - 1, hours=8),
            "venue_name": "SKIP centar",
            "venue_address": "Beograd",
            "visibility": Visibility.PUBLIC,
            "capacity": 30,
        } | details
        return TrainingFactory(program=target or program, **fields)

    return make


def day(value: str) -> date:
    return date.fromisoformat(value)
