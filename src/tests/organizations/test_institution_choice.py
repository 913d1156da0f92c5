"""The institution search behind every form that asks for an institution: what it finds, how
many, for whom, and in how many queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse, reverse_lazy

from glasnik.organizations.models import Organization

pytestmark = pytest.mark.django_db

SEARCH = reverse_lazy("organizations:choices")


def radios(html: str) -> list[str]:
    return re.findall(r'type="radio" name="organization" value="(\d+)"', html)


@pytest.fixture
def signed_in(client, make_person):
    client.force_login(make_person())
    return client


def test_institution_search_finds_by_latin_and_cyrillic(signed_in, make_organization):
    nis = make_organization(name="Grad Niš", name_cyrillic="Град Ниш", kind="city")
    make_organization(name="Grad Kragujevac", name_cyrillic="Град Крагујевац", kind="city")

    for query in ("Niš", "nis", "NIS", "Ниш", "ниш"):
        response = signed_in.get(SEARCH, {"organization_q": query})

        assert response.status_code == 200, query
        assert radios(response.content.decode()) == [str(nis.pk)], query


def test_institution_search_shows_the_first_twenty_and_says_how_many_match(
    signed_in, make_organization
):
    for number in range(25):
        make_organization(
            name=f"Opština Sokobanja {number:02d}", name_cyrillic=f"Општина Сокобања {number:02d}"
        )

    html = signed_in.get(SEARCH, {"organization_q": "Сокобања"}).content.decode()

    assert len(radios(html)) == 20
    assert "The first 20 of 25 matching institutions are shown" in html
    one = signed_in.get(SEARCH, {"organization_q": "sokobanja 07"}).content.decode()
    assert len(radios(one)) == 1
    assert "1 institution matches." in one


def test_institution_search_query_count_does_not_grow_with_the_matches(
    signed_in, make_organization
):
    make_organization(size=3, name_cyrillic="")
    signed_in.get(SEARCH, {"organization_q": "opstina"})  # warm the session
    with CaptureQueriesContext(connection) as few:
        signed_in.get(SEARCH, {"organization_q": "opstina"})
    make_organization(size=40)

    with CaptureQueriesContext(connection) as many:
        response = signed_in.get(SEARCH, {"organization_q": "opstina"})

    assert len(radios(response.content.decode())) == 20
    assert len(many.captured_queries) == len(few.captured_queries) + 1  # and how many in all


def test_institution_search_names_the_field_it_answers_for(signed_in, make_organization):
    bor = make_organization(name="Grad Bor")

    html = signed_in.get(
        SEARCH,
        {
            "name": "position-organization",
            "id": "id_position-organization",
            "position-organization_q": "bor",
        },
    ).content.decode()

    assert f'type="radio" name="position-organization" value="{bor.pk}"' in html
    assert 'id="id_position-organization_0"' in html
    assert 'id="id_position-organization_status" hx-swap-oob="innerHTML"' in html


def test_institution_search_refuses_odd_field_names(signed_in, make_organization):
    make_organization(name="Grad Bor")

    html = signed_in.get(
        SEARCH, {"name": '"><script>', "id": "x y", "organization_q": "bor"}
    ).content.decode()

    assert "<script>" not in html
    assert len(radios(html)) == 1  # answered for the default field


def test_institution_search_keeps_to_the_kinds_the_form_accepts(signed_in, make_organization):
    association = make_organization(name="Savez gradova", kind="association")
    make_organization(name="Opština Savski venac", kind="municipality")

    html = signed_in.get(
        SEARCH, {"organization_q": "sav", "kind": ["association", "no-such-kind"]}
    ).content.decode()

    assert radios(html) == [str(association.pk)]


def test_institution_search_asks_for_two_letters(signed_in, make_organization):
    make_organization(name="Grad Bor")

    html = signed_in.get(SEARCH, {"organization_q": "b"}).content.decode()

    assert radios(html) == []
    assert "Type at least two letters of the name" in html


def test_institution_search_is_for_signed_in_people(client, make_organization):
    make_organization(name="Grad Bor")

    response = client.get(SEARCH, {"organization_q": "bor"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_institution_search_shows_only_what_the_directory_shows(signed_in, make_organization):
    make_organization(
        name="Grad Bor",
        email="kabinet@bor.example",
        website="https://bor.example",
        population=48615,
    )

    html = signed_in.get(SEARCH, {"organization_q": "bor"}).content.decode()

    assert "Grad Bor" in html
    assert "kabinet@bor.example" not in html
    assert "48615" not in html
    assert Organization.objects.count() == 1
