"""Assignments: trainers set exercises, confirmed participants submit (and edit until the due
date), trainers comment, and the participant is told by email in their language."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from glasnik.audit.models import AuditLogEntry
from glasnik.events.models import Assignment, Submission, SubmissionComment
from glasnik.events.services.materials import (
    assignment_create,
    submission_comment_add,
    submission_save,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def assignment(training, trainer):
    return assignment_create(
        event=training,
        actor=trainer,
        title="Plan objava za mesec dana",
        instructions="Napravite plan objava za vašu opštinu.",
        due_at=timezone.now() + timedelta(days=7),
    )


def _detail(assignment):
    return reverse("events:assignment_detail", args=[assignment.pk])


def test_trainer_sets_an_exercise_in_the_events_time_zone(client, trainer, training):
    client.force_login(trainer)

    response = client.post(
        reverse("events:assignment_add", args=[training.pk]),
        {
            "title": "Plan objava",
            "instructions": "Napravite plan.",
            "due_at": "2026-06-01T18:00",
        },
    )

    assignment = Assignment.objects.get()
    assert response.url == _detail(assignment)
    assert timezone.localtime(assignment.due_at, training_zone()).isoformat() == (
        "2026-06-01T18:00:00+02:00"
    )
    assert AuditLogEntry.objects.filter(action="events.assignment.created").count() == 1


def training_zone():
    import zoneinfo

    return zoneinfo.ZoneInfo("Europe/Belgrade")


def test_participant_cannot_set_an_exercise(client, participant, training):
    client.force_login(participant)

    response = client.post(
        reverse("events:assignment_add", args=[training.pk]),
        {"title": "X", "instructions": "Y"},
    )

    assert response.status_code == 404


def test_participant_submits_text_and_a_file(client, participant, assignment):
    client.force_login(participant)

    response = client.post(
        _detail(assignment),
        {
            "text": "Ponedeljkom vesti, petkom fotografije.",
            "file": SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan"),
        },
    )

    assert response.status_code == 302
    submission = Submission.objects.get()
    assert (submission.person, submission.text) == (
        participant,
        "Ponedeljkom vesti, petkom fotografije.",
    )
    assert submission.file.name.startswith("submissions/")
    assert AuditLogEntry.objects.filter(action="events.submission.submitted").count() == 1


def test_participant_edits_until_the_due_date(client, participant, assignment):
    client.force_login(participant)
    client.post(_detail(assignment), {"text": "Prva verzija"})

    client.post(_detail(assignment), {"text": "Druga verzija"})

    assert list(Submission.objects.values_list("text", flat=True)) == ["Druga verzija"]
    assert AuditLogEntry.objects.filter(action="events.submission.changed").count() == 1


def test_submission_after_the_due_date_is_refused(participant, assignment):
    assignment.due_at = timezone.now() - timedelta(minutes=1)
    assignment.save(update_fields=["due_at"])

    with pytest.raises(ValidationError) as error:
        submission_save(assignment=assignment, person=participant, text="Kasno")

    assert error.value.messages == ["The due date has passed."]


def test_page_after_the_due_date_has_no_form(client, participant, assignment):
    assignment.due_at = timezone.now() - timedelta(minutes=1)
    assignment.save(update_fields=["due_at"])
    client.force_login(participant)

    response = client.get(_detail(assignment))

    assert "The due date has passed; submissions can no longer be changed." in (
        response.content.decode()
    )


def test_empty_submission_is_refused(client, participant, assignment):
    client.force_login(participant)

    response = client.post(_detail(assignment), {"text": "  "})

    assert response.context["form"].non_field_errors() == ["Write an answer or attach a file."]
    assert not Submission.objects.exists()


def test_bad_file_is_refused(client, participant, assignment):
    client.force_login(participant)

    response = client.post(
        _detail(assignment),
        {"text": "Tekst ostaje", "file": SimpleUploadedFile("plan.pdf", b"not a pdf")},
    )

    assert response.context["form"].errors["file"] == [
        "The content of the file does not match its type."
    ]
    assert response.context["form"]["text"].value() == "Tekst ostaje"


def test_unconfirmed_participant_gets_404(client, make_participant, training, assignment):
    client.force_login(make_participant(training, status="waitlisted"))

    assert client.get(_detail(assignment)).status_code == 404


def test_trainer_sees_every_submission_and_comments(
    client,
    trainer,
    participant,
    make_participant,
    training,
    assignment,
    django_capture_on_commit_callbacks,
):
    other = make_participant(training, first_name="Ana", last_name="Anić", language="sr")
    submission_save(assignment=assignment, person=participant, text="Moj plan")
    theirs = submission_save(assignment=assignment, person=other, text="Naš plan")
    client.force_login(trainer)

    page = client.get(_detail(assignment))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:submission_comment", args=[theirs.pk]),
            {"text": "Odlično, dodajte video."},
        )

    assert [s.person.last_name for s in page.context["submissions"]] == ["Anić", "Petrović"]
    assert response.url == _detail(assignment) + f"#submission-{theirs.pk}"
    comment = SubmissionComment.objects.get()
    assert (comment.submission, comment.author) == (theirs, trainer)
    assert [message.to for message in mail.outbox] == [[other.email]]
    # In the recipient's language (Serbian, Cyrillic), whatever the trainer's.
    message = mail.outbox[0]
    # Rendered for a Serbian (Cyrillic) reader; the wording comes with the translation pass.
    assert message.subject.endswith(": План објава за месец дана")
    assert "Одлично, додајте видео." in message.body
    assert f"/sr/events/assignments/{assignment.pk}/" in message.body


def test_participant_sees_comments_on_their_own_submission_only(
    client, trainer, participant, make_participant, training, assignment
):
    mine = submission_save(assignment=assignment, person=participant, text="Moj plan")
    other = make_participant(training)
    theirs = submission_save(assignment=assignment, person=other, text="Tuđi plan")
    submission_comment_add(submission=mine, author=trainer, text="Za vas")
    submission_comment_add(submission=theirs, author=trainer, text="Za drugog")
    client.force_login(participant)

    content = client.get(_detail(assignment)).content.decode()

    assert "Za vas" in content
    assert "Za drugog" not in content
    assert "Tuđi plan" not in content


def test_participant_cannot_comment_or_read_anothers_file(
    client, participant, make_participant, training, assignment
):
    other = make_participant(training)
    theirs = submission_save(
        assignment=assignment,
        person=other,
        file=SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan"),
    )
    client.force_login(participant)

    assert client.get(reverse("events:submission_file", args=[theirs.pk])).status_code == 404
    assert (
        client.post(reverse("events:submission_comment", args=[theirs.pk]), {"text": "x"})
    ).status_code == 404
    client.force_login(other)
    assert client.get(reverse("events:submission_file", args=[theirs.pk])).status_code == 200


@pytest.mark.parametrize("people", [1, 30])
def test_submissions_page_query_count_does_not_grow(
    client, trainer, training, make_participant, assignment, django_assert_num_queries, people
):
    for _number in range(people):
        person = make_participant(training)
        submission = submission_save(assignment=assignment, person=person, text="Plan")
        SubmissionComment.objects.create(submission=submission, author=trainer, text="Dobro")
    client.force_login(trainer)
    client.get(_detail(assignment))

    # the assignment, submissions with people, their comments with authors
    with django_assert_num_queries(3):
        response = client.get(_detail(assignment))

    assert len(response.context["submissions"]) == people


def test_markup_typed_in_a_comment_stays_as_written_on_a_cyrillic_page(
    client, trainer, participant, assignment
):
    submission = submission_save(assignment=assignment, person=participant, text="Moj plan.")
    submission_comment_add(
        submission=submission, author=trainer, text="<i>Važno:</i> dodajte video."
    )
    client.force_login(participant)

    with translation.override("sr"):
        content = client.get(_detail(assignment)).content.decode()

    assert "&lt;i&gt;Важно:&lt;/i&gt; додајте видео." in content
    assert "‹" not in content
    assert "&lt;и&gt;" not in content
