import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from glasnik.organizations.models import Organization

pytestmark = pytest.mark.django_db

LIST_URL = "/en/organizations/"


def listed_names(response) -> list[str]:
    """The names of the page's institutions, in its order (the page holds their numbers; their
    rows are kept with each institution)."""
    listed = list(response.context["page"].object_list)
    names = dict(Organization.objects.filter(pk__in=listed).values_list("pk", "name"))
    return [names[pk] for pk in listed]


@pytest.fixture
def towns(make_organization):
    nis = make_organization(
        name="Niš", name_cyrillic="Ниш", slug="rs-nis", kind="city", region="Nišavski okrug"
    )
    make_organization(
        name="Niš-Medijana",
        name_cyrillic="Ниш-Медијана",
        slug="rs-nis-medijana",
        kind="city_municipality",
        region="Nišavski okrug",
        parent=nis,
    )
    make_organization(name="Aleksinac", slug="rs-aleksinac", region="Nišavski okrug")
    make_organization(
        name="Subotica", slug="rs-subotica", kind="city", region="Severno-bački okrug"
    )
    make_organization(name="Bled", slug="si-bled", country="SI", region="Gorenjska")
    return nis


def test_list_url_is_under_the_language_prefix():
    assert reverse("organizations:list") == LIST_URL


def test_list_shows_all_organizations_in_a_table(client, towns):
    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert listed_names(response) == ["Aleksinac", "Niš", "Niš-Medijana", "Subotica", "Bled"]
    content = response.content.decode()
    assert '<caption id="organizations-caption">5 institutions</caption>' in content
    assert '<th scope="col">Name</th>' in content
    assert '<a href="/en/organizations/rs-nis/"><span lang="sr-Latn">Niš</span></a>' in content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=SI", ["Bled"]),
        ("kind=city", ["Niš", "Subotica"]),
        ("region=Ni%C5%A1avski+okrug", ["Aleksinac", "Niš", "Niš-Medijana"]),
        ("country=RS&kind=city&region=Ni%C5%A1avski+okrug", ["Niš"]),
        ("q=medij", ["Niš-Medijana"]),
        ("q=%D0%9D%D0%98%D0%A8", ["Niš", "Niš-Medijana"]),  # "НИШ", upper-case Cyrillic
        ("q=NIS", ["Niš", "Niš-Medijana"]),  # without the diacritic
        ("country=XX", ["Aleksinac", "Niš", "Niš-Medijana", "Subotica", "Bled"]),
    ],
)
def test_list_filters(client, towns, query, expected):
    response = client.get(f"{LIST_URL}?{query}")

    assert listed_names(response) == expected


def test_list_search_finds_imported_organizations_in_cyrillic(client):
    call_command("load_reference_organizations")

    response = client.get(
        f"{LIST_URL}?q=%D0%91%D0%95%D0%9E%D0%93%D0%A0%D0%90%D0%94-%D0%97"
    )  # БЕОГРАД-З

    assert listed_names(response) == ["Beograd-Zemun", "Beograd-Zvezdara"]


def test_list_empty_state_when_nothing_matches(client, towns):
    response = client.get(f"{LIST_URL}?q=Atlantis")

    assert listed_names(response) == []
    assert "No institutions match these filters." in response.content.decode()


def test_list_empty_state_without_organizations(client):
    response = client.get(LIST_URL)

    assert "No institutions yet." in response.content.decode()


def test_list_paginates_by_fifty_and_keeps_filters(client, make_organization):
    make_organization(size=55, kind="municipality")
    make_organization(name="Zzz city", slug="rs-zzz", kind="city")

    first = client.get(f"{LIST_URL}?kind=municipality")
    second = client.get(f"{LIST_URL}?kind=municipality&page=2")

    assert len(first.context["page"].object_list) == 50
    assert "?kind=municipality&amp;page=2" in first.content.decode()
    assert len(second.context["page"].object_list) == 5
    assert "?kind=municipality&amp;page=1" in second.content.decode()


def test_list_query_count_does_not_grow_with_rows(client, make_organization):
    parent = make_organization(
        name="Beograd", slug="rs-beograd", kind="city", region="Grad Beograd"
    )

    def count_queries() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(LIST_URL)
        assert response.status_code == 200
        return len(queries)

    make_organization(parent=parent, region="Grad Beograd")
    with_one = count_queries()
    make_organization(size=29, parent=parent, region="Grad Beograd")
    with_thirty = count_queries()

    assert with_one == with_thirty


def test_list_is_cached_for_visitors(client, make_organization):
    make_organization(name="Bor", slug="rs-bor")
    client.get(LIST_URL)
    make_organization(name="Ub", slug="rs-ub")

    response = client.get(LIST_URL)

    assert "rs-ub" not in response.content.decode()


def test_detail_shows_facts_parent_and_children(client, towns, make_organization):
    towns.official_code = "70858"
    towns.population = 254723
    towns.website = "https://www.ni.rs/"
    towns.save()

    response = client.get(reverse("organizations:detail", args=["rs-nis"]))

    content = response.content.decode()
    assert response.status_code == 200
    assert '<h1 lang="sr-Latn">Niš</h1>' in content
    assert "Ниш" not in content  # a reader of English gets the name in Latin alone
    assert "<dd>City</dd>" in content
    assert "<dd>Serbia</dd>" in content
    assert '<dd lang="sr-Latn">Nišavski okrug</dd>' in content
    assert "<dd>70858</dd>" in content
    assert "<dd>254723</dd>" in content
    assert 'href="https://www.ni.rs/"' in content
    assert (
        '<a href="/en/organizations/rs-nis-medijana/"><span lang="sr-Latn">Niš-Medijana</span></a>'
        in content
    )
    assert response.context["children_count"] == 1


def test_detail_links_the_parent(client, towns):
    response = client.get(reverse("organizations:detail", args=["rs-nis-medijana"]))

    assert (
        '<dd><a href="/en/organizations/rs-nis/"><span lang="sr-Latn">Niš</span></a></dd>'
        in response.content.decode()
    )


def test_detail_limits_children_and_counts_them(client, make_organization):
    entity = make_organization(name="Republika Srpska", slug="ba-republika-srpska", country="BA")
    make_organization(size=55, parent=entity, country="BA")

    response = client.get(reverse("organizations:detail", args=["ba-republika-srpska"]))

    assert len(response.context["children"]) == 50
    assert response.context["children_count"] == 55
    assert "Showing 50 of 55." in response.content.decode()


def test_detail_unknown_slug_is_404(client):
    response = client.get(reverse("organizations:detail", args=["rs-atlantis"]))

    assert response.status_code == 404


def test_detail_in_serbian_cyrillic_shows_cyrillic_name(client, towns):
    response = client.get("/sr/organizations/rs-nis/")

    assert "<h1>Ниш</h1>" in response.content.decode()
    assert Organization.objects.count() == 5


def test_list_search_crosses_scripts_for_names_written_in_one_script(client, make_organization):
    make_organization(name="Opština Čajetina", slug="rs-cajetina")
    make_organization(name="Општина Врачар", slug="rs-vracar")

    cyrillic_query = client.get(LIST_URL, {"q": "чајетина"})
    latin_query = client.get(LIST_URL, {"q": "vracar"})

    assert listed_names(cyrillic_query) == ["Opština Čajetina"]
    assert listed_names(latin_query) == ["Општина Врачар"]
