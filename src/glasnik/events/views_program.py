"""A programme's events: the public page (agenda by day with lecturers; registration in its own
box), the organisers' forms for the event and its agenda, and lecturers' public profiles."""

from datetime import timedelta
from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from glasnik.access.helpers import get_for_user_or_404
from glasnik.access.models import Role
from glasnik.access.selectors import user_has_role, user_is_platform_admin
from glasnik.core.cache import public_page
from glasnik.programs.access import program_for_user

from .forms_program import (
    LecturerForm,
    ProgramAgendaFormSet,
    ProgramEventCancelForm,
    ProgramEventForm,
    new_event_initial,
    program_agenda_initial,
)
from .models import AgendaItem, Event, Lecturer, Visibility
from .selectors.materials import event_materials, materials_access
from .selectors.registration import registration_counts
from .services import programs as services
from .services.cancellation import event_cancel

MANAGE_EVENT = "events.manage_event"


def _program_event(user, pk: int, *, permission: str = "events.view_event") -> Event:
    """A programme's event the user may see (or act on); 404 for network meetings too."""
    event = get_for_user_or_404(
        Event.objects.select_related("program", "program__organization"),
        user=user,
        permission=permission,
        pk=pk,
    )
    if event.program_id is None:
        raise Http404
    return event


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _event_days(event: Event) -> list:
    first = timezone.localtime(event.starts_at).date()
    last = timezone.localtime(event.ends_at - timedelta(microseconds=1)).date()
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


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


@public_page
def program_event_detail(request, pk: int):
    event = _program_event(request.user, pk)
    with timezone.override(event.time_zone):
        days = agenda_by_day(event)
        context = {
            "event": event,
            "program": event.program,
            "agenda_days": days,
            "day_count": len(_event_days(event)),
            "can_manage": request.user.has_perm(MANAGE_EVENT, event),
            "can_cancel": not event.is_cancelled and event.ends_at > timezone.now(),
            "can_teach": request.user.has_perm("events.teach_event", event),
            "materials": event_materials(event, access=materials_access(request.user, event)),
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
                _form_errors(form, error)
            else:
                messages.success(request, _("The event has been created. Now add its agenda."))
                return redirect("events:program_event_agenda", pk=event.pk)
        context = {"form": form, "program": program, "event": None}
        return render(request, "events/program/event_form.html", context)


@login_required
def program_event_edit(request, pk: int):
    event = _program_event(request.user, pk, permission=MANAGE_EVENT)
    if event.is_cancelled:
        messages.error(request, _("A cancelled event cannot be changed."))
        return redirect("events:program_event_detail", pk=event.pk)
    with timezone.override(event.time_zone):
        form = ProgramEventForm(request.POST or None, instance=event)
        if request.method == "POST" and form.is_valid():
            event.refresh_from_db()  # the form wrote its values into the instance
            try:
                services.program_event_update(event=event, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("The event has been saved."))
                return redirect("events:program_event_detail", pk=event.pk)
        context = {"form": form, "program": event.program, "event": event}
        return render(request, "events/program/event_form.html", context)


@login_required
def program_event_cancel(request, pk: int):
    """Confirm what cancelling the event does, then cancel it and tell everyone concerned."""
    event = _program_event(request.user, pk, permission=MANAGE_EVENT)
    if event.is_cancelled:
        messages.info(request, _("This event has been cancelled."))
        return redirect("events:program_event_detail", pk=event.pk)
    form = ProgramEventCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event_cancel(event=event, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(
                request,
                _("The event has been cancelled. Everyone registered or waiting is being told."),
            )
            return redirect("events:program_event_detail", pk=event.pk)
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
    event = _program_event(request.user, pk, permission=MANAGE_EVENT)
    lecturers = Lecturer.objects.order_by("name", "pk")
    with timezone.override(event.time_zone):
        days = _event_days(event)
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
                return redirect("events:program_event_detail", pk=event.pk)
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


def _lecturer(user, slug: str, *, edit: bool = False) -> Lecturer:
    lecturer = get_for_user_or_404(
        Lecturer.objects.select_related("person"), user=user, permission=None, slug=slug
    )
    if edit and not (
        user_is_platform_admin(user) or user.has_perm("events.edit_lecturer", lecturer)
    ):
        raise Http404
    return lecturer


@public_page
def lecturer_list(request):
    context = {
        "lecturers": Lecturer.objects.order_by("name", "pk"),
        "can_manage": can_manage_lecturers(request.user),
    }
    return render(request, "events/lecturers/lecturer_list.html", context)


@public_page
def lecturer_detail(request, slug: str):
    lecturer = _lecturer(request.user, slug)
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
            _form_errors(form, error)
        else:
            messages.success(request, _("The lecturer's profile has been created."))
            return redirect("events:lecturer_detail", slug=lecturer.slug)
    return render(request, "events/lecturers/lecturer_form.html", {"form": form, "lecturer": None})


@login_required
def lecturer_edit(request, slug: str):
    lecturer = _lecturer(request.user, slug, edit=True)
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
            _form_errors(form, error)
        else:
            messages.success(request, _("The lecturer's profile has been saved."))
            return redirect("events:lecturer_detail", slug=lecturer.slug)
    context = {"form": form, "lecturer": lecturer}
    return render(request, "events/lecturers/lecturer_form.html", context)
