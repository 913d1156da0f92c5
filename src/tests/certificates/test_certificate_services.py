"""Issuing certificates: the attendance rule, frozen fields, idempotence, revocation, bulk."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from factories.events import RegistrationFactory
from training_days import DAY_ONE, DAY_TWO, attend, both_days

from glasnik.audit.models import AuditLogEntry
from glasnik.certificates.models import BatchStatus, Certificate, CertificateKind
from glasnik.certificates.services import (
    certificate_issue,
    certificate_issue_completion,
    certificate_revoke,
    certificates_issue_bulk,
)
from glasnik.events.models import RegistrationStatus

pytestmark = pytest.mark.django_db


def test_certificate_refused_when_only_one_of_two_days_attended(
    make_registration, program_organiser
):
    registration = make_registration()
    attend(registration, DAY_ONE)

    with pytest.raises(ValidationError) as refused:
        certificate_issue(registration=registration, actor=program_organiser)

    assert refused.value.code == "rule_not_met"
    assert "1" in refused.value.messages[0]
    assert "2" in refused.value.messages[0]
    assert not Certificate.objects.exists()


def test_certificate_refused_without_any_attendance(make_registration, program_organiser):
    registration = make_registration()

    with pytest.raises(ValidationError):
        certificate_issue(registration=registration, actor=program_organiser)

    assert not Certificate.objects.exists()


def test_certificate_issued_when_both_days_attended(make_registration, program_organiser):
    registration = both_days(make_registration())

    certificate = certificate_issue(registration=registration, actor=program_organiser)

    assert certificate.kind == CertificateKind.ATTENDANCE
    assert certificate.person == registration.person
    assert certificate.event == registration.event
    assert certificate.issued_by == program_organiser
    assert certificate.revoked_at is None
    assert len(certificate.code) >= 22  # 128 bits in URL-safe base64


def test_certificate_issued_with_one_day_when_the_event_requires_one(
    make_registration, program_organiser, training
):
    training.required_days = 1
    training.save(update_fields=["required_days"])
    registration = make_registration()
    attend(registration, DAY_TWO)

    certificate = certificate_issue(registration=registration, actor=program_organiser)

    assert certificate.pk is not None


def test_certificate_refused_for_a_waitlisted_registration(make_registration, program_organiser):
    registration = both_days(make_registration())
    registration.status = RegistrationStatus.WAITLISTED
    registration.save(update_fields=["status"])

    with pytest.raises(ValidationError) as refused:
        certificate_issue(registration=registration, actor=program_organiser)

    assert "not confirmed" in refused.value.messages[0]


def test_certificate_issued_twice_returns_the_same_one(make_registration, program_organiser):
    registration = both_days(make_registration())

    first = certificate_issue(registration=registration, actor=program_organiser)
    second = certificate_issue(registration=registration, actor=program_organiser)

    assert second.pk == first.pk
    assert Certificate.objects.count() == 1
    assert AuditLogEntry.objects.filter(action="certificates.certificate.issued").count() == 1


def test_certificate_freezes_name_title_programme_dates_and_language(
    make_registration, program_organiser, training, program
):
    registration = both_days(make_registration("Ана", "Јовановић", language="sr"))

    certificate = certificate_issue(registration=registration, actor=program_organiser)
    training.title = "Renamed"
    training.save(update_fields=["title"])
    registration.person.first_name = "Someone"
    registration.person.save(update_fields=["first_name"])
    certificate.refresh_from_db()

    assert certificate.holder_name == "Ана Јовановић"
    assert certificate.title == "Radionica 1: Strategija na društvenim mrežama"
    assert certificate.program_name == program.name
    assert certificate.language == "sr"
    assert certificate.dates == "14. март 2026. – 15. март 2026."
    assert certificate.issuer_name == "Stalna konferencija gradova i opština"


def test_certificate_dates_in_the_holders_language(make_registration, program_organiser):
    english = both_days(make_registration("Ana", "Smith", language="en"))
    slovenian = both_days(make_registration("Ana", "Novak", language="sl"))

    assert certificate_issue(registration=english, actor=program_organiser).dates == (
        "14 March 2026 – 15 March 2026"
    )
    assert certificate_issue(registration=slovenian, actor=program_organiser).dates == (
        "14. marca 2026 – 15. marca 2026"
    )


def test_certificate_refused_when_the_profile_has_no_name(make_registration, program_organiser):
    registration = both_days(make_registration("", ""))

    with pytest.raises(ValidationError) as refused:
        certificate_issue(registration=registration, actor=program_organiser)

    assert refused.value.code == "name_missing"
    assert "complete their first and last name" in refused.value.messages[0]


def test_certificate_issue_writes_the_audit_log_and_emails_the_pdf(
    make_registration, program_organiser, django_capture_on_commit_callbacks
):
    registration = both_days(make_registration(language="en"))

    with django_capture_on_commit_callbacks(execute=True):
        certificate = certificate_issue(registration=registration, actor=program_organiser)

    entry = AuditLogEntry.objects.get(action="certificates.certificate.issued")
    assert entry.actor == program_organiser
    assert entry.target_id == certificate.pk
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [registration.person.email]
    assert "Radionica 1" in message.subject
    [(filename, content, mimetype)] = message.attachments
    assert filename == f"certificate-{certificate.pk}.pdf"
    assert mimetype == "application/pdf"
    assert content.startswith(b"%PDF")


def test_certificate_revoke_is_recorded_once(make_registration, program_organiser):
    certificate = certificate_issue(
        registration=both_days(make_registration()), actor=program_organiser
    )

    certificate_revoke(certificate=certificate, actor=program_organiser)
    revoked_at = certificate.revoked_at
    certificate_revoke(certificate=certificate, actor=program_organiser)

    certificate.refresh_from_db()
    assert certificate.revoked_at == revoked_at
    assert AuditLogEntry.objects.filter(action="certificates.certificate.revoked").count() == 1


def test_bulk_issue_emails_each_eligible_person_and_records_the_skipped(
    make_registration, program_organiser, training, django_capture_on_commit_callbacks
):
    ana = both_days(make_registration("Ana", "Anić", language="sr-latn"))
    boris = both_days(make_registration("Boris", "Borić", language="en"))
    vesna = make_registration("Vesna", "Vesić", language="sl")
    attend(vesna, DAY_ONE)
    nameless = both_days(make_registration("", "", language="en"))

    with django_capture_on_commit_callbacks(execute=True):
        batch = certificates_issue_bulk(event=training, actor=program_organiser)

    assert batch.status == BatchStatus.FINISHED
    assert batch.issued_count == 2
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [ana.person.email, boris.person.email]
    )
    for message in mail.outbox:
        assert len(message.attachments) == 1
        assert message.attachments[0][1].startswith(b"%PDF")
    by_email = {message.to[0]: message for message in mail.outbox}
    # In each holder's language (the greeting is translated already; the rest at the next pass).
    assert by_email[ana.person.email].body.startswith("Dobar dan, Ana,")
    assert "/sr-latn/certificates/verify/" in by_email[ana.person.email].body
    assert by_email[boris.person.email].body.startswith("Hello Boris,")
    skipped = {entry["registration"]: entry["reason"] for entry in batch.skipped}
    assert set(skipped) == {vesna.pk, nameless.pk}
    assert "1 of 2" in skipped[vesna.pk]
    assert "first and last name" in skipped[nameless.pk]


def test_bulk_issue_again_issues_nothing_twice(
    make_registration, program_organiser, training, django_capture_on_commit_callbacks
):
    both_days(make_registration())
    certificates_issue_bulk(event=training, actor=program_organiser)

    with django_capture_on_commit_callbacks(execute=True):
        batch = certificates_issue_bulk(event=training, actor=program_organiser)

    assert batch.issued_count == 0
    assert batch.already_count == 1
    assert Certificate.objects.count() == 1
    assert mail.outbox == []


def test_completion_needs_every_programme_event_rule_met(
    make_registration, make_training, program_organiser, program
):
    first = both_days(make_registration())
    second_event = make_training(title="Radionica 2")
    person = first.person

    second = RegistrationFactory(
        event=second_event, person=person, status=RegistrationStatus.CONFIRMED, organization=None
    )
    attend(second, DAY_ONE)

    with pytest.raises(ValidationError) as refused:
        certificate_issue_completion(program=program, person=person, actor=program_organiser)
    assert "Radionica 2" in refused.value.messages[0]

    attend(second, DAY_TWO)
    certificate = certificate_issue_completion(
        program=program, person=person, actor=program_organiser
    )

    assert certificate.kind == CertificateKind.COMPLETION
    assert certificate.program == program
    assert certificate.event is None
    assert certificate.title == program.name


def test_completion_refused_to_someone_not_enrolled(make_person, program_organiser, program):
    with pytest.raises(ValidationError) as refused:
        certificate_issue_completion(program=program, person=make_person(), actor=program_organiser)

    assert "enrolled" in refused.value.messages[0]
