"""A public programme event without registration: everyone may see the event, but its
non-public materials and its exercises are for the team (organisers, trainers) and the people
who take part (the programme's enrolled participants), not for any signed-in account."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from second_factor import login_with_second_factor

from glasnik.access.models import Role
from glasnik.access.services import role_grant
from glasnik.events.models import Submission, Visibility
from glasnik.events.services.materials import assignment_create, material_create

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% slides\n"


@pytest.fixture
def open_event(make_training):
    """Public, without registration: anyone may read its page."""
    return make_training(registration_enabled=False, visibility=Visibility.PUBLIC)


@pytest.fixture
def contents(open_event, program_organiser, trainer):
    guide = material_create(
        event=open_event,
        actor=program_organiser,
        title="Javni vodič",
        file=SimpleUploadedFile("vodic.pdf", PDF),
        is_public=True,
    )
    slides = material_create(
        event=open_event,
        actor=trainer,
        title="Slajdovi",
        file=SimpleUploadedFile("slajdovi.pdf", PDF),
    )
    exercise = assignment_create(
        event=open_event,
        actor=trainer,
        title="Plan objava",
        instructions="Napravite plan objava.",
        due_at=timezone.now() + timedelta(days=7),
    )
    return guide, slides, exercise


@pytest.fixture
def reader(request, make_person, make_organization, make_participant, program_organiser, trainer):
    """The person named by the test's parameter."""
    match request.param:
        case "no role":
            return make_person()
        case "member of another association":
            person = make_person()
            other = make_organization("Skupnost občin", country="SI", kind="association")
            role_grant(person=person, role=Role.MEMBER, scope=other)
            return person
        case "participant":
            return make_participant()
        case "trainer":
            return trainer
        case "organiser":
            return program_organiser
    raise AssertionError(request.param)


OUTSIDERS = ["no role", "member of another association"]
TAKING_PART = ["participant", "trainer", "organiser"]


@pytest.mark.parametrize("reader", OUTSIDERS, indirect=True)
def test_outsider_sees_only_public_materials(client, reader, open_event, contents):
    login_with_second_factor(client, reader)

    response = client.get(reverse("events:materials", args=[open_event.pk]))

    assert response.status_code == 200
    assert [material.title for material in response.context["materials"]] == ["Javni vodič"]
    assert response.context["assignments"] == []


@pytest.mark.parametrize("reader", TAKING_PART, indirect=True)
def test_team_and_participants_see_every_material(client, reader, open_event, contents):
    login_with_second_factor(client, reader)

    response = client.get(reverse("events:materials", args=[open_event.pk]))

    assert [material.title for material in response.context["materials"]] == [
        "Javni vodič",
        "Slajdovi",
    ]
    assert [assignment.title for assignment in response.context["assignments"]] == ["Plan objava"]


@pytest.mark.parametrize(
    ("reader", "status"),
    [("no role", 404), ("member of another association", 404)]
    + [(role, 200) for role in TAKING_PART],
    indirect=["reader"],
)
def test_non_public_material_download(client, reader, status, contents):
    _, slides, _ = contents
    login_with_second_factor(client, reader)

    response = client.get(reverse("events:material_download", args=[slides.pk]))

    assert response.status_code == status


@pytest.mark.parametrize(
    ("reader", "status"),
    [("no role", 404), ("member of another association", 404)]
    + [(role, 200) for role in TAKING_PART],
    indirect=["reader"],
)
def test_assignment_page(client, reader, status, contents):
    *_, exercise = contents
    login_with_second_factor(client, reader)

    response = client.get(reverse("events:assignment_detail", args=[exercise.pk]))

    assert response.status_code == status


@pytest.mark.parametrize("reader", OUTSIDERS, indirect=True)
def test_outsider_cannot_submit(client, reader, contents):
    *_, exercise = contents
    login_with_second_factor(client, reader)

    response = client.post(
        reverse("events:assignment_detail", args=[exercise.pk]), {"text": "Moj plan"}
    )

    assert response.status_code == 404
    assert not Submission.objects.exists()


@pytest.mark.parametrize("reader", ["participant"], indirect=True)
def test_participant_submits(client, reader, contents):
    *_, exercise = contents
    login_with_second_factor(client, reader)

    response = client.post(
        reverse("events:assignment_detail", args=[exercise.pk]), {"text": "Moj plan"}
    )

    assert response.status_code == 302
    assert list(Submission.objects.values_list("person", "text")) == [(reader.pk, "Moj plan")]


@pytest.mark.parametrize("reader", ["trainer", "organiser"], indirect=True)
def test_team_reads_submissions_and_submits_nothing(client, reader, contents):
    *_, exercise = contents
    login_with_second_factor(client, reader)

    response = client.post(
        reverse("events:assignment_detail", args=[exercise.pk]), {"text": "Moj plan"}
    )

    assert response.status_code == 200
    assert response.context["is_team"] is True
    assert not Submission.objects.exists()
