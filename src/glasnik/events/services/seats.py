"""The seat kernel: the event's lock, counting seats under it, the status a registration takes,
and offering freed seats to the waiting list. `registration` and `waitlist` build their
operations from these.

Every write that can change who holds a seat locks the event row first
(`event_lock_for_seats`) and counts the seats under that lock, so the last seat is given once
however many people click at the same moment. A lock outside a transaction would be released
at once, so the functions that lock or decide under the lock refuse to run outside
`transaction.atomic` (as pretix's `lock_objects` does). On SQLite the database lock does the
same: the settings open write transactions with BEGIN IMMEDIATE.
"""

from datetime import datetime, timedelta

from django.db import connection, transaction

from glasnik.audit.services import log_action

from .. import tasks
from ..models import SEAT_HOLDING_STATUSES, Event, Registration, RegistrationStatus
from .reminders import reminder_due_at


class TransactionRequiredError(RuntimeError):
    """A seat operation was called outside `transaction.atomic`: its lock would not hold."""


def transaction_required(operation: str) -> None:
    if not connection.in_atomic_block:
        raise TransactionRequiredError(
            f"{operation} must run inside transaction.atomic(): the event's lock is held only "
            "until the transaction ends."
        )


# --- locks ----------------------------------------------------------------------------------


def event_lock_for_seats(event: Event) -> Event:
    """Lock the event row for the rest of the transaction and return it read fresh."""
    transaction_required("event_lock_for_seats")
    return (
        Event.objects.select_for_update(of=("self",))
        .select_related("network", "program")
        .get(pk=event.pk)
    )


def registration_lock(registration: Registration) -> tuple[Event, Registration]:
    """Lock the registration's event and return both read fresh (the registration with its
    person and institution)."""
    event = event_lock_for_seats(registration.event)
    registration = Registration.objects.select_related("person", "organization").get(
        pk=registration.pk
    )
    registration.event = event
    return event, registration


# --- counting -------------------------------------------------------------------------------


def seats_taken(event: Event) -> int:
    return Registration.objects.filter(event=event, status__in=SEAT_HOLDING_STATUSES).count()


def free_seats(event: Event) -> int | None:
    """Seats nobody holds; None when the event has no limit."""
    if event.capacity is None:
        return None
    return max(event.capacity - seats_taken(event), 0)


def _someone_waits(event: Event) -> bool:
    return Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED).exists()


def seat_status_for_new_registration(event: Event) -> str:
    """Confirmed while seats remain and nobody waits before; otherwise the waiting list. The
    event must be locked (`event_lock_for_seats`)."""
    transaction_required("seat_status_for_new_registration")
    free = free_seats(event)
    if free is None or (free > 0 and not _someone_waits(event)):
        return RegistrationStatus.CONFIRMED
    return RegistrationStatus.WAITLISTED


def registration_status_set(registration: Registration, status: str, *, now: datetime) -> None:
    """Put the registration in `status` with the time stamps that go with it (not saved)."""
    registration.status = status
    if status == RegistrationStatus.CONFIRMED:
        registration.confirmed_at = now
        registration.offer_expires_at = None
    elif status == RegistrationStatus.WAITLISTED:
        registration.waitlisted_at = now
    elif status in (RegistrationStatus.CANCELLED, RegistrationStatus.DECLINED):
        registration.cancelled_at = now
        registration.offer_expires_at = None


# --- telling people -------------------------------------------------------------------------


def registration_email_on_commit(registration: Registration, template: str) -> None:
    """Email the registration's person with `template` once the transaction commits."""
    transaction.on_commit(
        lambda: tasks.registration_email.enqueue(registration_id=registration.pk, template=template)
    )


def task_enqueue_at(task, when: datetime, **kwargs) -> None:
    """Run `task` at `when` (after the commit) on a backend that can defer; a backend that
    cannot (the tests' immediate one) runs it now, and the task itself waits for its time (the
    management commands catch anything missed)."""
    if task.get_backend().supports_defer:
        transaction.on_commit(lambda: task.using(run_after=when).enqueue(**kwargs))
    else:
        transaction.on_commit(lambda: task.enqueue(**kwargs))


def registration_confirmed_announce(registration: Registration, *, now: datetime) -> None:
    """After a seat is confirmed: the confirmation email, and the reminder scheduled (or, inside
    the reminder's window, counted as sent: the confirmation carries the same details)."""
    registration_email_on_commit(registration, "events/email/registration_confirmed")
    event = registration.event
    due = reminder_due_at(event)
    if due is None:
        return
    if due <= now:
        registration.reminder_sent_at = now
        registration.save(update_fields=["reminder_sent_at", "updated_at"])
        return
    task_enqueue_at(
        tasks.registration_reminder_send,
        due,
        registration_id=registration.pk,
        starts_at=event.starts_at.isoformat(),
    )


def registration_status_announce(registration: Registration, *, now: datetime) -> None:
    """Tell the person the status their registration has just taken."""
    status = registration.status
    if status == RegistrationStatus.CONFIRMED:
        registration_confirmed_announce(registration, now=now)
    elif status == RegistrationStatus.WAITLISTED:
        registration_email_on_commit(registration, "events/email/registration_waitlisted")
    elif status == RegistrationStatus.PENDING:
        registration_email_on_commit(registration, "events/email/registration_pending")


# --- the waiting list -----------------------------------------------------------------------


def waitlist_promote(event: Event, *, actor, now: datetime) -> list[Registration]:
    """Offer the free seats to the first on the waiting list, in order, each until a deadline.
    The event must be locked (`event_lock_for_seats`). A cancelled event offers nothing."""
    transaction_required("waitlist_promote")
    if event.is_cancelled:
        return []
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
            scope=event.audit_scope,
            data={"offer_expires_at": deadline.isoformat()},
        )
        registration_email_on_commit(registration, "events/email/registration_offered")
        task_enqueue_at(tasks.registration_offer_expire, deadline, registration_id=registration.pk)
    return offered
