"""Fixtures for the events tests: a network with an organiser (with two-factor set up, as the
platform requires of organisers), members, and meetings."""

from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from glasnik.access.models import Role
from glasnik.access.services import role_grant
from glasnik.events.models import EventMode
from glasnik.events.services.meetings import meeting_create
from glasnik.networks.models import Network
from glasnik.networks.services.memberships import membership_apply, membership_approve

TOTP_SECRET = "GLASNIKTESTSECRETGLASNIKTESTSECR"


@pytest.fixture
def network(make_organization):
    return Network.objects.create(
        name="Mreža komunikatora",
        slug="mreza",
        organization=make_organization("Asocijacija", kind="association"),
        time_zone="Europe/Belgrade",
    )


@pytest.fixture
def organiser(make_person, network):
    person = make_person(first_name="Jelena", last_name="Marković")
    role_grant(person=person, role=Role.ORGANISER, scope=network)
    TOTP.activate(person, TOTP_SECRET)
    return person


@pytest.fixture
def make_member(make_person, network):
    def make(*, language: str = "en", target=None, **extra):
        person = make_person(language=language, **extra)
        membership = membership_apply(network=target or network, person=person)
        membership_approve(membership=membership, actor=None)
        return person

    return make


@pytest.fixture
def member(make_member):
    return make_member(first_name="Marko", last_name="Petrović")


@pytest.fixture
def make_meeting(network, organiser):
    def make(*, days: float = 7, hours: float = 1.5, target=None, **details):
        starts_at = timezone.now() + timedelta(days=days)
        fields = {
            "title": "Mesečni sastanak",
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(hours=hours),
            "mode": EventMode.ONLINE,
            "online_url": "https://meet.example.org/room",
        } | details
        return meeting_create(network=target or network, actor=organiser, notify=False, **fields)

    return make
