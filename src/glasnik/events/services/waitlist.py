"""The waiting list: a person's place on it, seats freed some other way, offers that expire and
move on, and their confirmation.

The lock, the seat count and offering seats in order are the seat kernel (`seats`); see
`registration` for the other operations built from it.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from glasnik.audit.services import log_action
from glasnik.core.time_zones import time_in_zone

from ..models import Event, EventStatus, Registration, RegistrationStatus
from .seats import (
    event_lock_for_seats,
    registration_confirmed_announce,
    registration_email_on_commit,
    registration_lock,
    registration_status_set,
    waitlist_promote,
)


def event_datetime_text(value: datetime, event: Event) -> str:
    """A moment as the event's people read it: in the event's time zone, named as people say it."""
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


@transaction.atomic
def registration_fill_free_seats(*, event: Event, actor) -> list[Registration]:
    """Offer seats that became free some other way (e.g. the organisers raised the capacity)
    to the waiting list, in order. Call it after changing an event's capacity."""
    event = event_lock_for_seats(event)
    now = timezone.now()
    if event.is_cancelled or event.starts_at <= now:
        return []
    return waitlist_promote(event, actor=actor, now=now)


# --- offers ---------------------------------------------------------------------------------


def _expire(registration: Registration, event: Event, *, now: datetime) -> None:
    registration.status = RegistrationStatus.EXPIRED
    registration.save(update_fields=["status", "updated_at"])
    log_action("events.registration.offer_expired", target=registration, scope=event.audit_scope)
    registration_email_on_commit(registration, "events/email/registration_offer_expired")
    if event.starts_at > now:
        waitlist_promote(event, actor=None, now=now)


@transaction.atomic
def _offer_expire_locked(registration_id: int, now: datetime) -> bool:
    registration = Registration.objects.filter(pk=registration_id).select_related("event").first()
    if registration is None:
        return False
    event, registration = registration_lock(registration)
    if registration.status != RegistrationStatus.OFFERED or registration.offer_expires_at > now:
        return False
    if event.is_cancelled:  # the people were told of the cancellation; the offer just lapses
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
    due = (
        Registration.objects.filter(status=RegistrationStatus.OFFERED, offer_expires_at__lte=now)
        .exclude(event__status=EventStatus.CANCELLED)
        .order_by("offer_expires_at", "pk")
    )
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
        event, registration = registration_lock(registration)
        if registration.person_id != person.pk:
            raise ValidationError(_("This offer is for someone else."))
        if registration.status == RegistrationStatus.CONFIRMED:
            return registration
        if registration.status != RegistrationStatus.OFFERED:
            raise ValidationError(_("No seat is offered to you for this event."))
        if event.is_cancelled:
            raise ValidationError(_("This event has been cancelled."))
        now = timezone.now()
        if registration.offer_expires_at > now:
            registration_status_set(registration, RegistrationStatus.CONFIRMED, now=now)
            registration.save()
            log_action(
                "events.registration.offer_confirmed",
                actor=person,
                target=registration,
                scope=event.audit_scope,
            )
            registration_confirmed_announce(registration, now=now)
            return registration
        deadline = registration.offer_expires_at
        _expire(registration, event, now=now)
    raise OfferExpiredError(
        _("The offer expired on %(deadline)s; the seat has gone to the next person waiting.")
        % {"deadline": event_datetime_text(deadline, event)}
    )
