"""The seat kernel insists on a transaction: a lock taken outside one would be released at once,
and two people could be given the last seat."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from factories.events import RegistrationFactory

from glasnik.events.models import Registration, RegistrationStatus
from glasnik.events.services.seats import (
    TransactionRequiredError,
    event_lock_for_seats,
    registration_lock,
    seat_status_for_new_registration,
    waitlist_promote,
)

Status = RegistrationStatus


@pytest.mark.django_db(transaction=True)
def test_event_lock_for_seats_outside_a_transaction_is_refused(make_training):
    event = make_training()

    with pytest.raises(TransactionRequiredError, match="event_lock_for_seats"):
        event_lock_for_seats(event)


@pytest.mark.django_db(transaction=True)
def test_registration_lock_outside_a_transaction_is_refused(make_training, make_participant):
    event = make_training()
    registration = RegistrationFactory(
        event=event, person=make_participant(), status=Status.CONFIRMED, organization=None
    )

    with pytest.raises(TransactionRequiredError):
        registration_lock(registration)


@pytest.mark.django_db(transaction=True)
def test_seat_decisions_outside_a_transaction_are_refused(make_training):
    event = make_training()

    with pytest.raises(TransactionRequiredError, match="seat_status_for_new_registration"):
        seat_status_for_new_registration(event)
    with pytest.raises(TransactionRequiredError, match="waitlist_promote"):
        waitlist_promote(event, actor=None, now=timezone.now())


@pytest.mark.django_db(transaction=True)
def test_event_lock_for_seats_inside_a_transaction_reads_the_event_fresh(make_training):
    event = make_training(capacity=2)
    type(event).objects.filter(pk=event.pk).update(capacity=5)

    with transaction.atomic():
        locked = event_lock_for_seats(event)
        status = seat_status_for_new_registration(locked)

    assert (locked.pk, locked.capacity, status) == (event.pk, 5, Status.CONFIRMED)


@pytest.mark.django_db(transaction=True)
def test_waitlist_promote_offers_free_seats_in_order(make_training, make_participant):
    event = make_training(capacity=1)
    now = timezone.now()
    first, second = make_participant(), make_participant()
    for number, person in enumerate((first, second)):
        RegistrationFactory(
            event=event,
            person=person,
            status=Status.WAITLISTED,
            waitlisted_at=now - timedelta(minutes=10 - number),
            organization=None,
        )

    with transaction.atomic():
        offered = waitlist_promote(event_lock_for_seats(event), actor=None, now=now)

    assert [registration.person for registration in offered] == [first]
    assert list(
        Registration.objects.filter(event=event).order_by("person_id").values_list("status")
    ) == [(Status.OFFERED,), (Status.WAITLISTED,)]
