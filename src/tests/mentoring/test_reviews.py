"""Reviews of work: only to one's own mentor, uploads checked, the mentor's comments and
decision, versions kept and what changed between them, the emails, and who may open what."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from glasnik.audit.models import AuditLogEntry
from glasnik.mentoring.models import ReviewStatus, WorkKind
from glasnik.mentoring.pair_selectors import version_changes
from glasnik.mentoring.pair_services import (
    pair_create,
    review_resubmit,
    review_return,
    review_submit,
)

pytestmark = pytest.mark.django_db

PLAN = [("Cilj", "Otvoriti nalog na Instagramu."), ("Resursi", "Jedna osoba.")]


@pytest.fixture
def pair(program, mentor, participant, organiser):
    return pair_create(program=program, mentor=mentor, mentee=participant, actor=organiser)


def submit(pair, author, sections=PLAN, document=None):
    return review_submit(
        pair=pair,
        author=author,
        title="Predlog",
        kind=WorkKind.PROPOSAL,
        sections=sections,
        document=document,
    )


def comments_on(review, **by_title):
    version = review.versions.order_by("-number").first()
    return {s.pk: by_title.get(s.title, "") for s in version.sections.all()}


def test_review_to_someone_not_your_mentor_is_refused(pair, other_participant):
    with pytest.raises(ValidationError) as error:
        submit(pair, other_participant)

    assert error.value.code == "not_your_mentor"
    assert "only to your own mentor" in error.value.messages[0]


def test_review_page_tells_the_mentor_they_cannot_send_work_to_themselves(client, pair, mentor):
    client.force_login(mentor)

    response = client.get(reverse("mentoring:review_new", args=[pair.pk]))

    assert response.status_code == 403
    assert "only to your own mentor" in response.content.decode()


def test_review_page_not_found_outside_the_pair(client, pair, other_participant):
    client.force_login(other_participant)

    assert client.get(reverse("mentoring:review_new", args=[pair.pk])).status_code == 404


def test_empty_work_is_refused(pair, participant):
    with pytest.raises(ValidationError) as error:
        submit(pair, participant, sections=[("Cilj", "  ")])
    assert error.value.code == "empty"


def test_document_checked_for_type_and_content(pair, participant):
    program = SimpleUploadedFile("plan.exe", b"MZ\x90\x00")
    renamed = SimpleUploadedFile("plan.pdf", b"MZ\x90\x00 not a pdf")
    for document, code in ((program, "file_type"), (renamed, "file_content")):
        with pytest.raises(ValidationError) as error:
            submit(pair, participant, sections=[], document=document)
        assert error.value.code == code


def test_document_accepted_and_downloaded_by_the_mentor(client, pair, participant, mentor):
    review = submit(
        pair, participant, sections=[], document=SimpleUploadedFile("plan.pdf", b"%PDF-1.4 x")
    )
    version = review.versions.get()
    client.force_login(mentor)

    response = client.get(reverse("mentoring:review_document", args=[version.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_one_round_of_changes_then_approved(
    pair, participant, mentor, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        review = submit(pair, participant)
    with django_capture_on_commit_callbacks(execute=True):
        review_return(
            review=review,
            mentor=mentor,
            status=ReviewStatus.NEEDS_WORK,
            comments=comments_on(review, Cilj="Dodajte rok."),
        )
    with pytest.raises(ValidationError):
        review_return(review=review, mentor=mentor, status=ReviewStatus.APPROVED, comments={})
    with django_capture_on_commit_callbacks(execute=True):
        review_resubmit(
            review=review,
            author=participant,
            sections=[
                ("Cilj", "Otvoriti nalog na Instagramu do juna."),
                ("Resursi", "Jedna osoba."),
            ],
        )
    with django_capture_on_commit_callbacks(execute=True):
        review_return(review=review, mentor=mentor, status=ReviewStatus.APPROVED, comments={})

    review.refresh_from_db()
    first, second = review.versions.order_by("number")
    assert review.status == ReviewStatus.APPROVED
    assert (first.returned_status, second.returned_status) == ("needs_work", "approved")
    assert first.sections.get(title="Cilj").comment == "Dodajte rok."
    assert [m.to[0] for m in mailoutbox] == [
        mentor.email,
        participant.email,
        mentor.email,
        participant.email,
    ]
    assert AuditLogEntry.objects.filter(action__startswith="mentoring.review").count() == 4


def test_only_the_pairs_mentor_returns_work(pair, participant, organiser):
    review = submit(pair, participant)

    with pytest.raises(ValidationError) as error:
        review_return(review=review, mentor=organiser, status=ReviewStatus.APPROVED, comments={})
    assert error.value.code == "not_mentor"


def test_no_new_version_while_waiting_for_the_mentor(pair, participant):
    review = submit(pair, participant)

    with pytest.raises(ValidationError) as error:
        review_resubmit(review=review, author=participant, sections=PLAN)
    assert error.value.code == "status"


def test_changes_between_versions_by_section(pair, participant, mentor):
    review = submit(pair, participant)
    review_return(review=review, mentor=mentor, status=ReviewStatus.NEEDS_WORK, comments={})
    review_resubmit(
        review=review,
        author=participant,
        sections=[("Cilj", "Otvoriti nalog na Instagramu do juna."), ("Budžet", "Nema.")],
    )
    first, second = review.versions.order_by("number")

    changes = {change.title: change for change in version_changes(first, second)}

    assert changes["Cilj"].state == "changed"
    assert [(p.kind, p.text) for p in changes["Cilj"].pieces if p.kind != "same"] == [
        ("removed", "Instagramu."),
        ("added", "Instagramu do juna."),
    ]
    assert changes["Budžet"].state == "added"
    assert changes["Resursi"].state == "removed"


def test_review_page_shows_changes_with_text_labels(client, pair, participant, mentor):
    review = submit(pair, participant)
    review_return(review=review, mentor=mentor, status=ReviewStatus.NEEDS_WORK, comments={})
    review_resubmit(
        review=review,
        author=participant,
        sections=[("Cilj", "Otvoriti nalog na Instagramu do juna."), ("Resursi", "Jedna osoba.")],
    )
    client.force_login(mentor)

    page = client.get(reverse("mentoring:review", args=[review.pk])).content.decode()

    assert "<del>" in page
    assert "<ins>" in page
    assert "[added: </span>Instagramu do juna." in page
    assert "Return to the participant" in page


def test_review_return_page_for_the_mentor_only(
    client, pair, participant, organiser, login_with_second_factor
):
    review = submit(pair, participant)
    login_with_second_factor(client, organiser)

    response = client.post(
        reverse("mentoring:review_return", args=[review.pk]), {"decision": "approved"}
    )

    assert response.status_code == 404
