"""Lecturers' public profiles with their sessions; organisers and the lecturer edit them."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from factories.events import LecturerFactory
from factories.programs import ProgramFactory

from glasnik.events.models import Lecturer, Visibility
from glasnik.events.services.programs import program_agenda_set

pytestmark = pytest.mark.django_db


def test_organiser_creates_a_lecturer_with_an_account(program_organiser_client, make_person):
    person = make_person("dragan@example.org")
    response = program_organiser_client.post(
        reverse("events:lecturer_create"),
        {
            "name": "Dragan Ilić",
            "title": "Trener",
            "organization_name": "SKGO",
            "biography": "Petnaest godina iskustva.",
            "website": "example.org",
            "account_email": "dragan@example.org",
        },
    )
    lecturer = Lecturer.objects.get()
    assert response["Location"] == reverse("events:lecturer_detail", args=["dragan-ilic"])
    assert (lecturer.person, lecturer.website) == (person, "https://example.org")


def test_lecturer_profile_lists_public_sessions_only(
    client, program, program_organiser, make_event
):
    lecturer = LecturerFactory(name="Dragan Ilić", slug="dragan-ilic", biography="Bio.")
    public = make_event(title="Javni trening")
    internal = make_event(title="Interna sesija", visibility=Visibility.MEMBERS)
    for event in (public, internal):
        program_agenda_set(
            event=event,
            actor=program_organiser,
            items=[{"title": f"Teorija {event.title}", "lecturers": [lecturer]}],
        )
    response = client.get(reverse("events:lecturer_detail", args=["dragan-ilic"]))
    content = response.content.decode()
    assert "Teorija Javni trening" in content
    assert "Interna sesija" not in content
    assert "Bio." in content


def test_lecturer_edits_own_profile_but_strangers_get_404(client, make_person):
    person = make_person()
    lecturer = LecturerFactory(name="Dragan", slug="dragan", person=person)
    client.force_login(make_person())
    assert client.get(reverse("events:lecturer_edit", args=["dragan"])).status_code == 404
    assert client.get(reverse("events:lecturer_create")).status_code == 404
    client.force_login(person)
    form = client.get(reverse("events:lecturer_edit", args=["dragan"])).context["form"]
    assert "account_email" not in form.fields
    client.post(
        reverse("events:lecturer_edit", args=["dragan"]), {"name": "Dragan Ilić", "title": "Mentor"}
    )
    lecturer.refresh_from_db()
    assert (lecturer.name, lecturer.title, lecturer.person) == ("Dragan Ilić", "Mentor", person)


def test_lecturer_list_query_count_is_the_same_for_1_and_30(client):
    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("events:lecturer_list"), HTTP_COOKIE="sessionid=x")
        return len(response.context["lecturers"]), len(captured)

    LecturerFactory(name="Lecturer 0", slug="l-0")
    one = queries()
    for number in range(1, 30):
        LecturerFactory(name=f"Lecturer {number}", slug=f"l-{number}")
    many = queries()
    assert (one[0], many[0]) == (1, 30)
    assert one[1] == many[1]


def test_an_account_has_one_lecturer_profile(program_organiser_client, make_person):
    person = make_person("dragan@example.org")
    LecturerFactory(name="Dragan", slug="dragan", person=person)
    response = program_organiser_client.post(
        reverse("events:lecturer_create"), {"name": "Drugi", "account_email": "dragan@example.org"}
    )
    assert "already has a lecturer" in response.content.decode()


def _teaching(lecturer, event, organiser):
    program_agenda_set(
        event=event,
        actor=organiser,
        items=[{"title": "Uvod", "session_type": "theory", "lecturers": [lecturer]}],
    )


def test_only_organisers_where_the_lecturer_teaches_edit_the_profile(
    program_organiser_client,
    program_organiser,
    make_event,
    make_person,
    make_organization,
    login_with_second_factor,
):
    from allauth.mfa.totp.internal.auth import TOTP

    from glasnik.access.models import Role
    from glasnik.access.services import role_grant

    lecturer = LecturerFactory(name="Dragan Ilić", slug="dragan-ilic")
    _teaching(lecturer, make_event(), program_organiser)
    other_program = ProgramFactory(
        name="Drugi program", slug="drugi", organization=make_organization(kind="association")
    )
    stranger = make_person("drugi.organizator@example.org")
    role_grant(person=stranger, role=Role.ORGANISER, scope=other_program)
    TOTP.activate(stranger, "GLASNIKTESTSECRETGLASNIKTESTSECR")
    other = Client()  # the organiser_client fixture is the `client` itself
    login_with_second_factor(other, stranger)
    edit = reverse("events:lecturer_edit", args=["dragan-ilic"])

    assert program_organiser_client.get(edit).status_code == 200
    assert other.get(edit).status_code == 404
    LecturerFactory(name="Nova Predavačica", slug="nova")
    assert other.get(reverse("events:lecturer_edit", args=["nova"])).status_code == 200
