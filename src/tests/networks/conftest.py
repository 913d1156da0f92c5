"""Fixtures for the network, directory, member, topic, call and statement tests: a network
with its organiser (two-factor set up, as organisers must have), members, other networks,
and calls (their questions and answers: call_answers.py)."""

import pytest
from call_answers import add_questions
from django.core.cache import cache
from factories.accounts import organiser_of
from factories.networks import CallFactory, NetworkFactory, member_of
from factories.organizations import AssociationFactory

from glasnik.networks.models import Call, Interest, Network


@pytest.fixture
def association(db):
    return AssociationFactory()


@pytest.fixture
def network(association):
    return NetworkFactory(
        slug="mreza-komunikatora",
        organization=association,
        summary="Platforma za uzajamno učenje.",
        aims="Jačanje kompetencija komunikatora.",
        audience="Službenici za odnose s javnošću.",
        how_it_works="Sastajemo se jednom mesečno.",
        contact_email="mreza@example.org",
    )


@pytest.fixture
def network_organiser(network):
    return organiser_of(network, email="organiser@example.org")


@pytest.fixture
def network_organiser_client(client, network_organiser, login_with_second_factor):
    login_with_second_factor(client, network_organiser)
    return client


@pytest.fixture
def make_member(make_person, make_organization, network_organiser):
    """A person approved (by `network_organiser`) as a member of `network`, or only applying
    (`status="applied"`)."""

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
        membership = member_of(
            network,
            person=make_person(**person_fields),
            organization=organization or make_organization(),
            position_title=position_title,
            approved_by=network_organiser,
            approve=status == "member",
        )
        membership.interests.set(interests)
        if show_email or show_phone:
            membership.show_email, membership.show_phone = show_email, show_phone
            membership.save(update_fields=["show_email", "show_phone"])
        cache.clear()
        return membership

    return make


@pytest.fixture
def make_network(db):
    def make(slug: str = "mreza", *, time_zone: str = "Europe/Belgrade", **extra) -> Network:
        return NetworkFactory(
            name=f"Mreža {slug}",
            slug=slug,
            organization=AssociationFactory(name=f"Udruženje {slug}"),
            time_zone=time_zone,
            **extra,
        )

    return make


@pytest.fixture
def make_call(db):
    def make(network: Network, *, opens_in=-1, closes_in=30, **extra) -> Call:
        return CallFactory(network=network, opens_in=opens_in, closes_in=closes_in, **extra)

    return make


@pytest.fixture
def call(network, make_call):
    call = make_call(network)
    add_questions(call)
    return call
