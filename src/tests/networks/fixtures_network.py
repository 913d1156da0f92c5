"""Fixtures for the network, directory, member and topic tests: a network with an organiser
and a way to make members.

Import them into a test module with `from fixtures_network import *` (pytest finds fixtures in
the module's namespace)."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.cache import cache

from glasnik.access.models import Role
from glasnik.access.services import role_grant
from glasnik.networks.models import Interest, Network
from glasnik.networks.services.memberships import membership_apply, membership_approve

TOTP_SECRET = "GLASNIKTESTSECRETGLASNIKTESTSECR"

__all__ = ["TOTP_SECRET", "association", "make_member", "net", "net_organiser", "organiser_client"]


@pytest.fixture
def association(make_organization):
    return make_organization("Stalna konferencija gradova i opština", kind="association")


@pytest.fixture
def net(association):
    return Network.objects.create(
        name="Mreža komunikatora",
        slug="mreza-komunikatora",
        organization=association,
        summary="Platforma za uzajamno učenje.",
        aims="Jačanje kompetencija komunikatora.",
        audience="Službenici za odnose s javnošću.",
        how_it_works="Sastajemo se jednom mesečno.",
        contact_email="mreza@example.org",
        time_zone="Europe/Belgrade",
    )


@pytest.fixture
def net_organiser(make_person, net):
    person = make_person("organiser@example.org", first_name="Jelena", last_name="Marković")
    role_grant(person=person, role=Role.ORGANISER, scope=net)
    TOTP.activate(person, TOTP_SECRET)  # organisers must have two-factor authentication
    return person


@pytest.fixture
def organiser_client(client, net_organiser, login_with_second_factor):
    login_with_second_factor(client, net_organiser)
    return client


@pytest.fixture
def make_member(make_person, make_organization, net_organiser):
    """A person approved as a member of `network` (default: the `net` fixture's network)."""

    def make(
        network: Network,
        *,
        organization=None,
        position_title: str = "Službenik za odnose s javnošću",
        interests: list[Interest] = (),
        show_email: bool = False,
        show_phone: bool = False,
        status: str = "member",
        **person_fields,
    ):
        person = make_person(**person_fields)
        membership = membership_apply(
            network=network,
            person=person,
            organization=organization or make_organization(),
            position_title=position_title,
        )
        if status == "member":
            membership = membership_approve(membership=membership, actor=net_organiser)
        membership.interests.set(interests)
        if show_email or show_phone:
            membership.show_email, membership.show_phone = show_email, show_phone
            membership.save(update_fields=["show_email", "show_phone"])
        cache.clear()
        return membership

    return make
