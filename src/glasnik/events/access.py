"""Access helpers: every events view loads its objects here, fetched and authorised in one
step, 404 for missing and forbidden alike. Who may do what is said once, in rules.py; a loader
names the permission it needs and never checks anything else afterwards.

`event_view(loader)` wraps a view that works on one event: it loads the event with `loader`
and runs the view in the event's time zone, so every date and time on the page is the
event's own."""

from functools import wraps

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from glasnik.access.helpers import get_for_user_or_404
from glasnik.networks.access import network_for_user
from glasnik.networks.models import Network

from .models import (
    Assignment,
    Event,
    EventInvitation,
    EventSeries,
    Lecturer,
    Material,
    Registration,
    Submission,
)
from .selectors.feedback import feedback_is_participant
from .selectors.materials import PUBLIC, TEAM, materials_access, visible_materials
from .selectors.registration import registration_of

VIEW_EVENT = "events.view_event"
MANAGE_EVENT = "events.manage_event"
RUN_EVENT = "events.run_event"


def _events():
    return Event.objects.select_related("network__organization", "program__organization", "series")


# --- events -------------------------------------------------------------------------------


def event_for_user(user, pk: int, *, permission: str = VIEW_EVENT) -> Event:
    """An event the user may see (or, with another permission, act on)."""
    return get_for_user_or_404(_events(), user=user, permission=permission, pk=pk)


def event_for_organiser(user, pk: int) -> Event:
    """An event the user organises: its forms, registrations, attendance sheet, feedback."""
    return event_for_user(user, pk, permission=MANAGE_EVENT)


def event_for_team(user, pk: int) -> Event:
    """An event the user organises or teaches at: check-in, codes, materials and assignments."""
    return event_for_user(user, pk, permission=RUN_EVENT)


def event_for_feedback(user, pk: int) -> Event:
    """An event the user may give feedback on: invited, or would be. Taking part is a fact
    about the person, not a permission (an administrator holds every permission, yet gave
    no feedback), so it is asked of the feedback selectors."""
    event = event_for_anyone(pk)
    if not feedback_is_participant(event, user):
        raise Http404
    return event


def event_for_anyone(pk: int) -> Event:
    """Any event, for a page that shows each reader only what they may see of it (the
    materials page shows the public materials, or nothing: 404)."""
    return get_object_or_404(_events(), pk=pk)


def _program_events():
    """A programme's events, with what their pages read of the programme: a programme's event
    has no network and no series (those are a network's meetings), and joining them anyway
    doubled the cost of the query."""
    return Event.objects.select_related("program__organization").filter(program__isnull=False)


def program_event_for_user(user, pk: int, *, permission: str = VIEW_EVENT) -> Event:
    """A programme's event (a network meeting is 404 here) the user may see or act on."""
    return get_for_user_or_404(_program_events(), user=user, permission=permission, pk=pk)


def program_event_for_organiser(user, pk: int) -> Event:
    return program_event_for_user(user, pk, permission=MANAGE_EVENT)


def event_for_registration(user, pk: int, invitation_token: str) -> tuple[Event, str]:
    """The event's registration page: for people who may see the event, or who hold an
    invitation to it; and the invitation token when it is valid ('' otherwise)."""
    event = event_for_anyone(pk)
    if invitation_token and (
        EventInvitation.objects.filter(event=event, token=invitation_token).exists()
    ):
        return event, invitation_token
    if not user.has_perm(VIEW_EVENT, event):
        raise Http404
    return event, ""


def event_view(loader):
    """Decorate a view taking (request, pk, …): it gets the event `loader(user, pk)` returns
    instead of the pk, and runs in the event's time zone."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, pk: int, *args, **kwargs):
            event = loader(request.user, pk)
            with timezone.override(event.time_zone):
                return view(request, event, *args, **kwargs)

        return wrapped

    return decorate


# --- registrations ------------------------------------------------------------------------


def registration_of_person(user, pk: int) -> Registration:
    """The user's own registration for event `pk`."""
    registration = registration_of(user, event_for_anyone(pk))
    if registration is None:
        raise Http404
    return registration


def _registration_of_event(event: Event, registration_pk: int) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related("person", "event"), pk=registration_pk, event=event
    )


def registration_for_organiser(user, pk: int, registration_pk: int) -> Registration:
    """A registration for an event the user organises (decisions, corrections)."""
    return _registration_of_event(event_for_organiser(user, pk), registration_pk)


def registration_for_team(user, pk: int, registration_pk: int) -> Registration:
    """A registration for an event the user organises or teaches at (check-in)."""
    return _registration_of_event(event_for_team(user, pk), registration_pk)


# --- materials, assignments, submissions --------------------------------------------------


def material_for_download(user, pk: int) -> Material:
    """A material file the user may download."""
    material = get_object_or_404(Material.objects.select_related("event"), pk=pk)
    access = materials_access(user, material.event)
    if not material.file or not (
        visible_materials(Material.objects.filter(pk=pk), material.event, access).exists()
    ):
        raise Http404
    return material


def material_for_team(user, pk: int) -> Material:
    """A material of an event the user organises or teaches at, to change or remove."""
    return get_for_user_or_404(
        Material.objects.select_related("event", "event__program", "event__network", "agenda_item"),
        user=user,
        permission="events.change_material",
        pk=pk,
    )


def assignment_for_user(user, pk: int) -> tuple[Assignment, str]:
    """An assignment of an event where the user is on the team or takes part, and which of
    the two."""
    assignment = get_object_or_404(
        Assignment.objects.select_related(
            "event", "event__program__organization", "event__network__organization", "agenda_item"
        ),
        pk=pk,
    )
    access = materials_access(user, assignment.event)
    if access == PUBLIC:
        raise Http404
    return assignment, access


def assignment_for_team(user, pk: int) -> Assignment:
    """An assignment of an event the user organises or teaches at, to change."""
    assignment, access = assignment_for_user(user, pk)
    if access != TEAM:
        raise Http404
    return assignment


def submission_for_user(user, pk: int) -> Submission:
    """A submission the user may read: their own, or any of an event they teach at."""
    return get_for_user_or_404(
        Submission.objects.select_related("assignment", "assignment__event", "person"),
        user=user,
        permission="events.view_submission",
        pk=pk,
    )


def submission_for_team(user, pk: int) -> Submission:
    """A submission of an event the user organises or teaches at, to comment on."""
    return get_for_user_or_404(
        Submission.objects.select_related("assignment", "assignment__event", "person"),
        user=user,
        permission="events.comment_submission",
        pk=pk,
    )


# --- networks' meetings, series, lecturers ------------------------------------------------


def network_for_meetings(user, slug: str, *, manage: bool = False) -> Network:
    """The network whose meetings are listed: anyone may look (public meetings only);
    `manage` for the organisers' forms."""
    return network_for_user(user, slug, permission="networks.manage_network" if manage else None)


def series_for_organiser(user, pk: int) -> EventSeries:
    return get_for_user_or_404(
        EventSeries.objects.select_related("network"),
        user=user,
        permission="events.manage_series",
        pk=pk,
    )


def lecturer_for_user(user, slug: str) -> Lecturer:
    """A lecturer's public profile: anyone may read it."""
    return get_object_or_404(Lecturer.objects.select_related("person"), slug=slug)


def lecturer_for_editor(user, slug: str) -> Lecturer:
    """A lecturer's profile the user may change (the lecturer, or their organisers)."""
    return get_for_user_or_404(
        Lecturer.objects.select_related("person"),
        user=user,
        permission="events.edit_lecturer",
        slug=slug,
    )
