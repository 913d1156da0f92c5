"""Attendance pages: check-in on a phone (list, QR code, room code), the participant's own
attendance with self check-in, and the attendance sheet with corrections and export. Materials
and assignments are in `views.materials`. Thin: parse, call a service or a selector, render in
the event's time zone."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from glasnik.core.exports import EXPORT_FORMATS, export_dataset, export_response

from ..access import (
    event_for_anyone,
    event_for_organiser,
    event_for_team,
    event_view,
    registration_for_organiser,
    registration_for_team,
)
from ..forms.attendance import CorrectionForm, QrCheckinForm, SelfCheckinForm
from ..models import AttendanceMethod, CheckinCode, Event, Registration
from ..selectors import attendance as selectors
from ..selectors import materials as material_selectors
from ..services import attendance as services

# The event whose check-in list the organiser has open: a QR code of another event's
# registration is refused while it is.
CHECKIN_EVENT_SESSION_KEY = "events:checkin_event"


def _day(event: Event, value: str) -> date:
    try:
        day = date.fromisoformat(value)
    except ValueError as error:
        raise Http404 from error
    if not selectors.is_event_day(event, day):
        raise Http404
    return day


def _session(event: Event, day: date, value: str | None):
    """The session chosen in the query (per-session attendance), or None."""
    if not event.attendance_by_session:
        return None
    sessions = selectors.sessions_by_day(event).get(day, [])
    for item in sessions:
        if str(item.pk) == (value or ""):
            return item
    return sessions[0] if sessions else None


def _default_day(event: Event) -> date:
    today = selectors.event_today(event)
    days = event.days
    if today in days:
        return today
    return days[-1] if today > days[-1] else days[0]


# Check-in -------------------------------------------------------------------------------


@login_required
@event_view(event_for_team)
def checkin(request, event: Event):
    """Straight to today's list (or the nearest day of the event)."""
    return redirect("events:checkin_day", pk=event.pk, day=_default_day(event).isoformat())


def _checkin_context(request, event: Event, day: date, session) -> dict:
    search = request.GET.get("q", "").strip()[:100]
    days = event.days
    today = selectors.event_today(event)
    return {
        "event": event,
        "days": days,
        "day": day,
        "today": today,
        # Check-in is for today; other days are shown, and past ones corrected on the sheet.
        "is_today": day == today,
        "is_past": day < today,
        "sessions": selectors.sessions_by_day(event).get(day, [])
        if event.attendance_by_session
        else [],
        "session": session,
        "checkin": selectors.checkin_list(event, day=day, session=session, search=search),
        "search": search,
        "can_manage": request.user.has_perm("events.manage_event", event),
    }


@login_required
@event_view(event_for_team)
def checkin_day(request, event: Event, day: str):
    """The check-in list of a day (or session): search by name, one button per person."""
    day = _day(event, day)
    session = _session(event, day, request.GET.get("session"))
    request.session[CHECKIN_EVENT_SESSION_KEY] = event.pk
    context = _checkin_context(request, event, day, session)
    template = "events/attendance/checkin.html"
    if request.htmx and request.htmx.target == "checkin-results":
        template += "#results"
    return render(request, template, context)


@login_required
@require_POST
@event_view(event_for_team)
def checkin_mark(request, event: Event, day: str, registration_pk: int):
    """Check one person in (or take it back); htmx gets the row and the counts back."""
    day = _day(event, day)
    session = _session(event, day, request.POST.get("session"))
    registration = registration_for_team(request.user, event.pk, registration_pk)
    undo = request.POST.get("action") == "undo"
    error = ""
    try:
        if undo:
            services.attendance_undo(
                registration=registration, day=day, session=session, actor=request.user
            )
        else:
            services.attendance_check_in(
                registration=registration,
                day=day,
                session=session,
                method=AttendanceMethod.ORGANISER,
                actor=request.user,
            )
    except ValidationError as problem:
        error = " ".join(problem.messages)
    if not request.htmx:
        if error:
            messages.error(request, error)
        url = reverse("events:checkin_day", kwargs={"pk": event.pk, "day": day.isoformat()})
        return redirect(f"{url}?session={session.pk}" if session else url)
    context = _checkin_context(request, event, day, session)
    context["row"] = next(
        (row for row in context["checkin"].rows if row.pk == registration.pk), None
    )
    context["row_error"] = error
    return render(request, "events/attendance/_checkin_marked.html", context)


@login_required
def checkin_qr(request, token: str):
    """The address in the QR code of a confirmation. GET shows who it is; the button checks
    them in for today."""
    registration = selectors.registration_by_token(token)
    if registration is None or not material_selectors.is_team(request.user, registration.event):
        raise Http404
    event = registration.event
    checking_in_at = None
    open_pk = request.session.get(CHECKIN_EVENT_SESSION_KEY)
    if open_pk and open_pk != event.pk:
        checking_in_at = Event.objects.filter(pk=open_pk).first()
    today = selectors.event_today(event)
    sessions = (
        selectors.sessions_by_day(event).get(today, []) if event.attendance_by_session else []
    )
    under_way = selectors.session_under_way(event) if sessions else None
    form = QrCheckinForm(
        request.POST if request.method == "POST" else None,
        sessions=sessions,
        initial={"session": under_way.pk if under_way else None},
    )
    refusal, done = "", None
    try:
        services.registration_check(registration, event=checking_in_at)
        if not selectors.is_event_day(event, today):
            raise ValidationError(_("Today is not a day of this event."))
    except ValidationError as problem:
        refusal = " ".join(problem.messages)
    if request.method == "POST" and not refusal and form.is_valid():
        try:
            done = services.attendance_check_in_by_token(
                registration=registration,
                actor=request.user,
                checking_in_at=checking_in_at,
                session=form.cleaned_data.get("session"),
            )
        except ValidationError as problem:
            refusal = " ".join(problem.messages)
    context = {
        "registration": registration,
        "event": event,
        "today": today,
        "form": form,
        "refusal": refusal,
        "done": done,
        "checking_in_at": checking_in_at,
        "already_present": registration.attendances.filter(
            day=today, is_present=True, agenda_item__isnull=not event.attendance_by_session
        ).exists(),
    }
    with timezone.override(event.time_zone):
        return render(request, "events/attendance/checkin_qr.html", context)


@login_required
@event_view(event_for_team)
def checkin_codes(request, event: Event):
    """The room codes, one per day; a new one replaces a code that leaked."""
    if request.method == "POST":
        day = _day(event, request.POST.get("day", ""))
        services.checkin_code_create(event=event, day=day, actor=request.user)
        messages.success(
            request,
            _("The code for %(day)s is ready.") % {"day": date_format(day, "DATE_FORMAT")},
        )
        return redirect("events:checkin_codes", pk=event.pk)
    codes = {code.day: code for code in CheckinCode.objects.filter(event=event)}
    days = [(day, codes.get(day)) for day in event.days]
    context = {
        "event": event,
        "days": days,
        "today": selectors.event_today(event),
        "can_manage": request.user.has_perm("events.manage_event", event),
    }
    return render(request, "events/attendance/codes.html", context)


@login_required
@event_view(event_for_team)
def checkin_code_show(request, event: Event, day: str):
    """The day's code in big print, for the projector."""
    day = _day(event, day)
    code = CheckinCode.objects.filter(event=event, day=day).first()
    if code is None:
        raise Http404
    path = reverse("events:my_attendance", kwargs={"pk": event.pk})
    context = {"event": event, "day": day, "code": code, "participant_url": path}
    return render(request, "events/attendance/code_show.html", context)


# The participant's page ------------------------------------------------------------------


@login_required
def my_attendance(request, pk: int):
    """The participant's attendance of the event, and self check-in with the room code."""
    event = event_for_anyone(pk)
    registration = (
        Registration.objects.filter(event=event, person=request.user)
        .select_related("event")
        .first()
    )
    if registration is None:
        raise Http404
    registration.event = event
    form = SelfCheckinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_self_check_in(
                event=event, person=request.user, code=form.cleaned_data["code"]
            )
        except ValidationError as problem:
            form.add_error("code", problem)
        else:
            messages.success(request, _("You are checked in for today. Welcome!"))
            return redirect("events:my_attendance", pk=event.pk)
    today = selectors.event_today(event)
    records = selectors.attendance_of(registration)
    present_days = {row.day for row in records if row.is_present and row.agenda_item_id is None}
    ok, reason = selectors.meets_attendance_rule(registration)
    context = {
        "event": event,
        "registration": registration,
        "form": form,
        "days": [(day, day in present_days) for day in event.days],
        "sessions_attended": [row for row in records if row.agenda_item_id and row.is_present],
        "today": today,
        "is_event_day": selectors.is_event_day(event, today),
        "is_confirmed": registration.status == "confirmed",
        "meets_rule": ok,
        "rule_reason": reason,
        "attended": len(selectors.attended_days(registration)),
        "required": selectors.required_day_count(event),
    }
    with timezone.override(event.time_zone):
        return render(request, "events/attendance/mine.html", context)


# The attendance sheet --------------------------------------------------------------------


def _column_label(column) -> str:
    label = date_format(column.day, "SHORT_DATE_FORMAT")
    return f"{label} {column.session.title}" if column.session else label


def _export(event: Event, sheet, file_format: str):
    def mark(cell) -> str:
        return _("present") if cell.is_present else (_("absent") if cell.is_absent else "")

    headers = [
        _("Surname"),
        pgettext("given name", "Name"),
        _("Email"),
        _("Institution"),
        *[_column_label(column) for column in sheet.columns],
        _("Days attended"),
        _("Meets the certificate rule"),
    ]
    rows = [
        [
            row.registration.person.last_name,
            row.registration.person.first_name,
            row.registration.person.email,
            row.registration.organization.name if row.registration.organization else "",
            *[mark(cell) for cell in row.cells],
            row.days_attended,
            _("yes") if row.meets_rule else _("no"),
        ]
        for row in sheet.rows
    ]
    dataset = export_dataset(headers=headers, rows=rows, title=_("Attendance"))
    filename = f"{slugify(event.title) or 'event'}-attendance"
    return export_response(dataset=dataset, file_format=file_format, filename=filename)


@login_required
@event_view(event_for_organiser)
def attendance_sheet(request, event: Event):
    """People × days (or sessions), with corrections and export."""
    sheet = selectors.attendance_sheet(event)
    file_format = request.GET.get("format")
    if file_format in EXPORT_FORMATS:
        return _export(event, sheet, file_format)
    context = {
        "event": event,
        "sheet": sheet,
        "today": selectors.event_today(event),  # days after it have nothing to correct
    }
    return render(request, "events/attendance/sheet.html", context)


@login_required
@require_POST
@event_view(event_for_organiser)
def attendance_correct(request, event: Event, registration_pk: int):
    """Mark someone present or absent for a day (or session) afterwards."""
    registration = registration_for_organiser(request.user, event.pk, registration_pk)
    day = _day(event, request.POST.get("day", ""))
    session = None
    if event.attendance_by_session:
        session = next(
            (
                item
                for item in selectors.sessions_by_day(event).get(day, [])
                if str(item.pk) == request.POST.get("session")
            ),
            None,
        )
        if session is None:
            raise Http404
    form = CorrectionForm(request.POST)
    if form.is_valid():
        try:
            services.attendance_correct(
                registration=registration,
                day=day,
                session=session,
                is_present=form.cleaned_data["present"],
                actor=request.user,
            )
        except ValidationError as problem:
            messages.error(request, " ".join(problem.messages))
        else:
            messages.success(
                request,
                _("Attendance of %(name)s on %(day)s corrected.")
                % {
                    "name": registration.person.get_full_name() or registration.person.email,
                    "day": date_format(day, "DATE_FORMAT"),
                },
            )
    return redirect(
        reverse("events:attendance_sheet", kwargs={"pk": event.pk}) + f"#person-{registration.pk}"
    )
