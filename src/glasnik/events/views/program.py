"""A programme's events: the programme's public page and calendar feed (which list its events),
each event's public page (agenda by day with lecturers; registration in its own box), the
organisers' forms for the event and its agenda, and lecturers' public profiles."""

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from glasnik.access.models import Role
from glasnik.access.selectors import user_has_role, user_is_platform_admin
from glasnik.core.cache import public_page
from glasnik.core.forms import form_add_service_errors
from glasnik.core.languages import written_in_text
from glasnik.programs import selectors as program_selectors
from glasnik.programs.access import program_for_user

from ..access import (
    lecturer_for_editor,
    lecturer_for_user,
    program_event_for_organiser,
    program_event_for_user,
)
from ..forms.program import (
    LecturerForm,
    ProgramAgendaFormSet,
    ProgramEventCancelForm,
    ProgramEventForm,
    new_event_initial,
    program_agenda_initial,
)
from ..ical import calendar_build
from ..models import AgendaItem, Event, Lecturer, Visibility
from ..program_page import program_event_rows, program_kept_parts
from ..selectors import registration as registration_selectors
from ..selectors.materials import UNREAD, event_materials, materials_access
from ..selectors.programs import program_events, program_feed_events
from ..selectors.registration import registration_counts
from ..services import programs as services
from ..services import registration as registration_services
from ..services import seats
from ..services.cancellation import event_cancel

MANAGE_EVENT = "events.manage_event"


# --- the programme's public page and calendar feed ------------------------------------------


@public_page
def program_detail(request, slug: str):
    program = program_for_user(request.user, slug)
    user = request.user
    can_manage = user.is_authenticated and user.has_perm("programs.manage_program", program)
    takes_part = user.is_authenticated and user.has_perm("programs.take_part", program)
    is_team = can_manage or (
        user.is_authenticated and user.has_perm("programs.teach_program", program)
    )
    context = {
        "program": program,
        "events": program_events(program, everyone=takes_part or is_team),
        "enrolment": program_selectors.enrolment_of(user, program),
        "can_manage": can_manage,
        "takes_part": takes_part,
        "is_team": is_team,
        "feed_url": reverse("programs:feed", kwargs={"slug": program.slug}),
    }
    with timezone.override(program.time_zone):
        context["event_rows"] = program_event_rows(program, context.pop("events"))
        context["kept"] = program_kept_parts(program)
        return render(request, "events/program/program_detail.html", context)


def program_feed(request, slug: str):
    """The programme's public events for anyone's calendar: no links, no registrations."""
    program = program_for_user(request.user, slug)
    language = translation.get_language()
    content = calendar_build(
        program_feed_events(program),
        name=written_in_text(program.name, program),
        language=language,
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{program.slug}.ics"'
    response["Cache-Control"] = "public, max-age=900"
    return response


# --- a programme event -----------------------------------------------------------------------


def agenda_by_day(event: Event) -> list[tuple]:
    """The agenda's sessions grouped by their day in the current (the event's) time zone;
    sessions without a time go with the first day."""
    items = list(
        AgendaItem.objects.filter(event=event)
        .prefetch_related("lecturers")
        .order_by("position", "pk")
    )
    first_day = timezone.localtime(event.starts_at).date()

    def day_of(item):
        return timezone.localtime(item.starts_at).date() if item.starts_at else first_day

    ordered = sorted(items, key=lambda item: (day_of(item), item.position, item.pk))
    return [(day, list(group)) for day, group in groupby(ordered, key=day_of)]


def registration_box(user, event: Event) -> dict:
    """The registration box on the event's page: the person's registration and what they can
    do, free seats, and why registration is closed to them (if it is)."""
    if not event.registration_enabled:
        return {"enabled": False}
    registration = registration_selectors.registration_of(user, event)
    active = (
        registration is not None and registration.status in registration_selectors.ACTIVE_STATUSES
    )
    can_manage = user.has_perm(MANAGE_EVENT, event)
    return {
        "enabled": True,
        "registration": registration,
        "active": active,
        "message": registration_services.registration_status_message(registration)
        if registration
        else "",
        "show_link": registration_selectors.online_link_visible_to(registration),
        "closed_reason": ""
        if active
        else registration_services.registration_closed_reason(event, user),
        "capacity": event.capacity,
        "free_seats": seats.free_seats(event),
        "can_manage": can_manage,
        "seats_taken": seats.seats_taken(event) if can_manage else 0,
    }


@public_page
def program_event_detail(request, pk: int):
    event = program_event_for_user(request.user, pk)
    with timezone.override(event.time_zone):
        box = registration_box(request.user, event)
        # The registration the box read tells whether the person takes part.
        registration = box["registration"] if box["enabled"] else UNREAD
        access = materials_access(request.user, event, registration=registration)
        context = {
            "event": event,
            "program": event.program,
            "box": box,
            # Kept with the event ({% kept %}): read only when drawn.
            "agenda_days": SimpleLazyObject(lambda: agenda_by_day(event)),
            "day_count": len(event.days),
            "can_manage": request.user.has_perm(MANAGE_EVENT, event),
            "can_cancel": not event.is_cancelled and event.ends_at > timezone.now(),
            "can_teach": request.user.has_perm("events.teach_event", event),
            "takes_part": request.user.has_perm("events.take_part_event", event),
            "materials": event_materials(event, access=access),
        }
        return render(request, "events/program/event_detail.html", context)


@login_required
def program_event_create(request, program_slug: str):
    program = program_for_user(request.user, program_slug, permission="programs.manage_program")
    with timezone.override(program.time_zone):
        form = ProgramEventForm(request.POST or None, initial=new_event_initial())
        if request.method == "POST" and form.is_valid():
            try:
                event = services.program_event_create(
                    program=program, actor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, _("The event has been created. Now add its agenda."))
                return redirect(event.urls.agenda)
        context = {"form": form, "program": program, "event": None}
        return render(request, "events/program/event_form.html", context)


@login_required
def program_event_edit(request, pk: int):
    event = program_event_for_organiser(request.user, pk)
    if event.is_cancelled:
        messages.error(request, _("A cancelled event cannot be changed."))
        return redirect(event.urls.public)
    with timezone.override(event.time_zone):
        form = ProgramEventForm(request.POST or None, instance=event)
        if request.method == "POST" and form.is_valid():
            event.refresh_from_db()  # the form wrote its values into the instance
            try:
                services.program_event_update(event=event, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, _("The event has been saved."))
                return redirect(event.urls.public)
        context = {"form": form, "program": event.program, "event": event}
        return render(request, "events/program/event_form.html", context)


@login_required
def program_event_cancel(request, pk: int):
    """Confirm what cancelling the event does, then cancel it and tell everyone concerned."""
    event = program_event_for_organiser(request.user, pk)
    if event.is_cancelled:
        messages.info(request, _("This event has been cancelled."))
        return redirect(event.urls.public)
    form = ProgramEventCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event_cancel(event=event, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The event has been cancelled. Everyone registered or waiting is being told."),
            )
            return redirect(event.urls.public)
    context = {
        "form": form,
        "event": event,
        "program": event.program,
        "counts": registration_counts(event),
        "is_over": event.ends_at <= timezone.now(),
    }
    with timezone.override(event.time_zone):
        return render(request, "events/program/event_cancel.html", context)


@login_required
def program_event_agenda(request, pk: int):
    event = program_event_for_organiser(request.user, pk)
    lecturers = Lecturer.objects.order_by("name", "pk")
    with timezone.override(event.time_zone):
        days = event.days
        items = list(event.agenda_items.prefetch_related("lecturers").order_by("position", "pk"))
        formset = ProgramAgendaFormSet(
            request.POST or None,
            initial=None if request.method == "POST" else program_agenda_initial(items),
            form_kwargs={"days": days, "lecturers": lecturers},
            prefix="agenda",
        )
        if request.method == "POST" and formset.is_valid():
            rows = [
                form.item()
                for form in formset.forms
                if not form.cleaned_data.get("DELETE") and form.cleaned_data.get("title")
            ]
            try:
                services.program_agenda_set(event=event, actor=request.user, items=rows)
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("The agenda has been saved."))
                return redirect(event.urls.public)
        context = {
            "formset": formset,
            "event": event,
            "program": event.program,
            "has_lecturers": lecturers.exists(),
        }
        return render(request, "events/program/agenda_form.html", context)


# --- lecturers -----------------------------------------------------------------------------


def can_manage_lecturers(user) -> bool:
    """Platform administrators and the organisers of any programme keep lecturers' profiles."""
    return user.is_authenticated and (
        user_is_platform_admin(user) or user_has_role(user, Role.ORGANISER)
    )


@public_page
def lecturer_list(request):
    context = {
        "lecturers": Lecturer.objects.order_by("name", "pk"),
        "can_manage": can_manage_lecturers(request.user),
    }
    return render(request, "events/lecturers/lecturer_list.html", context)


@public_page
def lecturer_detail(request, slug: str):
    lecturer = lecturer_for_user(request.user, slug)
    sessions = (
        AgendaItem.objects.filter(
            lecturers=lecturer,
            event__program__isnull=False,
            event__program__is_published=True,
            event__visibility=Visibility.PUBLIC,
        )
        .select_related("event__program__organization", "event__network__organization")
        .order_by("-event__starts_at", "starts_at", "position", "pk")
    )
    context = {
        "lecturer": lecturer,
        "sessions": sessions,
        "can_edit": user_is_platform_admin(request.user)
        or request.user.has_perm("events.edit_lecturer", lecturer),
    }
    return render(request, "events/lecturers/lecturer_detail.html", context)


@login_required
def lecturer_create(request):
    if not can_manage_lecturers(request.user):
        raise Http404
    form = LecturerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lecturer = services.lecturer_create(actor=request.user, **form.details())
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("The lecturer's profile has been created."))
            return redirect("events:lecturer_detail", slug=lecturer.slug)
    return render(request, "events/lecturers/lecturer_form.html", {"form": form, "lecturer": None})


@login_required
def lecturer_edit(request, slug: str):
    lecturer = lecturer_for_editor(request.user, slug)
    form = LecturerForm(
        request.POST or None,
        instance=lecturer,
        can_link_account=can_manage_lecturers(request.user),
    )
    if request.method == "POST" and form.is_valid():
        details = form.details()
        lecturer.refresh_from_db()
        try:
            services.lecturer_update(lecturer=lecturer, actor=request.user, **details)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("The lecturer's profile has been saved."))
            return redirect("events:lecturer_detail", slug=lecturer.slug)
    context = {"form": form, "lecturer": lecturer}
    return render(request, "events/lecturers/lecturer_form.html", context)
