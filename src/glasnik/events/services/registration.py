"""Registration for events: the checks, registering, approval, declining and cancellation,
and invitations. The event's lock, the seat count and offering seats to the waiting list are the
seat kernel (`seats`); offers, their expiry and confirmation are in `waitlist`, the reminder
before the event in `reminders`.

Every write that can change who holds a seat locks the event row first
(`seats.event_lock_for_seats`, which insists on `transaction.atomic`) and counts the seats under
that lock, so the last seat is given once however many people click at the same moment.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from glasnik.audit.services import log_action

from .. import tasks
from ..models import (
    SEAT_HOLDING_STATUSES,
    Event,
    EventInvitation,
    Registration,
    RegistrationQuestion,
    RegistrationQuestionKind,
    RegistrationStatus,
    Visibility,
)
from ..selectors.registration import ACTIVE_STATUSES  # still in play: count for limits
from .seats import (
    event_lock_for_seats,
    registration_email_on_commit,
    registration_lock,
    registration_status_announce,
    registration_status_set,
    seat_status_for_new_registration,
    waitlist_promote,
)
from .waitlist import event_datetime_text, waitlist_position

# The ones a participant or an organiser may cancel.
CANCELLABLE_STATUSES = ACTIVE_STATUSES
# How an answer to a yes-or-no registration question is stored.
ANSWER_YES, ANSWER_NO = "yes", "no"


@dataclass(frozen=True)
class RegistrationOutcome:
    registration: Registration
    created: bool
    message: str


def registration_status_message(registration: Registration) -> str:
    """What the person is told about their registration, in the active language."""
    event = registration.event
    status = registration.status
    if status == RegistrationStatus.CONFIRMED:
        return _("Your seat is confirmed.")
    if status == RegistrationStatus.PENDING:
        return _("Your registration is waiting for the organisers' approval.")
    if status == RegistrationStatus.WAITLISTED:
        return _(
            "The event is full: you are on the waiting list, number %(position)d. If a seat "
            "becomes free, we will offer it to you by email."
        ) % {"position": waitlist_position(registration)}
    if status == RegistrationStatus.OFFERED:
        return _("A seat is offered to you. Please confirm it by %(deadline)s.") % {
            "deadline": event_datetime_text(registration.offer_expires_at, event)
        }
    if status == RegistrationStatus.DECLINED:
        return _("The organisers have declined your registration.")
    if status == RegistrationStatus.EXPIRED:
        return _("The seat offered to you was not confirmed in time.")
    return _("Your registration is cancelled.")


# --- checks ---------------------------------------------------------------------------------


def registration_window_check(event: Event, *, now: datetime | None = None) -> None:
    """Registration is on, the event is not cancelled or started, and the window is open."""
    now = now or timezone.now()
    if not event.registration_enabled:
        raise ValidationError(_("This event does not take registrations."))
    if event.is_cancelled:
        raise ValidationError(_("This event has been cancelled."))
    if event.starts_at <= now:
        raise ValidationError(_("This event has already started; registration is closed."))
    if event.registration_opens_at and now < event.registration_opens_at:
        raise ValidationError(
            _("Registration opens on %(date)s.")
            % {"date": event_datetime_text(event.registration_opens_at, event)}
        )
    if event.registration_closes_at and now >= event.registration_closes_at:
        raise ValidationError(
            _("Registration closed on %(date)s.")
            % {"date": event_datetime_text(event.registration_closes_at, event)}
        )


def program_enrolment_of(person, program):
    """The person's enrolment in the programme. The programmes app owns the rule; until its
    selector exists, read the row directly."""
    try:  # the programmes app's selector, once it is there
        from glasnik.programs.selectors import enrolment_of
    except ImportError:
        from glasnik.programs.models import Enrolment

        return Enrolment.objects.filter(program=program, person=person).first()
    return enrolment_of(person, program)


def _enrolled_organization(event: Event, person, *, organization=None, enrol: bool = False):
    """For a programme event: the institution the person is enrolled with. In an open
    programme, registering enrols them (`enrol`, with the institution they name); anyone else
    who is not enrolled is refused."""
    from glasnik.programs.models import EnrolmentPolicy, EnrolmentStatus

    program = event.program
    enrolment = program_enrolment_of(person, program)
    if enrolment is not None and enrolment.status == EnrolmentStatus.ENROLLED:
        return enrolment.organization
    if person.has_perm("programs.manage_program", program):
        return None
    if program.enrolment_policy == EnrolmentPolicy.OPEN and program.is_published:
        if not enrol:
            return None
        if organization is None:
            raise ValidationError(
                {
                    "organization": _(
                        "Choose the institution you take part for: registering also enrols "
                        "you in the programme."
                    )
                }
            )
        from glasnik.programs.services.enrolment import enrolment_create

        return enrolment_create(
            program=program, person=person, organization=organization
        ).organization
    raise ValidationError(
        _(
            "Only participants of “%(program)s” can register for this event. Please enrol "
            "in the programme first."
        )
        % {"program": program.name}
    )


def take_part_check(
    event: Event,
    person,
    *,
    invitation: EventInvitation | None = None,
    organization=None,
    enrol: bool = False,
):
    """Whether the person may register; returns the institution they take part with, when the
    programme knows it. An invitation opens registration to anyone who holds it."""
    if invitation is not None:
        return None
    if event.program_id is not None:
        return _enrolled_organization(event, person, organization=organization, enrol=enrol)
    if event.visibility == Visibility.PUBLIC:
        return None
    network = event.network
    if network is not None and person.has_perm("networks.view_members_area", network):
        return None
    raise ValidationError(_("Only members can register for this event."))


def answers_clean(event: Event, answers: dict) -> dict:
    """The answers to the event's questions, keyed by question id; raises per question."""
    answers = {str(key): value for key, value in (answers or {}).items()}
    cleaned, errors = {}, {}
    for question in RegistrationQuestion.objects.filter(event=event).order_by("position", "pk"):
        key = str(question.pk)
        value = answers.get(key)
        value = value.strip() if isinstance(value, str) else value
        if value in (None, ""):
            if question.is_required:
                errors[f"question_{key}"] = _("Please answer this question.")
            continue
        if question.kind == RegistrationQuestionKind.CHOICE:
            options = [line.strip() for line in question.options.splitlines() if line.strip()]
            if value not in options:
                errors[f"question_{key}"] = _("Choose one of the options.")
                continue
        elif question.kind == RegistrationQuestionKind.YES_NO:
            value = {True: ANSWER_YES, False: ANSWER_NO}.get(value, value)
            if value not in (ANSWER_YES, ANSWER_NO):
                errors[f"question_{key}"] = _("Answer yes or no.")
                continue
        cleaned[key] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def _institution_limit_check(event: Event, organization, *, person) -> None:
    limit = event.per_organization_limit
    if not limit:
        return
    if organization is None:
        raise ValidationError(
            {"organization": _("Choose the institution you will represent at this event.")}
        )
    taken = (
        Registration.objects.filter(
            event=event, organization=organization, status__in=ACTIVE_STATUSES
        )
        .exclude(person=person)
        .count()
    )
    if taken >= limit:
        raise ValidationError(
            {
                "organization": _(
                    "At most %(limit)d people from one institution can register for this "
                    "event, and %(organization)s already has %(taken)d."
                )
                % {"limit": limit, "organization": organization.name, "taken": taken}
            }
        )


# --- operations -----------------------------------------------------------------------------


def registration_closed_reason(event: Event, person, *, invitation_token: str = "") -> str:
    """Why this person cannot register now, in their words ('' when they can): the refusal
    `registration_create` would give, for the page to show before they try."""
    try:
        registration_window_check(event)
        if getattr(person, "is_authenticated", False):
            invitation = invitation_for(event, invitation_token)
            take_part_check(event, person, invitation=invitation)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


def invitation_for(event: Event, token: str | None) -> EventInvitation | None:
    if not token:
        return None
    return EventInvitation.objects.filter(event=event, token=token).first()


@transaction.atomic
def registration_create(
    *,
    event: Event,
    person,
    organization=None,
    answers: dict | None = None,
    invitation_token: str | None = None,
) -> RegistrationOutcome:
    """Register the person: a confirmed seat while seats remain, otherwise the waiting list;
    pending when the organisers approve each registration. Registering twice returns the
    registration there is."""
    event = event_lock_for_seats(event)
    existing = Registration.objects.filter(event=event, person=person).first()
    if existing is not None and existing.status in ACTIVE_STATUSES:
        existing.event = event
        message = _("You are already registered for this event.")
        return RegistrationOutcome(
            existing, False, f"{message} {registration_status_message(existing)}"
        )
    if existing is not None and existing.status == RegistrationStatus.DECLINED:
        raise ValidationError(
            _(
                "The organisers have declined your registration for this event. Please write "
                "to them if you think this is a mistake."
            )
        )
    now = timezone.now()
    registration_window_check(event, now=now)
    invitation = invitation_for(event, invitation_token)
    enrolled_with = take_part_check(
        event, person, invitation=invitation, organization=organization, enrol=True
    )
    organization = organization or enrolled_with
    cleaned = answers_clean(event, answers or {})
    _institution_limit_check(event, organization, person=person)

    registration = existing or Registration(event=event, person=person)
    registration.organization = organization
    registration.answers = cleaned
    registration.offer_expires_at = None
    registration.cancelled_at = None
    registration.reminder_sent_at = None
    if event.requires_approval:
        registration.status = RegistrationStatus.PENDING
    else:
        registration_status_set(registration, seat_status_for_new_registration(event), now=now)
    registration.save()
    if invitation is not None and invitation.used_at is None:
        invitation.used_at = now
        invitation.save(update_fields=["used_at"])
    log_action(
        "events.registration.created",
        actor=person,
        target=registration,
        scope=event.audit_scope,
        data={"status": registration.status, "invitation": invitation is not None},
    )
    registration_status_announce(registration, now=now)
    if registration.status == RegistrationStatus.WAITLISTED:
        waitlist_promote(event, actor=None, now=now)  # seats freed by a larger capacity, say
        registration.refresh_from_db()
    return RegistrationOutcome(registration, True, registration_status_message(registration))


@transaction.atomic
def registration_approve(*, registration: Registration, actor) -> Registration:
    """The organisers approve a pending registration: a seat if one is free, otherwise the
    waiting list."""
    event, registration = registration_lock(registration)
    if registration.status != RegistrationStatus.PENDING:
        raise ValidationError(_("Only a registration waiting for approval can be approved."))
    if event.is_cancelled:
        raise ValidationError(_("This event has been cancelled."))
    now = timezone.now()
    registration_status_set(registration, seat_status_for_new_registration(event), now=now)
    registration.save()
    log_action(
        "events.registration.approved",
        actor=actor,
        target=registration,
        scope=event.audit_scope,
        data={"status": registration.status},
    )
    registration_status_announce(registration, now=now)
    return registration


@transaction.atomic
def registration_decline(*, registration: Registration, actor) -> Registration:
    event, registration = registration_lock(registration)
    if registration.status != RegistrationStatus.PENDING:
        raise ValidationError(_("Only a registration waiting for approval can be declined."))
    registration_status_set(registration, RegistrationStatus.DECLINED, now=timezone.now())
    registration.save()
    log_action(
        "events.registration.declined",
        actor=actor,
        target=registration,
        scope=event.audit_scope,
    )
    registration_email_on_commit(registration, "events/email/registration_declined")
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration, actor) -> Registration:
    """Cancel a registration (the person themself or an organiser on their behalf). A freed
    seat goes at once to the first on the waiting list."""
    event, registration = registration_lock(registration)
    by_participant = actor is not None and actor.pk == registration.person_id
    if registration.status not in CANCELLABLE_STATUSES:
        raise ValidationError(_("This registration is not active."))
    now = timezone.now()
    if by_participant and event.starts_at <= now:
        raise ValidationError(
            _("The event has started; the registration can no longer be cancelled.")
        )
    held_seat = registration.status in SEAT_HOLDING_STATUSES
    registration_status_set(registration, RegistrationStatus.CANCELLED, now=now)
    registration.save()
    log_action(
        "events.registration.cancelled",
        actor=actor,
        target=registration,
        scope=event.audit_scope,
        data={"by": "participant" if by_participant else "organiser"},
    )
    registration_email_on_commit(
        registration,
        "events/email/registration_cancelled"
        if by_participant
        else "events/email/registration_cancelled_by_organisers",
    )
    if held_seat and event.starts_at > now:
        waitlist_promote(event, actor=actor, now=now)
    return registration


# --- invitations ----------------------------------------------------------------------------


@transaction.atomic
def event_invitations_send(
    *, event: Event, actor, emails: list[str], language: str
) -> tuple[list[EventInvitation], list[str]]:
    """Invite addresses to register; an address already invited is not invited twice. Returns
    the new invitations and the addresses skipped."""
    seen, new, skipped = set(), [], []
    existing = {
        email.lower()
        for email in EventInvitation.objects.filter(event=event).values_list("email", flat=True)
    }
    for email in emails:
        key = email.strip().lower()
        if not key or key in seen:
            continue
        seen.add(key)
        if key in existing:
            skipped.append(key)
            continue
        new.append(EventInvitation.objects.create(event=event, email=key, invited_by=actor))
    if new:
        log_action(
            "events.invitations.sent",
            actor=actor,
            target=event,
            scope=event.audit_scope,
            data={"count": len(new)},
        )
    for invitation in new:
        transaction.on_commit(
            lambda pk=invitation.pk: tasks.event_invitation_send.enqueue(
                invitation_id=pk, language=language
            )
        )
    return new, skipped
