"""Cancelling an event, a network's meeting or a programme's event alike.

A cancelled event stays where it was listed, marked cancelled with the organisers' reason, and
calendar apps mark it too. Its registrations keep their status (what each person had is still
known), but nothing moves any more: registration is closed, no seat is offered from the
waiting list, an open offer can no longer be taken, no reminder or feedback invitation goes
out and no certificate is issued for it. Everyone who said they would (or might) come, holds a
seat, was offered one, waits for one or waits for the organisers' approval is told by email,
each in their own language and script.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from glasnik.audit.services import log_action

from .. import tasks
from ..models import Event, EventStatus, Registration, RegistrationStatus, Rsvp, RsvpAnswer
from .seats import event_lock_for_seats, transaction_required

# Whoever is told that the event is cancelled.
TOLD_OF_CANCELLATION = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.OFFERED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.PENDING,
)


def event_people_to_tell(event: Event) -> tuple[list[int], list[int]]:
    """(registration ids, ids of other people who answered yes or maybe) to tell of a change
    to the event; someone both registered and answering is told once, as registered."""
    registrations = list(
        Registration.objects.filter(event=event, status__in=TOLD_OF_CANCELLATION)
        .order_by("pk")
        .values_list("pk", "person_id")
    )
    registered = {person_id for _pk, person_id in registrations}
    answered = [
        person_id
        for person_id in Rsvp.objects.filter(
            event=event, answer__in=[RsvpAnswer.YES, RsvpAnswer.MAYBE]
        )
        .order_by("pk")
        .values_list("person_id", flat=True)
        if person_id not in registered
    ]
    return [pk for pk, _person_id in registrations], answered


def event_mark_cancelled(event: Event, *, actor, reason: str) -> None:
    """Cancel a locked event that has not ended, write the audit entry and tell everyone
    concerned after the commit (see the module's description)."""
    transaction_required("event_mark_cancelled")
    event.status = EventStatus.CANCELLED
    event.cancelled_at = timezone.now()
    event.cancellation_reason = reason.strip()
    event.sequence += 1
    event.save(
        update_fields=["status", "cancelled_at", "cancellation_reason", "sequence", "updated_at"]
    )
    registration_ids, person_ids = event_people_to_tell(event)
    log_action(
        "events.program_event.cancelled" if event.program_id else "events.meeting.cancelled",
        actor=actor,
        target=event,
        scope=event.audit_scope,
        data={"registrations": len(registration_ids), "answers": len(person_ids)},
    )
    if person_ids:
        transaction.on_commit(
            lambda: tasks.meeting_cancelled_notify.enqueue(event_id=event.pk, person_ids=person_ids)
        )
    if registration_ids:
        transaction.on_commit(
            lambda: tasks.registration_event_cancelled_notify.enqueue(
                event_id=event.pk, registration_ids=registration_ids
            )
        )


@transaction.atomic
def event_cancel(*, event: Event, actor, reason: str = "") -> Event:
    """Cancel an event that has not ended. Cancelling a cancelled event changes nothing."""
    event_lock_for_seats(event)
    event.refresh_from_db()  # the caller's object shows the state it was cancelled from
    if event.is_cancelled:
        return event
    if event.ends_at <= timezone.now():
        if event.program_id is None:
            raise ValidationError(_("This meeting is over; it can no longer be cancelled."))
        raise ValidationError(_("This event is over; it can no longer be cancelled."))
    event_mark_cancelled(event, actor=actor, reason=reason)
    return event
