"""The choices a network's organisers define (interests, the year's learning topics) are in the
network's language, and shown in it: the Slovenian network's stay Slovenian on Cyrillic pages."""

import pytest
from django.urls import reverse
from django.utils import translation
from factories.networks import InterestFactory, NetworkFactory

from glasnik.networks.demo import INTERESTS
from glasnik.networks.models import Interest

pytestmark = pytest.mark.django_db


@pytest.fixture
def si_net(make_organization):
    return NetworkFactory(
        name="Mreža komunikatorjev v občinah",
        slug="mreza-komunikatorjev",
        organization=make_organization(
            "Skupnost občin Slovenije", country="SI", kind="association"
        ),
        learning_topics="Načrtovanje objav\nVideo za družbena omrežja",
        time_zone="Europe/Ljubljana",
    )


def interests_of(network, spec: str) -> list[Interest]:
    return [
        InterestFactory(network=network, slug=slug, name=name) for slug, name in INTERESTS[spec]
    ]


def url(name: str, network, language: str = "sr") -> str:
    with translation.override(language):
        return reverse(name, kwargs={"network_slug": network.slug})


def test_slovenian_directory_offers_and_shows_its_own_interests_in_slovenian(
    client, network, si_net, make_member, make_organization
):
    interests_of(network, "mreza-komunikatora-srbija")
    slovenian = interests_of(si_net, "mreza-komunikatorjev")
    kranj = make_organization("Občina Kranj", country="SI")
    viewer = make_member(si_net, organization=kranj, first_name="Luka", last_name="Kovač")
    make_member(
        si_net,
        organization=kranj,
        first_name="Mojca",
        last_name="Novak",
        interests=[slovenian[0], slovenian[7]],
    )
    client.force_login(viewer.person)

    content = client.get(url("networks:directory", si_net)).content.decode()

    assert '<html lang="sr-Cyrl">' in content
    assert 'id="id_interests" lang="sl">' in content
    assert "> Načrtovanje vsebin</label>" in content
    assert "> Dostopnost</label>" in content
    assert '<td lang="sl">Dostopnost, Načrtovanje vsebin</td>' in content
    assert "Planiranje sadržaja" not in content  # the Serbian network's choice
    assert "Начртовање" not in content


def test_member_entry_offers_only_the_network_s_interests_marked_with_its_language(
    client, network, si_net, make_member, make_organization
):
    interests_of(network, "mreza-komunikatora-srbija")
    interests_of(si_net, "mreza-komunikatorjev")
    membership = make_member(
        si_net, organization=make_organization("Občina Kranj", country="SI"), first_name="Luka"
    )
    membership.person.positions.create(organization=membership.organization, title="PR")
    client.force_login(membership.person)

    content = client.get(url("networks:my_entry", si_net)).content.decode()

    assert '<span lang="sl">Analitika družbenih omrežij</span>' in content
    assert "Analitika društvenih mreža" not in content


def test_learning_topics_are_shown_in_the_network_s_language(client, si_net):
    content = client.get(
        reverse("networks:detail", kwargs={"network_slug": si_net.slug})
    ).content.decode()
    with translation.override("sr"):
        cyrillic = client.get(url("networks:detail", si_net)).content.decode()

    for page in (content, cyrillic):
        assert (
            '<ul lang="sl"><li>Načrtovanje objav</li><li>Video za družbena omrežja</li></ul>'
            in page
        )
