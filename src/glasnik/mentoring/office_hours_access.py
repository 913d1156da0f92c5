"""Access to office hours, fetched and authorised in one step: 404 for a programme, slot or
booking that is missing or not the reader's."""

from django.http import Http404

from glasnik.programs.access import program_for_user
from glasnik.programs.models import Program

from .models import OfficeHourBooking, OfficeHourSlot

VIEW = "mentoring.view_office_hours"
OFFER = "mentoring.offer_office_hours"
BOOK = "mentoring.book_office_hours"


def office_hours_program(user, slug: str, *, permission: str = VIEW) -> Program:
    program = program_for_user(user, slug)
    if not user.has_perm(permission, program):
        raise Http404
    return program


def slot_for_participant(user, pk: int) -> OfficeHourSlot:
    """A slot of a programme the user takes part in (to book)."""
    slot = OfficeHourSlot.objects.select_related("program", "mentor").filter(pk=pk).first()
    if slot is None or not user.has_perm(BOOK, slot.program):
        raise Http404
    return slot


def slot_for_mentor(user, pk: int) -> OfficeHourSlot:
    """One of the user's own slots, while they still mentor its programme."""
    slot = OfficeHourSlot.objects.select_related("program").filter(pk=pk, mentor_id=user.pk).first()
    if slot is None or not user.has_perm(OFFER, slot.program):
        raise Http404
    return slot


def booking_for_user(user, pk: int) -> OfficeHourBooking:
    """A booking the user made or one of their slots' bookings (either side may cancel it)."""
    booking = (
        OfficeHourBooking.objects.select_related("slot__program", "slot__mentor", "participant")
        .filter(pk=pk)
        .first()
    )
    if booking is None or user.pk not in (booking.participant_id, booking.slot.mentor_id):
        raise Http404
    return booking
