"""Fixtures for the certificates tests: a programme with its organiser (two-factor set up), a
finished two-day training (training_days.py), and participants whose attendance the tests
record directly."""

from datetime import datetime

import pytest
from factories.accounts import organiser_of
from factories.events import RegistrationFactory, TrainingFactory
from factories.organizations import AssociationFactory
from factories.programs import EnrolmentFactory, ProgramFactory
from training_days import BELGRADE

from glasnik.events.models import Event, EventMode, Registration


@pytest.fixture
def program(db):
    return ProgramFactory(
        name="Društvene mreže – program obuke i mentorstva",
        slug="drustvene-mreze",
        organization=AssociationFactory(),
    )


@pytest.fixture
def program_organiser(program):
    return organiser_of(program)


@pytest.fixture
def make_training(program):
    def make(*, title: str = "Radionica 1: Strategija na društvenim mrežama", **extra) -> Event:
        fields = {
            "title": title,
            "starts_at": datetime(2026, 3, 14, 9, 0, tzinfo=BELGRADE),
            "ends_at": datetime(2026, 3, 15, 17, 0, tzinfo=BELGRADE),
            "mode": EventMode.IN_PERSON,
            "venue_name": "Centar za obuku, Beograd",
        } | extra
        return TrainingFactory(program=program, **fields)

    return make


@pytest.fixture
def training(make_training):
    return make_training()


@pytest.fixture
def make_registration(make_person, program, training):
    """The confirmed registration for `event` (the training) of a new person enrolled in the
    programme."""

    def make(
        first_name="Marko", last_name="Petrović", *, language="sr", event=None, **extra
    ) -> Registration:
        person = make_person(first_name=first_name, last_name=last_name, language=language, **extra)
        enrolment = EnrolmentFactory(program=program, person=person)
        return RegistrationFactory(
            event=event or training, person=person, organization=enrolment.organization
        )

    return make
