"""Fixtures for the events tests.

A network's meetings: `network` with its organiser `network_organiser` (two-factor set up, as
the platform requires of organisers), members and meetings. A programme's trainings (in the
subfolders attendance/, feedback/, registration/): `program` with `program_organiser` and
enrolled participants; each subfolder's conftest.py says when its `training` takes place."""

from datetime import timedelta

import pytest
from django.utils import timezone
from factories.accounts import organiser_of
from factories.events import RegistrationFactory
from factories.networks import NetworkFactory, member_of
from factories.organizations import AssociationFactory
from factories.programs import EnrolmentFactory, ProgramFactory

from glasnik.events.models import EventMode, RegistrationStatus
from glasnik.events.services.meetings import meeting_create


@pytest.fixture
def network(db):
    return NetworkFactory(
        name="Mreža komunikatora",
        slug="mreza",
        organization=AssociationFactory(name="Asocijacija"),
    )


@pytest.fixture
def network_organiser(network):
    return organiser_of(network)


@pytest.fixture
def make_member(make_person, network):
    def make(*, language: str = "en", target=None, **extra):
        person = make_person(language=language, **extra)
        member_of(target or network, person=person, position_title="")
        return person

    return make


@pytest.fixture
def member(make_member):
    return make_member(first_name="Marko", last_name="Petrović")


@pytest.fixture
def make_meeting(network, network_organiser):
    def make(*, days: float = 7, hours: float = 1.5, target=None, **details):
        starts_at = timezone.now() + timedelta(days=days)
        fields = {
            "title": "Mesečni sastanak",
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(hours=hours),
            "mode": EventMode.ONLINE,
            "online_url": "https://meet.example.org/room",
        } | details
        return meeting_create(
            network=target or network, actor=network_organiser, notify=False, **fields
        )

    return make


@pytest.fixture
def program(db):
    return ProgramFactory(
        slug="drustvene-mreze", organization=AssociationFactory(name="Stalna konferencija")
    )


@pytest.fixture
def program_organiser(program):
    return organiser_of(program)


@pytest.fixture
def make_participant(make_person, program):
    """A person enrolled in `program` (from an institution of their own unless `organization`
    is given) and, when `event` is given, registered for it (confirmed unless `status`)."""

    def make(
        event=None,
        *,
        status=RegistrationStatus.CONFIRMED,
        organization=None,
        language: str = "en",
        **extra,
    ):
        person = make_person(language=language, **extra)
        organization_given = {"organization": organization} if organization else {}
        enrolment = EnrolmentFactory(program=program, person=person, **organization_given)
        if event is not None:
            RegistrationFactory(
                event=event, person=person, organization=enrolment.organization, status=status
            )
        return person

    return make


@pytest.fixture
def participant(make_participant, training):
    """Marko Petrović, registered for the subfolder's `training`."""
    return make_participant(training, first_name="Marko", last_name="Petrović")
