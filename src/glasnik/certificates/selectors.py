"""Reads of certificates: a person's certificates, an event's, the public lookup by code."""

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from glasnik.events.models import Event, EventStatus, Registration, RegistrationStatus
from glasnik.programs.models import Enrolment, EnrolmentStatus

from .models import Certificate, CertificateBatch, CertificateKind


def certificate_by_code(code: str) -> Certificate | None:
    """The certificate with exactly this code, or None (a tampered code finds nothing)."""
    if not code or len(code) > Certificate._meta.get_field("code").max_length:
        return None
    return Certificate.objects.filter(code=code).first()


def person_certificates(person) -> QuerySet[Certificate]:
    # What they certify, with its owner's language, joined: the page marks each title with it.
    return (
        Certificate.objects.filter(person=person)
        .select_related(
            "event__program__organization",
            "event__network__organization",
            "program__organization",
        )
        .order_by("-issued_at", "-pk")
    )


def person_requestable_registrations(person) -> QuerySet[Registration]:
    """Events the person took part in that are over and gave them no certificate yet."""
    issued = Certificate.objects.filter(
        person=person, event=OuterRef("event"), kind=CertificateKind.ATTENDANCE
    )
    return (
        Registration.objects.filter(
            person=person,
            status=RegistrationStatus.CONFIRMED,
            event__ends_at__lte=timezone.now(),
        )
        .exclude(Exists(issued))
        .exclude(event__status=EventStatus.CANCELLED)
        .select_related("event__program__organization", "event__network__organization")
        .order_by("-event__starts_at", "-pk")
    )


def person_requestable_enrolments(person) -> QuerySet[Enrolment]:
    """Programmes the person is enrolled in without a certificate of completion yet."""
    issued = Certificate.objects.filter(
        person=person, program=OuterRef("program"), kind=CertificateKind.COMPLETION
    )
    return (
        Enrolment.objects.filter(person=person, status=EnrolmentStatus.ENROLLED)
        .exclude(Exists(issued))
        .select_related("program__organization")
        .order_by("program__name", "pk")
    )


def event_participants(event: Event) -> QuerySet[Registration]:
    """Confirmed participants with their certificate (if any), for the organisers' page."""
    return (
        Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
        .select_related("person", "organization")
        .order_by("person__last_name", "person__first_name", "pk")
    )


def certificates_by_person(event: Event, person_ids) -> dict[int, Certificate]:
    return {
        certificate.person_id: certificate
        for certificate in Certificate.objects.filter(
            event=event, kind=CertificateKind.ATTENDANCE, person_id__in=list(person_ids)
        )
    }


def event_latest_batch(event: Event) -> CertificateBatch | None:
    return CertificateBatch.objects.filter(event=event).order_by("-created_at", "-pk").first()


def program_participants(program) -> QuerySet[Enrolment]:
    """Enrolled participants with their certificate of completion (if any)."""
    return (
        Enrolment.objects.filter(program=program, status=EnrolmentStatus.ENROLLED)
        .select_related("person", "organization")
        .order_by("person__last_name", "person__first_name", "pk")
    )


def completion_certificates_by_person(program, person_ids) -> dict[int, Certificate]:
    return {
        certificate.person_id: certificate
        for certificate in Certificate.objects.filter(
            program=program,
            event__isnull=True,
            kind=CertificateKind.COMPLETION,
            person_id__in=list(person_ids),
        )
    }


def program_latest_batch(program) -> CertificateBatch | None:
    return CertificateBatch.objects.filter(program=program).order_by("-created_at", "-pk").first()
