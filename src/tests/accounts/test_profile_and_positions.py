import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from factories.organizations import OrganizationFactory

from glasnik.accounts.models import Position
from glasnik.accounts.services import position_add
from glasnik.audit.models import AuditLogEntry
from glasnik.organizations.models import Organization

pytestmark = pytest.mark.django_db


def test_profile_edit_saves_and_logs_field_names_only(client, make_person):
    person = make_person(first_name="Ana", last_name="Ilić")
    client.force_login(person)

    response = client.post(
        reverse("accounts:profile"),
        {
            "first_name": "Ana",
            "last_name": "Jovanović",
            "phone": "+381 11 123 4567",
            "preferred_language": "sr-latn",
            "preferred_script": "latn",
            "gender": "",
            "experience_level": "beginner",
        },
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.last_name, person.phone, person.preferred_language) == (
        "Jovanović",
        "+381 11 123 4567",
        "sr-latn",
    )
    entry = AuditLogEntry.objects.get(action="accounts.profile.updated")
    assert entry.actor == person
    assert sorted(entry.data["fields"]) == sorted(
        ["last_name", "phone", "preferred_language", "preferred_script", "experience_level"]
    )
    assert "Jovanović" not in str(entry.data)
    assert "123 4567" not in str(entry.data)


def test_position_add_creates_position(client, make_person, make_organization):
    person = make_person()
    organization = make_organization("Kragujevac")
    client.force_login(person)

    response = client.post(
        reverse("accounts:position_add"),
        {"organization": organization.pk, "title": "PR officer", "since": "2024-01-15"},
    )

    assert response.status_code == 302
    position = Position.objects.get(person=person)
    assert (position.organization, position.title) == (organization, "PR officer")
    assert AuditLogEntry.objects.filter(action="accounts.position.added").count() == 1


def test_position_add_refuses_end_before_start(client, make_person, make_organization):
    client.force_login(make_person())

    response = client.post(
        reverse("accounts:position_add"),
        {
            "organization": make_organization().pk,
            "title": "PR officer",
            "since": "2024-01-15",
            "until": "2023-01-15",
        },
    )

    assert response.status_code == 200
    assert response.context["position_form"].errors["until"]
    assert not Position.objects.exists()


def test_position_remove_deletes_own_position(client, make_person, make_organization):
    person = make_person()
    position = position_add(
        person=person, organization=make_organization(), title="PR officer", actor=person
    )
    client.force_login(person)

    response = client.post(reverse("accounts:position_remove", args=[position.pk]))

    assert response.status_code == 302
    assert not Position.objects.exists()
    assert AuditLogEntry.objects.filter(action="accounts.position.removed").count() == 1


def test_position_remove_of_someone_elses_position_is_404(client, make_person, make_organization):
    owner = make_person()
    position = position_add(
        person=owner, organization=make_organization(), title="PR officer", actor=owner
    )
    client.force_login(make_person())

    response = client.post(reverse("accounts:position_remove", args=[position.pk]))

    assert response.status_code == 404
    assert Position.objects.filter(pk=position.pk).exists()


def test_position_remove_of_missing_position_is_404(client, make_person):
    client.force_login(make_person())

    assert client.post(reverse("accounts:position_remove", args=[999])).status_code == 404


# Choosing the institution: a search, never a list of every institution.


def test_profile_page_does_not_grow_with_the_number_of_institutions(client, make_person):
    for number in range(3):
        OrganizationFactory(
            name=f"Opština {number}", slug=f"opstina-{number}", country="RS", kind="municipality"
        )
    client.force_login(make_person())
    client.get(reverse("accounts:profile"))  # warm the session and the person's caches
    with CaptureQueriesContext(connection) as few:
        small = client.get(reverse("accounts:profile"))
    many = Organization.objects.bulk_create(
        Organization(
            name=f"Javna ustanova {number:03d}",
            slug=f"javna-ustanova-{number}",
            country="RS",
            kind="public_institute",
        )
        for number in range(300)
    )

    with CaptureQueriesContext(connection) as more:
        large = client.get(reverse("accounts:profile"))

    html = large.content.decode()
    assert large.status_code == 200
    assert len(more.captured_queries) == len(few.captured_queries)
    assert len(large.content) == len(small.content)
    assert not [organization.name for organization in many if organization.name in html]
    assert "Opština 0" not in html
    assert 'role="combobox"' not in html  # JavaScript makes the search field a combobox
    assert 'name="organization_q"' in html


def test_position_add_refuses_a_tampered_institution_and_keeps_what_was_typed(
    client, make_person, make_organization
):
    make_organization("Grad Kragujevac")
    client.force_login(make_person())

    response = client.post(
        reverse("accounts:position_add"),
        {"organization": "99999", "organization_q": "Kragujevac", "title": "Portparolka"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["position_form"].errors["organization"] == [
        "This institution cannot be chosen here. Search for it by name and pick it from the list."
    ]
    assert 'value="Portparolka"' in html
    assert 'value="Kragujevac"' in html
    assert "Grad Kragujevac" in html  # the matches are offered again
    assert not Position.objects.exists()


@pytest.mark.parametrize("tampered", ["abc", "-1", "1.0", "²", "9" * 40, "1 OR 1=1"])
def test_position_add_refuses_an_institution_id_that_is_not_a_number(client, make_person, tampered):
    client.force_login(make_person())

    response = client.post(
        reverse("accounts:position_add"), {"organization": tampered, "title": "PR"}
    )

    assert response.status_code == 200
    assert response.context["position_form"].errors["organization"] == [
        "This institution cannot be chosen here. Search for it by name and pick it from the list."
    ]


def test_position_add_with_a_search_but_no_choice_asks_to_pick_one(client, make_person):
    client.force_login(make_person())

    response = client.post(
        reverse("accounts:position_add"), {"organization_q": "Kragujevac", "title": "PR"}
    )

    assert response.context["position_form"].errors["organization"] == [
        "Pick one of the institutions found, or search again with another part of the name."
    ]


def test_position_form_keeps_the_chosen_institution_after_another_error(
    client, make_person, make_organization
):
    organization = make_organization("Grad Kragujevac")
    client.force_login(make_person())

    response = client.post(
        reverse("accounts:position_add"),
        {
            "organization": str(organization.pk),
            "title": "PR",
            "since": "2024-01-15",
            "until": "2023-01-15",
        },
    )

    html = response.content.decode()
    assert response.context["position_form"].errors == {
        "until": ["The end date cannot be before the start date."]
    }
    assert re.search(rf'value="{organization.pk}"[^>]*checked', html)
    assert "Grad Kragujevac" in html


def test_position_search_without_javascript_shows_matches_and_keeps_the_rest(
    client, make_person, make_organization
):
    kragujevac = make_organization("Grad Kragujevac", name_cyrillic="Град Крагујевац")
    make_organization("Grad Niš")
    client.force_login(make_person())

    response = client.post(
        reverse("accounts:position_add"),
        {
            "organization_q": "Крагујевац",
            "organization_search": "1",
            "title": "Portparolka",
            "since": "2024-01-15",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(rf'type="radio" name="organization" value="{kragujevac.pk}"', html)
    assert "Grad Niš" not in html
    assert 'value="Portparolka"' in html
    assert 'value="2024-01-15"' in html
    assert 'class="errorlist"' not in html
    assert not Position.objects.exists()

    saved = client.post(
        reverse("accounts:position_add"),
        {"organization": str(kragujevac.pk), "title": "Portparolka", "since": "2024-01-15"},
    )
    assert saved.status_code == 302
    assert Position.objects.get().organization == kragujevac


# The profile and a new position in one form: nothing typed is lost.

PROFILE = {
    "first_name": "Ana",
    "last_name": "Jovanović",
    "phone": "",
    "preferred_language": "en",
    "preferred_script": "cyrl",
    "gender": "",
    "experience_level": "beginner",
}


def test_add_position_keeps_and_saves_the_name_typed_on_the_profile(
    client, make_person, make_organization
):
    person = make_person()  # no name yet
    institution = make_organization("Grad Kragujevac", kind="city")
    client.force_login(person)

    response = client.post(
        reverse("accounts:profile"),
        {
            **PROFILE,
            "organization": institution.pk,
            "title": "Portparolka",
            "action": "add-position",
        },
        follow=True,
    )

    person.refresh_from_db()
    assert (person.first_name, person.last_name) == ("Ana", "Jovanović")
    assert list(person.positions.values_list("organization__name", "title")) == [
        ("Grad Kragujevac", "Portparolka")
    ]
    content = response.content.decode()
    assert "Your profile has been saved." in content
    assert "The position has been added." in content


def test_add_position_with_a_missing_title_keeps_the_name_typed(
    client, make_person, make_organization
):
    person = make_person()
    institution = make_organization("Grad Kragujevac", kind="city")
    client.force_login(person)

    response = client.post(
        reverse("accounts:profile"),
        {**PROFILE, "organization": institution.pk, "title": "", "action": "add-position"},
    )

    assert response.status_code == 200
    assert response.context["position_form"].errors["title"]
    assert not response.context["form"].errors
    content = response.content.decode()
    assert 'value="Jovanović"' in content
    assert f'value="{institution.pk}"' in content
    person.refresh_from_db()
    assert person.last_name == ""
    assert not person.positions.exists()


def test_institution_search_without_javascript_keeps_the_name_typed(client, make_person):
    make_organization_named = Organization.objects.create
    make_organization_named(name="Grad Bor", slug="grad-bor", country="RS", kind="city")
    client.force_login(make_person())

    response = client.post(
        reverse("accounts:profile"),
        {**PROFILE, "organization_q": "Bor", "title": "PR", "organization_search": ""},
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert 'value="Jovanović"' in content
    assert "Grad Bor" in content
    assert not response.context["form"].errors


def test_add_position_alone_leaves_an_untouched_profile_alone(
    client, make_person, make_organization
):
    person = make_person()  # no name: the profile form alone would not be valid
    institution = make_organization("Grad Kragujevac", kind="city")
    client.force_login(person)
    unchanged = {**PROFILE, "first_name": "", "last_name": "", "experience_level": ""}

    response = client.post(
        reverse("accounts:profile"),
        {**unchanged, "organization": institution.pk, "title": "PR", "action": "add-position"},
    )

    assert response.status_code == 302
    assert person.positions.count() == 1
    assert not AuditLogEntry.objects.filter(action="accounts.profile.updated").exists()


def test_save_profile_with_nothing_typed_in_the_position_shows_no_position_errors(
    client, make_person
):
    person = make_person()
    client.force_login(person)

    response = client.post(reverse("accounts:profile"), {**PROFILE, "action": "save"})

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.first_name == "Ana"
    assert not person.positions.exists()
