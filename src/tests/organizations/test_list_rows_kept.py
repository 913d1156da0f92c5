"""The public list of institutions keeps each row with its institution: one cache round trip
for a page, never a stale name after the institution or its parent changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from factories.accounts import PersonFactory
from factories.organizations import OrganizationFactory

from glasnik.organizations.services import organization_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client):
    """Signed in: visitors who are not get the whole page's copy, another cache."""
    client.force_login(PersonFactory())
    return client


def table(client, language="en") -> str:
    html = client.get(f"/{language}/organizations/").content.decode()
    return html[html.index("<tbody>") : html.index("</tbody>")]


def test_a_renamed_institution_is_listed_by_its_new_name_at_once(client):
    organization = OrganizationFactory(name="Opština Stari Grad")
    assert "Opština Stari Grad" in table(client)

    organization.name = "Opština Novi Grad"
    organization_save(organization=organization, actor=None, changed_fields=["name"])

    shown = table(client)
    assert "Opština Novi Grad" in shown
    assert "Opština Stari Grad" not in shown


def test_a_child_names_its_renamed_parent_at_once(client):
    parent = OrganizationFactory(name="Grad Beograd")
    OrganizationFactory(name="Gradska opština Vračar", parent=parent)
    assert table(client).count("Grad Beograd") == 2  # its own row and its child's

    parent.name = "Grad Beograd (novo ime)"
    organization_save(organization=parent, actor=None, changed_fields=["name"])

    assert table(client).count("Grad Beograd (novo ime)") == 2


def test_a_cyrillic_reader_gets_rows_of_their_own(client):
    OrganizationFactory(name="Opština Kula", name_cyrillic="Општина Кула")

    assert "Opština Kula" in table(client, "en")
    assert "Општина Кула" in table(client, "sr")


def test_kept_rows_cost_no_queries_and_the_count_does_not_grow_with_rows(client):
    def queries(count: int) -> int:
        for _ in range(count):
            OrganizationFactory()
        client.get(reverse("organizations:list"))
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("organizations:list"))
        return len(captured)

    assert queries(3) == queries(30)
