import pytest
from django.urls import reverse

from glasnik.accounts.models import Position
from glasnik.accounts.services import position_add
from glasnik.audit.models import AuditLogEntry

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
