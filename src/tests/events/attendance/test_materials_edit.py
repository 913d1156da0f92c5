"""Organisers and trainers change materials (title, session, file or link, public) and
exercises (title, instructions, due date, session): files are checked as when they are added,
each change is in the audit log, and everyone else gets 404."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from factories.events import AgendaItemFactory

from glasnik.audit.models import AuditLogEntry
from glasnik.events.models import Assignment, Material, MaterialKind
from glasnik.events.services.materials import (
    assignment_create,
    material_create,
    material_update,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% slides\n"


def _pdf(name: str = "slajdovi.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def material(training, program_organiser):
    return material_create(event=training, actor=program_organiser, title="Slajdovi", file=_pdf())


@pytest.fixture
def link(training, program_organiser):
    return material_create(
        event=training, actor=program_organiser, title="Alat", url="https://example.org/alat"
    )


@pytest.fixture
def assignment(training, trainer):
    return assignment_create(
        event=training,
        actor=trainer,
        title="Plan objava",
        instructions="Napravite plan objava.",
        due_at=timezone.now() + timedelta(days=7),
    )


def _edit(material) -> str:
    return reverse("events:material_edit", args=[material.pk])


def test_trainer_changes_title_session_and_public_and_the_file_stays(
    client, trainer, training, material
):
    session = AgendaItemFactory(event=training, title="Teorija")
    old_name = material.file.name
    client.force_login(trainer)

    response = client.post(
        _edit(material),
        {"title": "Slajdovi, 2. izdanje", "session": str(session.pk), "is_public": "on"},
    )

    assert response.url == reverse("events:materials", args=[training.pk])
    material.refresh_from_db()
    assert (material.title, material.agenda_item, material.is_public, material.file.name) == (
        "Slajdovi, 2. izdanje",
        session,
        True,
        old_name,
    )
    entry = AuditLogEntry.objects.get(action="events.material.changed")
    assert (entry.actor, entry.target_id, entry.data) == (
        trainer,
        material.pk,
        {
            "event": training.pk,
            "fields": ["agenda_item", "is_public", "title"],
            "kind": MaterialKind.FILE,
        },
    )


def test_new_file_replaces_the_old_one_once_saved(
    client,
    program_organiser,
    material,
    login_with_second_factor,
    django_capture_on_commit_callbacks,
):
    old = material.file
    storage, old_name = old.storage, old.name
    login_with_second_factor(client, program_organiser)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(_edit(material), {"title": "Slajdovi", "file": _pdf("novi.pdf")})

    material.refresh_from_db()
    assert material.file.name.endswith("/novi.pdf")
    assert material.file.name != old_name
    assert storage.exists(material.file.name)
    assert not storage.exists(old_name)


def test_link_replaces_a_file_and_a_file_replaces_a_link(
    program_organiser, material, link, django_capture_on_commit_callbacks
):
    old_name = material.file.name

    with django_capture_on_commit_callbacks(execute=True):
        material_update(
            material=material,
            actor=program_organiser,
            title="Slajdovi",
            url="https://example.org/s",
        )
        material_update(material=link, actor=program_organiser, title="Alat", file=_pdf("alat.pdf"))

    material.refresh_from_db()
    link.refresh_from_db()
    assert (material.kind, material.url, material.file.name) == (
        MaterialKind.LINK,
        "https://example.org/s",
        "",
    )
    assert not material.file.storage.exists(old_name)
    assert (link.kind, link.url, link.file.name.endswith("/alat.pdf")) == (
        MaterialKind.FILE,
        "",
        True,
    )


def test_unchanged_material_writes_no_audit_entry(program_organiser, link):
    material_update(
        material=link, actor=program_organiser, title="Alat", url="https://example.org/alat"
    )

    assert not AuditLogEntry.objects.filter(action="events.material.changed").exists()


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (
            {"title": "Loše", "file": SimpleUploadedFile("program.exe", b"MZ\x90\x00")},
            {
                "file": [
                    "Files of this type are not accepted. Accepted types: pdf, pptx, docx, "
                    "xlsx, odt, txt, png, jpg, jpeg."
                ]
            },
        ),
        (
            {"title": "Loše", "file": SimpleUploadedFile("lazni.pdf", b"MZ\x90 not a pdf")},
            {"file": ["The content of the file does not match its type."]},
        ),
        (
            {"title": "Oba", "file": _pdf(), "url": "https://example.org"},
            {"__all__": ["Upload a file or give a link, not both."]},
        ),
        ({"title": ""}, {"title": ["This field is required."]}),
    ],
)
def test_bad_changes_are_refused_with_a_clear_message_and_nothing_changes(
    client, program_organiser, material, data, errors, login_with_second_factor
):
    old_name = material.file.name
    login_with_second_factor(client, program_organiser)

    response = client.post(_edit(material), data)

    assert response.status_code == 200
    assert response.context["form"].errors == errors
    material.refresh_from_db()
    assert (material.title, material.file.name) == ("Slajdovi", old_name)


def test_link_cannot_be_emptied_without_a_file(client, trainer, link):
    client.force_login(trainer)

    response = client.post(_edit(link), {"title": "Alat", "url": ""})

    assert response.context["form"].errors == {"__all__": ["Upload a file or give a link."]}
    with pytest.raises(ValidationError, match="Upload a file or give a link"):
        material_update(material=link, actor=trainer, title="Alat")


def test_edit_form_shows_what_the_material_has(client, trainer, material):
    client.force_login(trainer)

    response = client.get(_edit(material))

    form = response.context["form"]
    assert (form["title"].value(), form["is_public"].value()) == ("Slajdovi", False)
    assert "Currently slajdovi.pdf." in response.content.decode()


def test_trainer_changes_an_exercise_in_the_events_time_zone(client, trainer, assignment):
    client.force_login(trainer)

    response = client.post(
        reverse("events:assignment_edit", args=[assignment.pk]),
        {
            "title": "Plan objava za jun",
            "instructions": "Plan za jun.",
            "due_at": "2026-06-01T18:00",
        },
    )

    assert response.url == reverse("events:assignment_detail", args=[assignment.pk])
    assignment.refresh_from_db()
    assert (assignment.title, assignment.instructions) == ("Plan objava za jun", "Plan za jun.")
    assert assignment.due_at.isoformat() == "2026-06-01T16:00:00+00:00"
    entry = AuditLogEntry.objects.get(action="events.assignment.changed")
    assert entry.data == {
        "event": assignment.event_id,
        "fields": ["due_at", "instructions", "title"],
        "due_at": "2026-06-01T18:00:00+02:00",
    }


def test_exercise_without_instructions_is_refused(client, trainer, assignment):
    client.force_login(trainer)

    response = client.post(
        reverse("events:assignment_edit", args=[assignment.pk]),
        {"title": "Plan", "instructions": ""},
    )

    assert response.context["form"].errors == {"instructions": ["This field is required."]}
    assignment.refresh_from_db()
    assert assignment.instructions == "Napravite plan objava."


@pytest.mark.parametrize("who", ["participant", "outsider"])
def test_edit_pages_are_404_for_participants_and_outsiders(
    client, who, participant, make_person, material, assignment
):
    client.force_login(participant if who == "participant" else make_person())
    urls = [_edit(material), reverse("events:assignment_edit", args=[assignment.pk])]

    statuses = [client.get(url).status_code for url in urls] + [
        client.post(url, {"title": "Tuđe", "instructions": "x"}).status_code for url in urls
    ]

    assert statuses == [404, 404, 404, 404]
    assert Material.objects.get().title == "Slajdovi"
    assert Assignment.objects.get().title == "Plan objava"


def test_edit_pages_send_visitors_to_sign_in(client, material, assignment):
    urls = [_edit(material), reverse("events:assignment_edit", args=[assignment.pk])]

    responses = [client.get(url) for url in urls]

    assert [response.status_code for response in responses] == [302, 302]
    assert all("/accounts/login/" in response.url for response in responses)
