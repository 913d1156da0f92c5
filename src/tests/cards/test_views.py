"""The cards' pages: who may open them, what a form does with bad input, the PNG files, and
the list's query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from factories.cards import NUMBER_DATA, number_card, png_upload
from factories.toolkit import institution_team

from glasnik.cards.models import Card
from glasnik.core.page_links import page_links
from glasnik.toolkit.access import institution_access
from glasnik.toolkit.models import brand_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return institution_team()


@pytest.fixture
def card(team):
    return number_card(team.organization, team.officer)


@pytest.fixture
def signed_in(client, login_with_second_factor):
    def sign_in(person):
        login_with_second_factor(client, person)
        return client

    return sign_in


def test_outsiders_are_told_nothing_exists(client, signed_in, team, card):
    signed_in(team.outsider)
    slug = team.organization.slug

    for url in (
        reverse("cards:list", args=[slug]),
        reverse("cards:brand", args=[slug]),
        reverse("cards:detail", args=[card.pk]),
        reverse("cards:image", args=[card.pk, "square"]),
        reverse("cards:download", args=[card.pk, "square"]),
    ):
        assert client.get(url).status_code == 404, url


def test_the_team_reads_the_cards_and_only_staff_make_them(client, signed_in, team, card):
    slug = team.organization.slug
    for person in (team.approver, team.mentor, team.organiser):
        signed_in(person)
        assert client.get(reverse("cards:list", args=[slug])).status_code == 200
        assert client.get(reverse("cards:detail", args=[card.pk])).status_code == 200
        assert client.get(reverse("cards:download", args=[card.pk, "link"])).status_code == 200
        assert client.get(reverse("cards:create", args=[slug, "number"])).status_code == 404
        assert client.get(reverse("cards:edit", args=[card.pk])).status_code == 404
        assert client.post(reverse("cards:delete", args=[card.pk])).status_code == 404
        assert client.get(reverse("cards:brand", args=[slug])).status_code == 404

    assert Card.objects.filter(pk=card.pk).exists()


def test_staff_make_a_card_from_the_form(client, signed_in, team):
    signed_in(team.officer)
    url = reverse("cards:create", args=[team.organization.slug, "list"])
    data = {
        "title": "Šta donosi budžet",
        "items": "Vrtić\nPijaca\nPrevoz\n",
        "language": "sr",
        "size": "portrait",
        "alt_text": "",
    }

    response = client.post(url, data)

    card = Card.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("cards:detail", args=[card.pk])
    assert card.data == {"title": "Šta donosi budžet", "items": ["Vrtić", "Pijaca", "Prevoz"]}
    assert card.created_by == team.officer


def test_a_card_can_be_started_with_texts_from_the_address(client, signed_in, team):
    signed_in(team.officer)
    url = reverse("cards:create", args=[team.organization.slug, "event"])

    response = client.get(url, {"title": "Dan grada", "place": "Trg"})

    assert response.context["form"].initial["title"] == "Dan grada"
    assert 'value="Trg"' in response.content.decode()


def test_bad_input_is_shown_again_with_a_clear_message(client, signed_in, team):
    signed_in(team.officer)
    url = reverse("cards:create", args=[team.organization.slug, "number"])
    long_caption = "Više na https://www.kragujevac.rs/" + "vesti-" * 20

    response = client.post(
        url, {"number": "12", "caption": long_caption, "language": "sr", "size": "square"}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "too long to fit on the card" in page
    assert long_caption in page
    assert not Card.objects.exists()


def test_a_list_needs_three_to_five_items(client, signed_in, team):
    signed_in(team.officer)
    url = reverse("cards:create", args=[team.organization.slug, "list"])

    response = client.post(
        url, {"title": "Budžet", "items": "Vrtić\nPijaca", "language": "sr", "size": "square"}
    )

    assert response.status_code == 400
    assert "Write 3 to 5 items" in response.content.decode()


def test_the_png_downloads_with_a_sensible_name(client, signed_in, team, card):
    signed_in(team.approver)

    response = client.get(reverse("cards:download", args=[card.pk, "landscape"]))

    assert response["Content-Type"] == "image/png"
    assert response.content.startswith(b"\x89PNG")
    slug = team.organization.slug
    assert response["Content-Disposition"] == (
        f'attachment; filename="{slug}-1250-novih-stabala-zasadjeno-u-2026-1600x900.png"'
    )


def test_the_image_answers_not_modified_when_nothing_changed(client, signed_in, team, card):
    signed_in(team.officer)
    url = reverse("cards:image", args=[card.pk, "square"])

    first = client.get(url, {"thumbnail": "1"})
    again = client.get(url, {"thumbnail": "1"}, headers={"if-none-match": first["ETag"]})

    assert first.status_code == 200
    assert again.status_code == 304


def test_the_live_preview_shows_the_card_or_what_keeps_it_from_fitting(client, signed_in, team):
    signed_in(team.officer)
    url = reverse("cards:preview", args=[team.organization.slug, "number"])
    fields = {"language": "sr", "size": "square", "alt_text": ""}

    good = client.get(url, NUMBER_DATA | fields, headers={"hx-request": "true"})
    too_long = client.get(
        url,
        {"number": "1", "caption": "Više: https://www.kragujevac.rs/" + "vesti-" * 20} | fields,
        headers={"hx-request": "true"},
    )

    assert "/preview/number/card.png?" in good.content.decode()
    assert "Infografika: 1.250" in good.content.decode()
    assert "too long to fit" in too_long.content.decode()
    image = client.get(reverse("cards:preview_image", args=[team.organization.slug, "number"]),
                       NUMBER_DATA | fields)  # fmt: skip
    assert image.content.startswith(b"\x89PNG")


def test_the_brand_page_saves_colours_and_refuses_poor_contrast(client, signed_in, team):
    signed_in(team.officer)
    url = reverse("cards:brand", args=[team.organization.slug])
    colours = {"primary_colour": "#0b4f8a", "accent_colour": "#f2a900", "text_colour": "#ffffff"}

    poor = client.post(url, colours | {"text_colour": "#1f5f9a"})
    assert poor.status_code == 400
    assert "too little to read" in poor.content.decode()

    response = client.post(url, colours | {"logo": png_upload()})
    assert response.status_code == 302
    brand = brand_of(team.organization)
    assert brand.primary_colour == "#0b4f8a"
    assert brand.logo

    logo = client.get(reverse("cards:brand_logo", args=[team.organization.slug]))
    assert b"".join(logo.streaming_content).startswith(b"\x89PNG")


def test_the_brand_page_refuses_a_logo_of_another_type(client, signed_in, team):
    signed_in(team.officer)
    url = reverse("cards:brand", args=[team.organization.slug])
    colours = {"primary_colour": "#0b4f8a", "accent_colour": "#f2a900", "text_colour": "#ffffff"}
    gif = png_upload("logo.gif")

    response = client.post(url, colours | {"logo": gif})

    assert response.status_code == 400
    assert "Files of this type are not accepted" in response.content.decode()


def test_the_brand_preview_tells_the_contrast(client, signed_in, team):
    signed_in(team.officer)
    url = reverse("cards:brand_preview", args=[team.organization.slug])

    response = client.get(url, {"primary_colour": "#000000", "text_colour": "#ffffff"})

    assert "21.0:1" in response.content.decode()


def test_deleting_a_card(client, signed_in, team, card):
    signed_in(team.colleague)

    response = client.post(reverse("cards:delete", args=[card.pk]))

    assert response.status_code == 302
    assert not Card.objects.exists()


def test_the_list_takes_the_same_queries_for_one_card_and_for_a_full_page(client, signed_in, team):
    signed_in(team.officer)
    url = reverse("cards:list", args=[team.organization.slug])
    number_card(team.organization, team.officer)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for _ in range(23):
        number_card(team.organization, team.colleague)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)

    assert len(response.context["page"].object_list) == 24
    assert len(many) == len(one)


def test_the_toolkit_page_links_to_the_cards(team, card):
    def cards_part(person):
        links = page_links("toolkit", person, institution_access(person, team.organization))
        return [link for link in links if link.group == "Infographic cards"]

    staff, mentor = cards_part(team.officer), cards_part(team.mentor)

    assert [link.url for link in staff] == [
        reverse("cards:list", args=[team.organization.slug]),
        reverse("cards:new", args=[team.organization.slug]),
        reverse("cards:brand", args=[team.organization.slug]),
    ]
    assert staff[0].note == "1 card"
    assert len(mentor) == 1
