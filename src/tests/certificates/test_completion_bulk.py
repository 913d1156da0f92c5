"""Certificates of completion issued to a whole programme at once: to each enrolled participant
who met the rule of every counted event, each emailed through the usual task; everyone else is
listed with the reason; a second press issues nothing twice; the rule is worked out in the same
few queries however many participants there are."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from factories.events import RegistrationFactory
from training_days import DAY_ONE, attend, both_days

from glasnik.audit.models import AuditLogEntry
from glasnik.certificates.models import BatchStatus, Certificate, CertificateBatch, CertificateKind
from glasnik.certificates.services import (
    certificates_issue_completion_bulk,
    certificates_issue_completion_bulk_start,
)
from glasnik.events.models import RegistrationStatus

pytestmark = pytest.mark.django_db

# What one certificate costs in the bulk issue: its insert (in a savepoint, so that a
# concurrent issue is caught) and its audit entry. Its PDF and email come later, in a task.
QUERIES_PER_CERTIFICATE = 4


@pytest.fixture
def second_training(make_training):
    return make_training(title="Radionica 2: Kriza")


def complete(registration, second_training):
    """Attend both days of both trainings."""
    both_days(registration)
    both_days(
        RegistrationFactory(
            event=second_training,
            person=registration.person,
            organization=registration.organization,
            status=RegistrationStatus.CONFIRMED,
        )
    )
    return registration


def test_completion_bulk_issues_to_each_who_completed_and_lists_the_others(
    make_registration,
    second_training,
    program_organiser,
    program,
    django_capture_on_commit_callbacks,
):
    ana = complete(make_registration("Ana", "Anić", language="sr-latn"), second_training)
    boris = both_days(make_registration("Boris", "Borić", language="en"))
    attend(
        RegistrationFactory(
            event=second_training,
            person=boris.person,
            status=RegistrationStatus.CONFIRMED,
            organization=None,
        ),
        DAY_ONE,
    )
    cilka = both_days(make_registration("Cilka", "Cilić", language="sl"))
    nameless = complete(make_registration("", "", language="en"), second_training)

    with django_capture_on_commit_callbacks(execute=True):
        batch = certificates_issue_completion_bulk(program=program, actor=program_organiser)

    assert (batch.status, batch.issued_count, batch.already_count) == (BatchStatus.FINISHED, 1, 0)
    certificate = Certificate.objects.get()
    assert (certificate.person, certificate.kind, certificate.program, certificate.event) == (
        ana.person,
        CertificateKind.COMPLETION,
        program,
        None,
    )
    assert [message.to for message in mail.outbox] == [[ana.person.email]]
    assert mail.outbox[0].attachments[0][1].startswith(b"%PDF")
    assert "/sr-latn/certificates/verify/" in mail.outbox[0].body
    assert batch.skipped == [
        {
            "enrolment": nameless.person.enrolments.get().pk,
            "name": nameless.person.email,
            "reason": "The certificate needs the participant's full name, and their profile has "
            "none. Please ask them to complete their first and last name in their profile.",
        },
        {
            "enrolment": boris.person.enrolments.get().pk,
            "name": "Boris Borić",
            "reason": "“Radionica 2: Kriza”: Attended 1 of 2 days; the certificate requires 2.",
        },
        {
            "enrolment": cilka.person.enrolments.get().pk,
            "name": "Cilka Cilić",
            "reason": "Not registered for “Radionica 2: Kriza”.",
        },
    ]
    assert list(
        AuditLogEntry.objects.filter(action__startswith="certificates.")
        .order_by("pk")
        .values_list("action", "scope_id", "data")
    ) == [
        (
            "certificates.certificate.issued",
            program.pk,
            {"kind": "completion", "person": ana.person_id},
        ),
        (
            "certificates.batch.finished",
            program.pk,
            {"batch": batch.pk, "issued": 1, "skipped": 3},
        ),
    ]


def test_completion_bulk_again_issues_nothing_twice(
    make_registration,
    second_training,
    program_organiser,
    program,
    django_capture_on_commit_callbacks,
):
    complete(make_registration(), second_training)
    certificates_issue_completion_bulk(program=program, actor=program_organiser)

    with django_capture_on_commit_callbacks(execute=True):
        batch = certificates_issue_completion_bulk(program=program, actor=program_organiser)

    assert (batch.issued_count, batch.already_count, batch.skipped) == (0, 1, [])
    assert Certificate.objects.count() == 1
    assert mail.outbox == []


def test_completion_bulk_pressed_twice_while_queued_queues_it_once(
    make_registration,
    second_training,
    program_organiser,
    program,
    django_capture_on_commit_callbacks,
):
    complete(make_registration(language="en"), second_training)

    with django_capture_on_commit_callbacks(execute=False) as queued:
        first = certificates_issue_completion_bulk_start(program=program, actor=program_organiser)
        second = certificates_issue_completion_bulk_start(program=program, actor=program_organiser)
    with django_capture_on_commit_callbacks(execute=True):
        for callback in queued:  # the task, then the email it queues
            callback()

    assert first == second
    first.refresh_from_db()
    assert (first.status, first.issued_count) == (BatchStatus.FINISHED, 1)
    assert AuditLogEntry.objects.filter(action="certificates.batch.requested").count() == 1
    assert CertificateBatch.objects.count() == 1
    assert len(mail.outbox) == 1


def _bulk_queries(program, program_organiser) -> int:
    Certificate.objects.all().delete()
    with CaptureQueriesContext(connection) as queries:
        certificates_issue_completion_bulk(program=program, actor=program_organiser)
    return len(queries.captured_queries)


def test_completion_bulk_queries_grow_only_by_each_certificates_writes(
    make_registration, second_training, program_organiser, program
):
    def add(count: int, *, completing: bool) -> None:
        for number in range(count):
            registration = make_registration(f"Ime{completing}{number}", "Prezime", language="en")
            if completing:
                complete(registration, second_training)
            else:
                attend(registration, DAY_ONE)

    add(2, completing=True)
    add(2, completing=False)
    few = _bulk_queries(program, program_organiser)
    add(5, completing=True)
    add(5, completing=False)

    many = _bulk_queries(program, program_organiser)

    assert many - few == 5 * QUERIES_PER_CERTIFICATE


# --- the page -------------------------------------------------------------------------------


def test_organiser_issues_completion_in_bulk_and_sees_who_was_skipped(
    client,
    program_organiser,
    program,
    second_training,
    make_registration,
    django_capture_on_commit_callbacks,
    login_with_second_factor,
):
    ana = complete(make_registration("Ana", "Anić", language="en"), second_training)
    both_days(make_registration("Vesna", "Vesić", language="en"))
    login_with_second_factor(client, program_organiser)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("certificates:program_issue_bulk", args=[program.pk]))
    page = client.get(response.url).content.decode()

    assert response.url == reverse("certificates:program", args=[program.pk])
    assert [message.to for message in mail.outbox] == [[ana.person.email]]
    assert "1 certificate issued and emailed" in page
    assert "1 participant skipped" in page
    assert "<strong>Vesna Vesić</strong>: Not registered for “Radionica 2: Kriza”." in page


def test_completion_bulk_is_404_for_participants(client, program, make_registration):
    registration = both_days(make_registration())
    client.force_login(registration.person)

    response = client.post(reverse("certificates:program_issue_bulk", args=[program.pk]))

    assert response.status_code == 404
    assert not CertificateBatch.objects.exists()
