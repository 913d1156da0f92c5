"""Issuing and revoking certificates. What a certificate says is frozen when it is issued, in
the holder's language: a later rename of the event or of the person does not change it."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from glasnik.audit.services import log_action
from glasnik.events.models import Event, Registration, RegistrationStatus
from glasnik.programs.models import Enrolment, EnrolmentStatus, Program

from .eligibility import (
    event_certificate_refusal,
    event_rule_met,
    program_events_counted,
    program_rule_met,
    program_rule_met_each,
)
from .models import BatchStatus, Certificate, CertificateBatch, CertificateKind


def _holder_name(person) -> str:
    name = person.get_full_name().strip()
    if not name:
        raise ValidationError(
            _(
                "The certificate needs the participant's full name, and their profile has none. "
                "Please ask them to complete their first and last name in their profile."
            ),
            code="name_missing",
        )
    return name


def _language_of(person) -> str:
    languages = dict(settings.LANGUAGES)
    return person.preferred_language if person.preferred_language in languages else "en"


def dates_format(first: date, last: date, language: str) -> str:
    """E.g. "14 March 2026" or "14 March 2026 – 15 March 2026", in the given language."""
    with translation.override(language):
        start = formats.date_format(first, "DATE_FORMAT")
        if first == last:
            return start
        return f"{start} – {formats.date_format(last, 'DATE_FORMAT')}"


def _issuer_of(owner) -> str:
    """The institution that runs the programme or network (`Event.owner`)."""
    organization = getattr(owner, "organization", None)
    return organization.name if organization is not None else ""


def _email_on_commit(certificate: Certificate) -> None:
    from .tasks import certificate_email_send

    transaction.on_commit(lambda: certificate_email_send.enqueue(certificate_id=certificate.pk))


def _create(*, actor, notify: bool, **fields) -> Certificate:
    """Create the certificate, or return the one a concurrent request has just created."""
    lookup = {key: fields[key] for key in ("person", "event", "program", "kind")}
    try:
        with transaction.atomic():
            certificate = Certificate.objects.create(issued_by=actor, **fields)
    except IntegrityError:
        return Certificate.objects.get(**lookup)
    log_action(
        "certificates.certificate.issued",
        actor=actor,
        target=certificate,
        scope=certificate.audit_scope,
        data={"kind": certificate.kind, "person": certificate.person_id},
    )
    if notify:
        _email_on_commit(certificate)
    return certificate


def certificate_issue(*, registration: Registration, actor, notify: bool = True) -> Certificate:
    """A certificate of attendance for a registration that met the event's attendance rule.

    Issuing twice returns the certificate already issued (a revoked one stays revoked).
    Raises ValidationError with the reason when the rule is not met or the name is missing.
    """
    event = registration.event
    existing = Certificate.objects.filter(
        person_id=registration.person_id, event=event, kind=CertificateKind.ATTENDANCE
    ).first()
    if existing is not None:
        return existing
    met, reason = event_rule_met(registration)
    if not met:
        raise ValidationError(reason, code="rule_not_met")
    person = registration.person
    language = _language_of(person)
    with translation.override(language):
        program_name = getattr(event.owner, "name", "")
    return _create(
        actor=actor,
        notify=notify,
        kind=CertificateKind.ATTENDANCE,
        person=person,
        event=event,
        program=None,
        holder_name=_holder_name(person),
        title=event.title,
        program_name=program_name,
        dates=dates_format(event.days[0], event.days[-1], language),
        issuer_name=_issuer_of(event.owner),
        language=language,
    )


def certificate_issue_completion(*, program: Program, person, actor, notify: bool = True):
    """A certificate of completion of the programme (see `eligibility.program_rule_met`)."""
    existing = Certificate.objects.filter(
        person=person, program=program, event__isnull=True, kind=CertificateKind.COMPLETION
    ).first()
    if existing is not None:
        return existing
    met, reason = program_rule_met(program, person)
    if not met:
        raise ValidationError(reason, code="rule_not_met")
    events = list(program_events_counted(program))
    return _completion_create(program, person, events=events, actor=actor, notify=notify)


def _completion_create(program: Program, person, *, events: list[Event], actor, notify: bool):
    """The certificate of completion of someone who met the rule; `events` are the ones that
    counted, in order (their first and last days are the certificate's dates)."""
    language = _language_of(person)
    return _create(
        actor=actor,
        notify=notify,
        kind=CertificateKind.COMPLETION,
        person=person,
        event=None,
        program=program,
        holder_name=_holder_name(person),
        title=program.name,
        program_name=program.name,
        dates=dates_format(events[0].days[0], events[-1].days[-1], language),
        issuer_name=_issuer_of(program),
        language=language,
    )


def certificate_revoke(*, certificate: Certificate, actor) -> Certificate:
    """Withdraw a certificate: the verification page then says since when it is revoked."""
    if certificate.revoked_at is not None:
        return certificate
    certificate.revoked_at = timezone.now()
    certificate.save(update_fields=["revoked_at"])
    log_action(
        "certificates.certificate.revoked",
        actor=actor,
        target=certificate,
        scope=certificate.audit_scope,
        data={"person": certificate.person_id},
    )
    return certificate


def certificates_issue_bulk_start(*, event: Event, actor) -> CertificateBatch:
    """Queue the issue of certificates to everyone in the event who meets the rule; refused,
    with the reason, before the event has ended."""
    from .tasks import certificates_issue_bulk_task

    refusal = event_certificate_refusal(event)
    if refusal:
        raise ValidationError(
            refusal, code="event_cancelled" if event.is_cancelled else "not_ended"
        )
    batch = CertificateBatch.objects.create(event=event, requested_by=actor)
    log_action(
        "certificates.batch.requested",
        actor=actor,
        target=event,
        scope=event.audit_scope,
        data={"batch": batch.pk},
    )
    transaction.on_commit(lambda: certificates_issue_bulk_task.enqueue(batch_id=batch.pk))
    return batch


def certificates_issue_bulk(
    *, event: Event, actor, batch: CertificateBatch | None = None
) -> CertificateBatch:
    """Issue (and email) a certificate to each confirmed participant who meets the rule; record
    who was skipped and why, in the organiser's language."""
    batch = batch or CertificateBatch.objects.create(event=event, requested_by=actor)
    registrations = (
        Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
        .select_related("person", "event__program__organization", "event__network__organization")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    already = set(
        Certificate.objects.filter(event=event, kind=CertificateKind.ATTENDANCE).values_list(
            "person_id", flat=True
        )
    )
    issued, skipped = 0, []
    language = _language_of(actor) if actor is not None else settings.LANGUAGE_CODE
    for registration in registrations:
        if registration.person_id in already:
            continue
        try:
            with translation.override(language):  # the reasons, for the organiser
                certificate_issue(registration=registration, actor=actor)
        except ValidationError as error:
            with translation.override(language):
                reason = " ".join(str(message) for message in error.messages)
            skipped.append(
                {
                    "registration": registration.pk,
                    "name": str(registration.person),
                    "reason": reason,
                }
            )
        else:
            issued += 1
    batch.issued_count = issued
    batch.already_count = len(already)
    batch.skipped = skipped
    batch.status = BatchStatus.FINISHED
    batch.finished_at = timezone.now()
    batch.save(update_fields=["issued_count", "already_count", "skipped", "status", "finished_at"])
    log_action(
        "certificates.batch.finished",
        actor=actor,
        target=event,
        scope=event.audit_scope,
        data={"batch": batch.pk, "issued": issued, "skipped": len(skipped)},
    )
    return batch


def certificates_issue_completion_bulk_start(*, program: Program, actor) -> CertificateBatch:
    """Queue the issue of certificates of completion to every enrolled participant who meets
    the rule. While one is queued, pressing again returns it rather than queueing another."""
    from .tasks import certificates_issue_bulk_task

    with transaction.atomic():
        list(Program.objects.select_for_update().filter(pk=program.pk).values_list("pk"))
        queued = CertificateBatch.objects.filter(program=program, status=BatchStatus.QUEUED)
        batch = queued.order_by("-created_at", "-pk").first()
        if batch is not None:
            return batch
        batch = CertificateBatch.objects.create(program=program, requested_by=actor)
        log_action(
            "certificates.batch.requested",
            actor=actor,
            target=program,
            scope=program,
            data={"batch": batch.pk, "kind": CertificateKind.COMPLETION},
        )
        transaction.on_commit(lambda: certificates_issue_bulk_task.enqueue(batch_id=batch.pk))
    return batch


def certificates_issue_completion_bulk(
    *, program: Program, actor, batch: CertificateBatch | None = None
) -> CertificateBatch:
    """Issue (and email) a certificate of completion to each enrolled participant who meets
    the rule and has none; record who was skipped and why, in the organiser's language. The
    rule is worked out for everyone in a few queries; each certificate then costs its own
    writes, and its PDF and email are made by a task that takes its id."""
    batch = batch or CertificateBatch.objects.create(program=program, requested_by=actor)
    enrolments = list(
        Enrolment.objects.filter(program=program, status=EnrolmentStatus.ENROLLED)
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    already = set(
        Certificate.objects.filter(
            program=program, event__isnull=True, kind=CertificateKind.COMPLETION
        ).values_list("person_id", flat=True)
    )
    waiting = [enrolment for enrolment in enrolments if enrolment.person_id not in already]
    language = _language_of(actor) if actor is not None else settings.LANGUAGE_CODE
    with translation.override(language):  # the reasons, for the organiser
        verdicts = program_rule_met_each(program, [e.person_id for e in waiting])
    events = list(program_events_counted(program))
    issued, skipped = 0, []
    for enrolment in waiting:
        met, reason = verdicts[enrolment.person_id]
        try:
            if not met:
                raise ValidationError(reason, code="rule_not_met")
            with translation.override(language):
                _completion_create(
                    program, enrolment.person, events=events, actor=actor, notify=True
                )
        except ValidationError as error:
            with translation.override(language):
                reason = " ".join(str(message) for message in error.messages)
            skipped.append(
                {"enrolment": enrolment.pk, "name": str(enrolment.person), "reason": reason}
            )
        else:
            issued += 1
    batch.issued_count = issued
    batch.already_count = len(already & {enrolment.person_id for enrolment in enrolments})
    batch.skipped = skipped
    batch.status = BatchStatus.FINISHED
    batch.finished_at = timezone.now()
    batch.save(update_fields=["issued_count", "already_count", "skipped", "status", "finished_at"])
    log_action(
        "certificates.batch.finished",
        actor=actor,
        target=program,
        scope=program,
        data={"batch": batch.pk, "issued": issued, "skipped": len(skipped)},
    )
    return batch
