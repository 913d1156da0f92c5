"""Registration pages: register, confirm an offered seat, cancel; the person's registrations;
the organisers' table, decisions, export and invitations. Thin: parse, call a service or a
selector, render in the event's time zone."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from glasnik.accounts.selectors import positions_of
from glasnik.core.exports import EXPORT_FORMATS, export_dataset, export_response
from glasnik.core.forms import form_add_service_errors
from glasnik.core.languages import written_in_text

from ..access import (
    event_for_organiser,
    event_for_registration,
    registration_for_organiser,
    registration_of_person,
)
from ..forms.registration import InvitationForm, RegistrationForm
from ..ical import calendar_build, ics_response
from ..models import Event, EventInvitation, RegistrationStatus
from ..selectors import online_link_opens_at
from ..selectors import registration as selectors
from ..services import registration as services
from ..services import seats, waitlist

PAGE_SIZE = 25


def _invitation_token(request) -> str:
    return request.POST.get("invitation") or request.GET.get("invitation") or ""


def _organizations_of(person) -> list:
    if not person.is_authenticated:
        return []
    seen, organizations = set(), []
    for position in positions_of(person):
        if position.organization_id not in seen:
            seen.add(position.organization_id)
            organizations.append(position.organization)
    return organizations


def _registration_form(request, event: Event, token: str, data=None) -> RegistrationForm:
    enrolled_with = None
    if event.program_id is not None and request.user.is_authenticated:
        enrolment = services.program_enrolment_of(request.user, event.program)
        enrolled_with = enrolment.organization if enrolment is not None else None
    return RegistrationForm(
        data,
        questions=selectors.event_questions(event),
        organizations=_organizations_of(request.user),
        ask_organization=enrolled_with is None,
        require_organization=bool(event.per_organization_limit) and enrolled_with is None,
        initial={"invitation": token},
    )


def _page_context(request, event: Event, token: str, form=None) -> dict:
    registration = selectors.registration_of(request.user, event)
    active = registration is not None and registration.status in selectors.ACTIVE_STATUSES
    closed_reason = (
        ""
        if active
        else services.registration_closed_reason(event, request.user, invitation_token=token)
    )
    context = {
        "event": event,
        "registration": registration,
        "active": active,
        "status_message": services.registration_status_message(registration)
        if registration
        else "",
        "closed_reason": closed_reason,
        "invitation": token,
        "free_seats": seats.free_seats(event),
        "show_link": selectors.online_link_visible_to(registration),
        "link_opens_at": online_link_opens_at(event),
        "can_manage": request.user.has_perm("events.manage_event", event),
        "next_url": request.get_full_path(),
    }
    if registration is not None and registration.status == RegistrationStatus.CONFIRMED:
        context["qr_data_uri"] = selectors.checkin_qr_data_uri(registration)
    if not active and not closed_reason and request.user.is_authenticated:
        context["form"] = form or _registration_form(request, event, token)
    return context


def register(request, pk: int):
    """The event's registration page: the form, or the person's registration and its state."""
    event, token = event_for_registration(request.user, pk, _invitation_token(request))
    form = None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?{urlencode({'next': request.path})}")
        with timezone.override(event.time_zone):
            form = _registration_form(request, event, token, data=request.POST)
            if form.is_valid():
                try:
                    outcome = services.registration_create(
                        event=event,
                        person=request.user,
                        organization=form.cleaned_data.get("organization"),
                        answers=form.answers(),
                        invitation_token=token or None,
                    )
                except ValidationError as error:
                    form_add_service_errors(form, error)
                else:
                    level = messages.success if outcome.created else messages.info
                    level(request, outcome.message)
                    return redirect(event.urls.register)
    with timezone.override(event.time_zone):
        return render(
            request, "events/registration/register.html", _page_context(request, event, token, form)
        )


@login_required
@require_POST
def registration_cancel(request, pk: int):
    registration = registration_of_person(request.user, pk)
    try:
        services.registration_cancel(registration=registration, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your registration has been cancelled."))
    return redirect(registration.event.urls.register)


@login_required
@require_POST
def registration_confirm(request, pk: int):
    registration = registration_of_person(request.user, pk)
    try:
        waitlist.registration_offer_confirm(registration=registration, person=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The seat is yours: your registration is confirmed."))
    return redirect(registration.event.urls.register)


@login_required
def registration_ics(request, pk: int):
    """The event as a calendar file, for people registered for it."""
    registration = registration_of_person(request.user, pk)
    if registration.status not in selectors.ACTIVE_STATUSES:
        raise Http404
    event = registration.event
    content = calendar_build(
        [event], name=written_in_text(event.title, event), language=translation.get_language()
    )
    return ics_response(content, f"{slugify(event.title) or 'event'}-{event.pk}.ics")


def invitation(request, token: str):
    """The link in an invitation: on to the event's registration page, through sign-up or
    log-in when needed."""
    found = EventInvitation.objects.select_related("event").filter(token=token).first()
    if found is None:
        raise Http404
    register_url = found.event.urls.register
    return redirect(f"{register_url}?{urlencode({'invitation': token})}")


@login_required
def my_registrations(request):
    past = request.GET.get("when") == "past"
    registrations = selectors.person_registrations(request.user, past=past)
    page = Paginator(registrations, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "past": past, "query": "when=past" if past else ""}
    return render(request, "events/registration/my_registrations.html", context)


# --- organisers -----------------------------------------------------------------------------


STATUS_FILTERS = [value for value, _label in RegistrationStatus.choices]


def _export(event: Event, registrations, file_format: str):
    questions = selectors.event_questions(event)
    headers = [
        pgettext("person", "Name"),
        _("Email"),
        _("Institution"),
        _("Status"),
        _("Registered"),
        _("Waiting since"),
        _("Offer expires"),
        *[question.label for question in questions],
    ]

    def when(value):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""

    rows = (
        [
            registration.person.get_full_name(),
            registration.person.email,
            written_in_text(registration.organization.name, registration.organization)
            if registration.organization
            else "",
            registration.get_status_display(),
            when(registration.created_at),
            when(registration.waitlisted_at)
            if registration.status == RegistrationStatus.WAITLISTED
            else "",
            when(registration.offer_expires_at),
            *[registration.answers.get(str(question.pk), "") for question in questions],
        ]
        for registration in registrations
    )
    dataset = export_dataset(headers=headers, rows=rows, title=_("Registrations"))
    return export_response(
        dataset=dataset,
        file_format=file_format,
        filename=f"{slugify(event.title) or 'event'}-{event.pk}-registrations",
    )


@login_required
def registrations_manage(request, pk: int):
    """The organisers' table: counts, filters by status, the waiting list in order, decisions,
    export."""
    event = event_for_organiser(request.user, pk)
    status = request.GET.get("status", "")
    if status not in STATUS_FILTERS:
        status = ""
    registrations = selectors.event_registrations(event, status=status or None)
    with timezone.override(event.time_zone):
        file_format = request.GET.get("export", "")
        if file_format in EXPORT_FORMATS:
            return _export(event, registrations, file_format)
        page = Paginator(registrations, PAGE_SIZE).get_page(request.GET.get("page"))
        context = {
            "event": event,
            "page": page,
            "status": status,
            "statuses": RegistrationStatus.choices,
            "counts": selectors.registration_counts(event),
            "query": urlencode({"status": status}) if status else "",
            "is_waitlist": status == RegistrationStatus.WAITLISTED,
            "first_position": page.start_index() if page.paginator.count else 0,
        }
        return render(request, "events/registration/manage.html", context)


DECISIONS = {
    "approve": (services.registration_approve, _("The registration has been approved.")),
    "decline": (services.registration_decline, _("The registration has been declined.")),
    "cancel": (services.registration_cancel, _("The registration has been cancelled.")),
}


@login_required
@require_POST
def registration_decide(request, pk: int, registration_pk: int):
    registration = registration_for_organiser(request.user, pk, registration_pk)
    event = registration.event
    decision = DECISIONS.get(request.POST.get("decision", ""))
    if decision is None:
        raise Http404
    service, done = decision
    try:
        service(registration=registration, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, str(done))
    back = event.urls.registrations
    status = request.POST.get("status", "")
    return redirect(f"{back}?{urlencode({'status': status})}" if status in STATUS_FILTERS else back)


@login_required
def event_invitations(request, pk: int):
    event = event_for_organiser(request.user, pk)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        new, skipped = services.event_invitations_send(
            event=event,
            actor=request.user,
            emails=form.cleaned_data["emails"],
            language=translation.get_language(),
        )
        messages.success(request, _("%(count)d invitations have been sent.") % {"count": len(new)})
        if skipped:
            messages.info(
                request,
                _("Already invited before, not sent again: %(addresses)s")
                % {"addresses": ", ".join(skipped)},
            )
        return redirect("events:event_invitations", pk=event.pk)
    invitations = EventInvitation.objects.filter(event=event).order_by("-created_at", "pk")
    page = Paginator(invitations, PAGE_SIZE).get_page(request.GET.get("page"))
    with timezone.override(event.time_zone):
        return render(
            request,
            "events/registration/invitations.html",
            {"event": event, "form": form, "page": page},
        )
