"""A programme's online mentoring session in a week, its organiser (two-factor set up), its
mentor (the programme's trainer), enrolled participants and someone from outside."""

from datetime import timedelta

import pytest
from factories.accounts import PersonFactory, organiser_of
from factories.events import TrainingFactory
from factories.programs import EnrolmentFactory, ProgramFactory

from glasnik.access.models import Role
from glasnik.access.services import role_grant
from glasnik.events.models import EventKind, EventMode
from glasnik.mentoring.services import question_queue_open


@pytest.fixture
def program(db):
    return ProgramFactory()


@pytest.fixture
def session(program):
    return TrainingFactory(
        program=program,
        kind=EventKind.ONLINE_SESSION,
        title="Mentorska sesija",
        mode=EventMode.ONLINE,
        venue_name="",
        online_url="https://meet.example.org/sesija",
        starts_in=timedelta(days=7),
        length=timedelta(hours=1, minutes=30),
    )


@pytest.fixture
def queue(session):
    return question_queue_open(event=session)


@pytest.fixture
def organiser(program):
    return organiser_of(program)


@pytest.fixture
def mentor(program):
    person = PersonFactory(first_name="Dragan", last_name="Ilić")
    role_grant(person=person, role=Role.TRAINER, scope=program)
    return person


@pytest.fixture
def make_participant(program):
    def make(**fields):
        return EnrolmentFactory(program=program, person=PersonFactory(**fields)).person

    return make


@pytest.fixture
def participant(make_participant):
    return make_participant(first_name="Marko", last_name="Petrović")


@pytest.fixture
def other_participant(make_participant):
    return make_participant(first_name="Ana", last_name="Jovanović")


@pytest.fixture
def outsider(db):
    return PersonFactory(first_name="Luka", last_name="Kovač")
