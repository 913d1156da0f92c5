"""Reads of office hours. Each runs a fixed number of queries however many slots there are."""

from datetime import timedelta

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from glasnik.programs.models import Program

from .models import OfficeHourBooking, OfficeHourSlot

# Bookings stay listed a while after they start (a meeting in progress keeps its link).
PAST_WINDOW = timedelta(hours=3)


def _active_booking():
    return OfficeHourBooking.objects.filter(slot_id=OuterRef("pk"), cancelled_at__isnull=True)


def free_slots(program: Program) -> QuerySet[OfficeHourSlot]:
    """Slots not yet started and not booked, by mentor and then by time (one query)."""
    return (
        OfficeHourSlot.objects.filter(program=program, starts_at__gt=timezone.now())
        .exclude(Exists(_active_booking()))
        .select_related("mentor")
        .order_by("mentor__last_name", "mentor__first_name", "mentor_id", "starts_at", "pk")
    )


def bookings_of(program: Program, participant) -> QuerySet[OfficeHourBooking]:
    """The participant's active bookings that have not ended, soonest first (one query)."""
    return (
        OfficeHourBooking.objects.filter(
            slot__program=program,
            participant_id=participant.pk,
            cancelled_at__isnull=True,
            slot__starts_at__gt=timezone.now() - PAST_WINDOW,
        )
        .select_related("slot__mentor", "slot__program")
        .order_by("slot__starts_at", "pk")
    )


def slots_of_mentor(program: Program, mentor) -> list[OfficeHourSlot]:
    """The mentor's slots not yet ended, each with `.booking` (its active booking or None)
    (two queries)."""
    slots = list(
        OfficeHourSlot.objects.filter(
            program=program,
            mentor_id=mentor.pk,
            starts_at__gt=timezone.now() - PAST_WINDOW,
        )
        .prefetch_related(
            Prefetch(
                "bookings",
                queryset=OfficeHourBooking.objects.filter(cancelled_at__isnull=True).select_related(
                    "participant"
                ),
                to_attr="active_bookings",
            )
        )
        .order_by("starts_at", "pk")
    )
    for slot in slots:
        slot.booking = slot.active_bookings[0] if slot.active_bookings else None
        if slot.booking is not None:
            slot.booking.slot = slot
    return slots


def bookings_ahead_for(person, limit: int = 20) -> list[OfficeHourBooking]:
    """The person's booked office hours not yet ended, as mentor or as participant, in every
    programme, soonest first (one query)."""
    return list(
        OfficeHourBooking.objects.filter(
            Q(slot__mentor_id=person.pk) | Q(participant_id=person.pk),
            cancelled_at__isnull=True,
            slot__starts_at__gt=timezone.now() - PAST_WINDOW,
        )
        .select_related("slot__mentor", "slot__program", "participant")
        .order_by("slot__starts_at", "pk")[:limit]
    )
