"""Seats and the waiting list: counting seats under the event's lock, offering freed seats to
the first on the waiting list in order, offers that expire and move on, and their confirmation.

Every write that can change who holds a seat locks the event row first (`_locked`) and counts
the seats under that lock; see `registration` for the operations that call these helpers.
"""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from glasnik.audit.services import log_action
from glasnik.core.time_zones import time_in_zone

from .. import tasks
from ..models import SEAT_HOLDING_STATUSES, Event, Registration, RegistrationStatus
from .reminders import reminder_due_at


def event_scope(event: Event):
    """Whose organisers read the audit log of the event's registrations."""
    return event.program or event.network or event


def _local(value: datetime, event: Event) -> str:
    return time_in_zone(value, event.time_zone)


def waitlist_position(registration: Registration) -> int:
    return (
        Registration.objects.filter(
            event_id=registration.event_id,
            status=RegistrationStatus.WAITLISTED,
            waitlisted_at__lt=registration.waitlisted_at,
        ).count()
        + 1
    )


# --- seats ----------------------------------------------------------------------------------


def _locked(event: Event) -> Event:
    """Lock the event row for the rest of the transaction and read it fresh."""
    return (
        Event.objects.select_for_update(of=("self",))
        .select_related("network__organization", "program__organization")
        .get(pk=event.pk)
    )


def _locked_registration(registration: Registration) -> tuple[Event, Registration]:
    event = _locked(registration.event)
    registration = Registration.objects.select_related("person", "organization").get(
        pk=registration.pk
    )
    registration.event = event
    return event, registration


def seats_taken(event: Event) -> int:
    return Registration.objects.filter(event=event, status__in=SEAT_HOLDING_STATUSES).count()


def free_seats(event: Event) -> int | None:
    """Seats nobody holds; None when the event has no limit."""
    if event.capacity is None:
        return None
    return max(event.capacity - seats_taken(event), 0)


def _has_waitlist(event: Event) -> bool:
    return Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED).exists()


def _seat_status(event: Event) -> str:
    """Confirmed while seats remain and nobody waits before; otherwise the waiting list."""
    free = free_seats(event)
    if free is None or (free > 0 and not _has_waitlist(event)):
        return RegistrationStatus.CONFIRMED
    return RegistrationStatus.WAITLISTED


def _set_status(registration: Registration, status: str, *, now: datetime) -> None:
    registration.status = status
    if status == RegistrationStatus.CONFIRMED:
        registration.confirmed_at = now
        registration.offer_expires_at = None
    elif status == RegistrationStatus.WAITLISTED:
        registration.waitlisted_at = now
    elif status in (RegistrationStatus.CANCELLED, RegistrationStatus.DECLINED):
        registration.cancelled_at = now
        registration.offer_expires_at = None


def _email(registration: Registration, template: str) -> None:
    transaction.on_commit(
        lambda: tasks.registration_email.enqueue(registration_id=registration.pk, template=template)
    )


def _enqueue_at(task, when: datetime, **kwargs) -> None:
    """Run `task` at `when` on a backend that can defer; a backend that cannot (the tests'
    immediate one) runs it now, and the task itself waits for its time (the management
    commands catch anything missed)."""
    if task.get_backend().supports_defer:
        transaction.on_commit(lambda: task.using(run_after=when).enqueue(**kwargs))
    else:
        transaction.on_commit(lambda: task.enqueue(**kwargs))


def _confirmed(registration: Registration, *, now: datetime) -> None:
    """After a seat is confirmed: the confirmation email and the reminder."""
    _email(registration, "events/email/registration_confirmed")
    event = registration.event
    due = reminder_due_at(event)
    if due is None:
        return
    if due <= now:
        # Confirmed inside the reminder window: the confirmation carries the same details.
        registration.reminder_sent_at = now
        registration.save(update_fields=["reminder_sent_at", "updated_at"])
        return
    _enqueue_at(
        tasks.registration_reminder_send,
        due,
        registration_id=registration.pk,
        starts_at=event.starts_at.isoformat(),
    )


def _after_status(registration: Registration, *, now: datetime) -> None:
    status = registration.status
    if status == RegistrationStatus.CONFIRMED:
        _confirmed(registration, now=now)
    elif status == RegistrationStatus.WAITLISTED:
        _email(registration, "events/email/registration_waitlisted")
    elif status == RegistrationStatus.PENDING:
        _email(registration, "events/email/registration_pending")


def _promote(event: Event, *, actor, now: datetime) -> list[Registration]:
    """Offer the free seats to the first on the waiting list, in order. The event is locked."""
    free = free_seats(event)
    waiting = Registration.objects.filter(
        event=event, status=RegistrationStatus.WAITLISTED
    ).order_by("waitlisted_at", "pk")
    if free is not None:
        waiting = waiting[:free]
    offered = list(waiting.select_related("person"))
    deadline = min(now + timedelta(hours=event.offer_hours), event.starts_at)
    for registration in offered:
        registration.event = event
        registration.status = RegistrationStatus.OFFERED
        registration.offer_expires_at = deadline
        registration.save(update_fields=["status", "offer_expires_at", "updated_at"])
        log_action(
            "events.registration.offered",
            actor=actor,
            target=registration,
            scope=event_scope(event),
            data={"offer_expires_at": deadline.isoformat()},
        )
        _email(registration, "events/email/registration_offered")
        _enqueue_at(tasks.registration_offer_expire, deadline, registration_id=registration.pk)
    return offered


@transaction.atomic
def registration_fill_free_seats(*, event: Event, actor) -> list[Registration]:
    """Offer seats that became free some other way (e.g. the organisers raised the capacity)
    to the waiting list, in order. Call it after changing an event's capacity."""
    event = _locked(event)
    now = timezone.now()
    if event.is_cancelled or event.starts_at <= now:
        return []
    return _promote(event, actor=actor, now=now)


# --- offers ---------------------------------------------------------------------------------


def _expire(registration: Registration, event: Event, *, now: datetime) -> None:
    registration.status = RegistrationStatus.EXPIRED
    registration.save(update_fields=["status", "updated_at"])
    log_action("events.registration.offer_expired", target=registration, scope=event_scope(event))
    _email(registration, "events/email/registration_offer_expired")
    if event.starts_at > now:
        _promote(event, actor=None, now=now)


@transaction.atomic
def _offer_expire_locked(registration_id: int, now: datetime) -> bool:
    registration = Registration.objects.filter(pk=registration_id).select_related("event").first()
    if registration is None:
        return False
    event, registration = _locked_registration(registration)
    if registration.status != RegistrationStatus.OFFERED or registration.offer_expires_at > now:
        return False
    _expire(registration, event, now=now)
    return True


def registration_offer_expire(*, registration_id: int, now: datetime | None = None) -> bool:
    """Expire a seat offer whose deadline has passed and offer the seat to the next person.
    Safe to call at any time and more than once: returns whether it expired the offer."""
    return _offer_expire_locked(registration_id, now or timezone.now())


def registration_expire_due_offers(*, now: datetime | None = None) -> int:
    """Expire every offer past its deadline (the management command's catch-all)."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=RegistrationStatus.OFFERED, offer_expires_at__lte=now
    ).order_by("offer_expires_at", "pk")
    return sum(
        registration_offer_expire(registration_id=pk, now=now)
        for pk in due.values_list("pk", flat=True)
    )


class OfferExpiredError(ValidationError):
    pass


def registration_offer_confirm(*, registration: Registration, person) -> Registration:
    """The person takes the seat offered to them, before the deadline. Too late, the offer
    expires (and moves on) and they are told so."""
    with transaction.atomic():
        event, registration = _locked_registration(registration)
        if registration.person_id != person.pk:
            raise ValidationError(_("This offer is for someone else."))
        if registration.status == RegistrationStatus.CONFIRMED:
            return registration
        if registration.status != RegistrationStatus.OFFERED:
            raise ValidationError(_("No seat is offered to you for this event."))
        now = timezone.now()
        if registration.offer_expires_at > now:
            _set_status(registration, RegistrationStatus.CONFIRMED, now=now)
            registration.save()
            log_action(
                "events.registration.offer_confirmed",
                actor=person,
                target=registration,
                scope=event_scope(event),
            )
            _confirmed(registration, now=now)
            return registration
        deadline = registration.offer_expires_at
        _expire(registration, event, now=now)
    raise OfferExpiredError(
        _("The offer expired on %(deadline)s; the seat has gone to the next person waiting.")
        % {"deadline": _local(deadline, event)}
    )
