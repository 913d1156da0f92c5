"""Materials: organisers and trainers upload files (checked) or add links; who may see and
download them; files only through a view that checks access."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from factories.events import AgendaItemFactory

from glasnik.audit.models import AuditLogEntry
from glasnik.events.models import Material, MaterialKind
from glasnik.events.services.materials import material_create

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% slides\n"


def _pdf(name: str = "slajdovi.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def material(training, program_organiser):
    return material_create(event=training, actor=program_organiser, title="Slajdovi", file=_pdf())


def test_organiser_uploads_a_file(client, program_organiser, training, login_with_second_factor):
    session = AgendaItemFactory(event=training, title="Teorija")
    login_with_second_factor(client, program_organiser)

    response = client.post(
        reverse("events:material_add", args=[training.pk]),
        {"title": "Slajdovi", "session": str(session.pk), "file": _pdf()},
    )

    assert response.status_code == 302
    material = Material.objects.get()
    assert (material.kind, material.agenda_item, material.uploaded_by) == (
        MaterialKind.FILE,
        session,
        program_organiser,
    )
    assert material.file.name.startswith("materials/")
    assert AuditLogEntry.objects.filter(action="events.material.added").count() == 1


def test_trainer_adds_a_link(client, trainer, training):
    client.force_login(trainer)

    client.post(
        reverse("events:material_add", args=[training.pk]),
        {"title": "Alat za planiranje", "url": "https://example.org/alat"},
    )

    material = Material.objects.get()
    assert (material.kind, material.url) == (MaterialKind.LINK, "https://example.org/alat")


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("program.exe", b"MZ\x90\x00"),
            "Files of this type are not accepted. Accepted types: pdf, pptx, docx, xlsx, odt, "
            "txt, png, jpg, jpeg.",
        ),
        (
            SimpleUploadedFile("lazni.pdf", b"MZ\x90\x00 not a pdf"),
            "The content of the file does not match its type.",
        ),
        (SimpleUploadedFile("prazan.pdf", b""), "The submitted file is empty."),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(
    client, program_organiser, training, upload, message, login_with_second_factor
):
    login_with_second_factor(client, program_organiser)

    response = client.post(
        reverse("events:material_add", args=[training.pk]), {"title": "Loše", "file": upload}
    )

    assert response.context["form"].errors["file"] == [message]
    assert response.context["form"]["title"].value() == "Loše"
    assert not Material.objects.exists()


def test_file_and_link_together_are_refused(
    client, program_organiser, training, login_with_second_factor
):
    login_with_second_factor(client, program_organiser)

    response = client.post(
        reverse("events:material_add", args=[training.pk]),
        {"title": "Oba", "file": _pdf(), "url": "https://example.org"},
    )

    assert response.context["form"].non_field_errors() == [
        "Upload a file or give a link, not both."
    ]


def test_too_large_file_is_refused(
    client, program_organiser, training, settings, monkeypatch, login_with_second_factor
):
    monkeypatch.setattr("glasnik.events.forms.attendance.MATERIAL_MAX_BYTES", 10)
    login_with_second_factor(client, program_organiser)

    response = client.post(
        reverse("events:material_add", args=[training.pk]), {"title": "Veliko", "file": _pdf()}
    )

    assert response.context["form"].errors["file"] == [
        "The file is too large (18\xa0bytes). The largest accepted size is 10\xa0bytes."
    ]


def test_participant_cannot_add_materials(client, participant, training):
    client.force_login(participant)

    response = client.post(
        reverse("events:material_add", args=[training.pk]),
        {"title": "X", "url": "https://example.org"},
    )

    assert response.status_code == 404


def _download(client, material):
    return client.get(reverse("events:material_download", args=[material.pk]))


def test_confirmed_participant_sees_and_downloads(client, participant, training, material):
    client.force_login(participant)

    listing = client.get(reverse("events:materials", args=[training.pk]))
    response = _download(client, material)

    assert [item.title for item in listing.context["materials"]] == ["Slajdovi"]
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == 'attachment; filename="slajdovi.pdf"'
    assert response["Cache-Control"] == "private, no-store"


def test_trainer_downloads(client, trainer, material):
    client.force_login(trainer)

    assert _download(client, material).status_code == 200


@pytest.mark.parametrize("status", ["waitlisted", "cancelled", "pending"])
def test_unconfirmed_registration_gets_404(client, make_participant, training, material, status):
    client.force_login(make_participant(training, status=status))

    assert _download(client, material).status_code == 404
    assert client.get(reverse("events:materials", args=[training.pk])).status_code == 404


def test_outsider_and_visitor_get_404(client, make_person, training, material):
    assert _download(client, material).status_code == 404
    client.force_login(make_person())
    assert _download(client, material).status_code == 404
    assert client.get(reverse("events:materials", args=[training.pk])).status_code == 404


def test_public_material_is_for_everyone(client, program_organiser, training, material):
    public = material_create(
        event=training,
        actor=program_organiser,
        title="Javni vodič",
        file=_pdf("vodic.pdf"),
        is_public=True,
    )

    listing = client.get(reverse("events:materials", args=[training.pk]))

    assert [item.title for item in listing.context["materials"]] == ["Javni vodič"]
    assert listing.context["assignments"] == []
    assert _download(client, public).status_code == 200
    assert _download(client, material).status_code == 404


def test_event_with_public_materials_shows_them_all(client, make_training, program_organiser):
    event = make_training(materials_public=True)
    material = material_create(event=event, actor=program_organiser, title="Slajdovi", file=_pdf())

    assert _download(client, material).status_code == 200


def test_organiser_removes_a_material(
    client, program_organiser, training, material, login_with_second_factor
):
    login_with_second_factor(client, program_organiser)

    response = client.post(reverse("events:material_delete", args=[material.pk]))

    assert response.status_code == 302
    assert not Material.objects.exists()
    assert AuditLogEntry.objects.filter(action="events.material.removed").count() == 1


def test_participant_cannot_remove(client, participant, material):
    client.force_login(participant)

    assert client.post(reverse("events:material_delete", args=[material.pk])).status_code == 404
    assert Material.objects.count() == 1


def test_include_renders_links_and_files(training, program_organiser, material):
    from django.template.loader import render_to_string

    material_create(
        event=training, actor=program_organiser, title="Alat", url="https://example.org/alat"
    )

    html = render_to_string(
        "events/materials/_event_materials.html",
        {"event": training, "materials": list(Material.objects.order_by("pk"))},
    )

    assert reverse("events:material_download", args=[material.pk]) in html
    assert 'href="https://example.org/alat"' in html
    assert "/media/" not in html


@pytest.mark.parametrize("count", [1, 30])
def test_materials_page_query_count_does_not_grow(
    client, participant, training, program_organiser, django_assert_num_queries, count
):
    for number in range(count):
        material_create(
            event=training,
            actor=program_organiser,
            title=f"Link {number}",
            url="https://example.org",
        )
    client.force_login(participant)
    url = reverse("events:materials", args=[training.pk])
    client.get(url)

    # event, the registration, assignments (none: no query for submissions); the materials are
    # kept with the event since the first request
    with django_assert_num_queries(3):
        response = client.get(url)

    assert len(response.context["materials"]) == count
