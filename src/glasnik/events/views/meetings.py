"""Meetings' pages: thin views that parse input, call a service or a selector, and render in
the event's (the network's) time zone."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from glasnik.core.languages import written_in_text

from .. import selectors
from ..access import event_for_user, network_for_meetings, series_for_organiser
from ..forms.meetings import (
    AgendaFormSet,
    CancelForm,
    MeetingForm,
    MinutesForm,
    RsvpForm,
    SeriesEditForm,
    SeriesForm,
    agenda_initial,
)
from ..ical import calendar_build, ics_response
from ..models import CalendarToken, RsvpAnswer
from ..recurrence import rrule_build
from ..services import meetings as meeting_services
from ..services.rsvp import calendar_token_get, calendar_token_reset, rsvp_set

PAGE_SIZE = 20


def _add_errors(form, error: ValidationError) -> None:
    form.add_error(None, error)


def _with_answers(user, page) -> None:
    """Put the person's answer on each meeting of the page (one query for the page)."""
    page.object_list = list(page.object_list)
    answers = selectors.rsvp_answers_of(user, page.object_list)
    for event in page.object_list:
        event.my_answer = answers.get(event.pk)
        event.my_answer_label = RsvpAnswer(event.my_answer).label if event.my_answer else ""


def meeting_list(request, network_slug: str):
    """A network's meetings: upcoming (or past) ones, for members all, for others the public."""
    network = network_for_meetings(request.user, network_slug)
    members = request.user.has_perm("networks.view_members_area", network)
    past = request.GET.get("when") == "past"
    meetings = (
        selectors.network_meetings_past(network, members=members)
        if past
        else selectors.network_meetings_upcoming(network, members=members)
    )
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
    _with_answers(request.user, page)
    context = {
        "network": network,
        "page": page,
        "past": past,
        "query": "when=past" if past else "",
        "members": members,
        "can_manage": request.user.has_perm("networks.manage_network", network),
    }
    with timezone.override(network.time_zone):
        return render(request, "events/meeting_list.html", context)


def _detail_context(request, event, *, rsvp_form=None) -> dict:
    answer = selectors.rsvp_answer_of(request.user, event)
    can_manage = request.user.has_perm("events.manage_event", event)
    context = {
        "event": event,
        "network": event.network,
        "agenda": selectors.meeting_agenda(event),
        "answer": answer,
        "can_rsvp": request.user.has_perm("events.rsvp_event", event),
        "is_over": event.ends_at <= timezone.now(),
        "has_started": event.starts_at <= timezone.now(),
        "rsvp_form": rsvp_form or RsvpForm(initial={"answer": answer}),
        "show_link": selectors.online_link_visible(event, user=request.user, answer=answer),
        "link_opens_at": selectors.online_link_opens_at(event),
        "can_manage": can_manage,
    }
    if can_manage:
        context["rsvps"] = selectors.meeting_rsvps(event)
        context["counts"] = selectors.meeting_rsvp_counts(event)
    return context


def meeting_detail(request, pk: int):
    event = event_for_user(request.user, pk)
    if event.program_id is not None:
        # A programme's training or session has its own page (agenda by day, registration).
        return redirect(event.urls.public)
    with timezone.override(event.time_zone):
        return render(request, "events/meeting_detail.html", _detail_context(request, event))


@login_required
@require_POST
def meeting_rsvp(request, pk: int):
    """Answer yes, maybe or no; an htmx request gets the answer box back, others a redirect."""
    event = event_for_user(request.user, pk, permission="events.rsvp_event")
    form = RsvpForm(request.POST)
    if form.is_valid():
        try:
            rsvp_set(event=event, person=request.user, answer=form.cleaned_data["answer"])
        except ValidationError as error:
            _add_errors(form, error)
    if not request.htmx:
        if form.errors:
            for error in form.errors.get("__all__", []) or form.errors.get("answer", []):
                messages.error(request, error)
        else:
            messages.success(request, _("Your answer has been saved."))
        return redirect(event.urls.public)
    context = _detail_context(request, event, rsvp_form=form if form.errors else None)
    context["saved"] = not form.errors
    with timezone.override(event.time_zone):
        return render(request, "events/meeting_detail.html#rsvp", context)


def meeting_ics(request, pk: int):
    """The meeting as a file to add to a calendar."""
    event = event_for_user(request.user, pk)
    language = translation.get_language()
    content = calendar_build([event], name=written_in_text(event.title, event), language=language)
    return ics_response(content, f"{slugify(event.title) or 'meeting'}-{event.pk}.ics")


@login_required
def meeting_create(request, network_slug: str):
    network = network_for_meetings(request.user, network_slug, manage=True)
    with timezone.override(network.time_zone):
        form = MeetingForm(request.POST or None, initial=_new_meeting_initial())
        if request.method == "POST" and form.is_valid():
            details = {k: v for k, v in form.cleaned_data.items() if k != "notify"}
            try:
                event = meeting_services.meeting_create(
                    network=network,
                    actor=request.user,
                    notify=form.cleaned_data["notify"],
                    **details,
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("The meeting has been scheduled."))
                return redirect(event.urls.public)
        context = {"form": form, "network": network, "event": None}
        return render(request, "events/meeting_form.html", context)


def _new_meeting_initial() -> dict:
    start = (timezone.localtime() + timedelta(days=7)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    return {"starts_at": start, "ends_at": start + timedelta(minutes=90)}


@login_required
def meeting_edit(request, pk: int):
    event = event_for_user(request.user, pk, permission="events.manage_event")
    if event.is_cancelled:
        messages.error(request, _("A cancelled meeting cannot be changed."))
        return redirect(event.urls.public)
    with timezone.override(event.time_zone):
        form = MeetingForm(request.POST or None, instance=event)
        if request.method == "POST" and form.is_valid():
            details = {k: v for k, v in form.cleaned_data.items() if k != "notify"}
            event.refresh_from_db()  # the form wrote its values into the instance
            try:
                meeting_services.meeting_update(
                    event=event, actor=request.user, notify=form.cleaned_data["notify"], **details
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("The meeting has been saved."))
                return redirect(event.urls.public)
        context = {"form": form, "network": event.network, "event": event}
        return render(request, "events/meeting_form.html", context)


@login_required
def meeting_cancel(request, pk: int):
    event = event_for_user(request.user, pk, permission="events.manage_event")
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting_services.meeting_cancel(
                event=event, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The meeting has been cancelled."))
            return redirect(event.urls.public)
    with timezone.override(event.time_zone):
        return render(request, "events/meeting_cancel.html", {"form": form, "event": event})


@login_required
def meeting_agenda(request, pk: int):
    event = event_for_user(request.user, pk, permission="events.manage_event")
    with timezone.override(event.time_zone):
        days = event.days
        formset = AgendaFormSet(
            request.POST or None,
            initial=None
            if request.method == "POST"
            else agenda_initial(list(selectors.meeting_agenda(event))),
            form_kwargs={"days": days},
            prefix="agenda",
        )
        if request.method == "POST" and formset.is_valid():
            items = [
                form.item()
                for form in formset.forms
                if form.has_changed()
                and not form.cleaned_data.get("DELETE")
                and form.cleaned_data.get("title")
            ]
            try:
                meeting_services.agenda_set(event=event, actor=request.user, items=items)
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("The agenda has been saved."))
                return redirect(event.urls.public)
        context = {"formset": formset, "event": event, "network": event.network}
        return render(request, "events/meeting_agenda.html", context)


@login_required
def meeting_minutes(request, pk: int):
    event = event_for_user(request.user, pk, permission="events.manage_event")
    initial = {"minutes": event.minutes, "needs_outcome": event.needs_outcome}
    if event.is_needs_meeting and not event.needs_outcome and event.network:
        initial["needs_outcome"] = event.network.learning_topics
    form = MinutesForm(request.POST or None, initial=initial, needs_meeting=event.is_needs_meeting)
    if request.method == "POST" and form.is_valid():
        try:
            meeting_services.minutes_record(
                event=event,
                actor=request.user,
                minutes=form.cleaned_data["minutes"],
                needs_outcome=form.cleaned_data.get("needs_outcome"),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The minutes have been saved."))
            return redirect(event.urls.public)
    with timezone.override(event.time_zone):
        return render(request, "events/meeting_minutes.html", {"form": form, "event": event})


@login_required
def series_create(request, network_slug: str):
    network = network_for_meetings(request.user, network_slug, manage=True)
    with timezone.override(network.time_zone):
        start = _new_meeting_initial()["starts_at"]
        form = SeriesForm(request.POST or None, initial={"first_starts_at": start, "count": 10})
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            rule = rrule_build(
                frequency=data["frequency"],
                first=timezone.localtime(data["first_starts_at"]).date(),
                until=data["until"],
                count=data["count"],
            )
            shared = {
                key: data[key] for key in meeting_services.SERIES_SHARED_FIELDS if key in data
            }
            try:
                series = meeting_services.series_create(
                    network=network,
                    actor=request.user,
                    rrule=rule,
                    first_starts_at=data["first_starts_at"],
                    duration_minutes=data["duration_minutes"],
                    first_is_needs_meeting=data["first_is_needs_meeting"],
                    notify=data["notify"],
                    **shared,
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                count = series.events.count()
                messages.success(
                    request,
                    _("%(count)d meetings have been scheduled.") % {"count": count},
                )
                return redirect("events:meeting_list", network_slug=network.slug)
        return render(request, "events/series_form.html", {"form": form, "network": network})


@login_required
def series_edit(request, pk: int):
    series = series_for_organiser(request.user, pk)
    initial = {key: getattr(series, key) for key in meeting_services.SERIES_SHARED_FIELDS}
    form = SeriesEditForm(request.POST or None, initial=initial)
    cancel_form = CancelForm()
    if request.method == "POST" and form.is_valid():
        try:
            meeting_services.series_update(series=series, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The meetings still to come have been changed."))
            return redirect("events:meeting_list", network_slug=series.network.slug)
    upcoming = list(meeting_services.series_upcoming(series))
    context = {"form": form, "cancel_form": cancel_form, "series": series, "upcoming": upcoming}
    with timezone.override(series.time_zone):
        return render(request, "events/series_edit.html", context)


@login_required
@require_POST
def series_cancel(request, pk: int):
    series = series_for_organiser(request.user, pk)
    form = CancelForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    cancelled = meeting_services.series_cancel(series=series, actor=request.user, reason=reason)
    messages.success(request, _("%(count)d meetings have been cancelled.") % {"count": cancelled})
    return redirect("events:meeting_list", network_slug=series.network.slug)


@login_required
def my_meetings(request):
    """The meetings of the person's networks still to come, their answers, and their calendar."""
    meetings = selectors.person_upcoming_meetings(request.user)
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
    _with_answers(request.user, page)
    token = calendar_token_get(person=request.user)
    context = {
        "page": page,
        "feed_url": request.build_absolute_uri(reverse("events:personal_feed", args=[token.token])),
        "webcal_url": "webcal://"
        + request.get_host()
        + reverse("events:personal_feed", args=[token.token]),
    }
    return render(request, "events/my_meetings.html", context)


@login_required
@require_POST
def calendar_reset(request):
    calendar_token_reset(person=request.user)
    messages.success(
        request,
        _("Your calendar address has been replaced. Subscribe again with the new address."),
    )
    return redirect("events:my_meetings")


def _person_by_token(token: str):
    entry = CalendarToken.objects.select_related("person").filter(token=token).first()
    if entry is None or not entry.person.is_active:
        raise Http404
    return entry.person


def personal_feed(request, token: str):
    """A person's calendar: the meetings of all their networks. The secret address is the
    key, because calendar apps send no cookies."""
    person = _person_by_token(token)
    language = person.preferred_language
    with translation.override(language):
        name = _("My meetings – Glasnik")
    events = selectors.feed_events_for_person(person)
    return ics_response(calendar_build(events, name=name, language=language), "glasnik.ics")


def personal_network_feed(request, token: str, network_slug: str):
    """A person's calendar of one network's meetings."""
    person = _person_by_token(token)
    network = network_for_meetings(person, network_slug)
    if not person.has_perm("networks.view_members_area", network):
        raise Http404
    events = selectors.feed_events_for_person(person, network=network)
    content = calendar_build(
        events,
        name=written_in_text(network.name, network),
        language=person.preferred_language,
    )
    return ics_response(content, f"{network.slug}.ics")


def network_feed(request, network_slug: str):
    """The network's public meetings, for anyone's calendar: no links, no answers."""
    network = network_for_meetings(request.user, network_slug)
    language = translation.get_language()
    events = selectors.feed_events_public(network)
    content = calendar_build(events, name=written_in_text(network.name, network), language=language)
    response = ics_response(content, f"{network.slug}.ics")
    response["Cache-Control"] = "public, max-age=900"
    return response
