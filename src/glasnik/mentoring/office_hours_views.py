"""Office hours of a programme: the participants' page (free slots by mentor, booking, their
bookings) and the mentor's page (publish and remove slots, see who booked)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import office_hours as services
from . import office_hours_selectors as selectors
from .office_hours_access import (
    BOOK,
    OFFER,
    booking_for_user,
    office_hours_program,
    slot_for_mentor,
    slot_for_participant,
)
from .office_hours_forms import BookingForm, SlotsForm


def _page(program) -> str:
    return reverse("mentoring:office_hours", args=[program.slug])


def _mentor_page(program) -> str:
    return reverse("mentoring:office_hours_mine", args=[program.slug])


def _errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@login_required
def office_hours(request, slug: str):
    program = office_hours_program(request.user, slug)
    can_book = request.user.has_perm(BOOK, program)
    context = {
        "program": program,
        "slots": list(selectors.free_slots(program)),
        "bookings": list(selectors.bookings_of(program, request.user)) if can_book else [],
        "can_book": can_book,
        "is_mentor": request.user.has_perm(OFFER, program),
        "notice_hours": services.CANCEL_NOTICE_HOURS,
        "form": BookingForm(),
    }
    for booking in context["bookings"]:
        booking.can_cancel = services.office_hour_can_cancel(booking)
    with timezone.override(program.time_zone):
        return render(request, "mentoring/office_hours.html", context)


@login_required
def office_hours_mine(request, slug: str):
    program = office_hours_program(request.user, slug, permission=OFFER)
    with timezone.override(program.time_zone):
        form = SlotsForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                slots = services.office_hours_publish(
                    program=program, mentor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                messages.error(request, error.messages[0])
            else:
                messages.success(request, _("Slots published: %(count)d.") % {"count": len(slots)})
                return redirect(_mentor_page(program))
        slots = selectors.slots_of_mentor(program, request.user)
        for slot in slots:
            if slot.booking is not None:
                slot.booking.can_cancel = services.office_hour_can_cancel(slot.booking)
        context = {
            "program": program,
            "slots": slots,
            "form": form,
            "notice_hours": services.CANCEL_NOTICE_HOURS,
        }
        return render(request, "mentoring/office_hours_mine.html", context)


@login_required
@require_POST
def office_hour_book(request, pk: int):
    slot = slot_for_participant(request.user, pk)
    form = BookingForm(request.POST)
    if form.is_valid():
        try:
            services.office_hour_book(
                slot=slot, participant=request.user, topic=form.cleaned_data["topic"]
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request,
                _("Booked. You and the mentor will get a confirmation with a calendar invitation."),
            )
    else:
        _errors(request, form)
    return redirect(_page(slot.program))


@login_required
@require_POST
def office_hour_slot_remove(request, pk: int):
    slot = slot_for_mentor(request.user, pk)
    try:
        services.office_hour_slot_remove(slot=slot, actor=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The slot has been removed."))
    return redirect(_mentor_page(slot.program))


@login_required
@require_POST
def office_hour_booking_cancel(request, pk: int):
    booking = booking_for_user(request.user, pk)
    try:
        services.office_hour_booking_cancel(booking=booking, actor=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The booking is cancelled and the other side has been told."))
    program = booking.slot.program
    is_mentor = request.user.pk == booking.slot.mentor_id
    return redirect(_mentor_page(program) if is_mentor else _page(program))
