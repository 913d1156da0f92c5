"""A card made for a planned post: started from the post's page with its text, linked both
ways, never attached to another institution's post."""

from datetime import datetime, time, timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from factories.accounts import PositionFactory
from factories.organizations import OrganizationFactory
from factories.toolkit import institution_team

from glasnik.cards.models import Card
from glasnik.content.calendar_time import institution_time_zone, institution_today
from glasnik.content.services import post_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(db):
    return institution_team()


def planned_post(team, text="Dan grada: koncert na Trgu slobode u 20 časova."):
    day = institution_today(team.organization) + timedelta(days=7)
    return post_create(
        organization=team.organization,
        author=team.officer,
        platforms=["facebook"],
        publish_at=datetime.combine(day, time(10), tzinfo=institution_time_zone(team.organization)),
        text=text,
    )


def make_number_card(client, team, post_id) -> None:
    url = reverse("cards:create", args=[team.organization.slug, "number"])
    data = {
        "number": "20",
        "caption": "časova počinje koncert",
        "language": "sr",
        "size": "square",
        "alt_text": "",
        "post": str(post_id),
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_the_post_page_offers_a_card_with_the_posts_text_and_then_lists_it(client, team):
    post = planned_post(team)
    client.force_login(team.officer)

    html = client.get(reverse("content:post", args=[team.organization.slug, post.pk])).content
    assert b"Make a card for this post" in html
    assert f"post={post.pk}".encode() in html
    assert b"Dan+grada" in html

    make_number_card(client, team, post.pk)

    card = Card.objects.get()
    assert card.post == post
    post_page = client.get(reverse("content:post", args=[team.organization.slug, post.pk]))
    assert reverse("cards:detail", args=[card.pk]) in post_page.content.decode()
    card_page = client.get(reverse("cards:detail", args=[card.pk])).content.decode()
    assert reverse("content:post", args=[team.organization.slug, post.pk]) in card_page


def test_a_card_is_never_attached_to_another_institutions_post(client, team):
    kula = OrganizationFactory(name="Opština Kula")
    PositionFactory(person=team.outsider, organization=kula)
    foreign = planned_post(SimpleNamespace(organization=kula, officer=team.outsider))
    client.force_login(team.officer)

    make_number_card(client, team, foreign.pk)

    assert Card.objects.get().post is None


def test_who_may_only_read_sees_the_cards_but_no_offer_to_make_one(client, team):
    post = planned_post(team)
    client.force_login(team.mentor)

    html = client.get(reverse("content:post", args=[team.organization.slug, post.pk])).content
    assert b"Make a card for this post" not in html
