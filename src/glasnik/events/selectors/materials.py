"""Reads of materials and assignments, with who may see them.

Organisers and trainers see everything; participants with a confirmed registration see the
event's materials and assignments (for an event without registration, the network's members or
the programme's enrolled participants take part: seeing a public event is not taking part in
it); everyone else sees public materials only: all of them when the event's materials are
public, otherwise those marked public one by one.
"""

from django.db.models import Count, Prefetch, QuerySet

from glasnik.core.object_cache import object_cache_get

from ..models import (
    Assignment,
    Event,
    Material,
    Registration,
    RegistrationStatus,
    Submission,
    SubmissionComment,
)

TEAM, PARTICIPANT, PUBLIC = "team", "participant", "public"


def is_team(user, event: Event) -> bool:
    """Organisers and trainers of the event."""
    return user.has_perm("events.run_event", event)


# `registration` not given: the person's registration is read here.
UNREAD = object()


def is_participant(user, event: Event, *, registration=UNREAD) -> bool:
    """`registration`: the person's registration for the event (or None), when the caller has
    read it already."""
    if not getattr(user, "is_authenticated", False):
        return False
    if not event.registration_enabled and not event.registrations.exists():
        return user.has_perm("events.take_part_event", event)
    if registration is not UNREAD:
        return registration is not None and registration.status == RegistrationStatus.CONFIRMED
    return Registration.objects.filter(
        event=event, person=user, status=RegistrationStatus.CONFIRMED
    ).exists()


def materials_access(user, event: Event, *, registration=UNREAD) -> str:
    if is_team(user, event):
        return TEAM
    if is_participant(user, event, registration=registration):
        return PARTICIPANT
    return PUBLIC


def visible_materials(
    materials: QuerySet[Material], event: Event, access: str
) -> QuerySet[Material]:
    if access in (TEAM, PARTICIPANT) or event.materials_public:
        return materials
    return materials.filter(is_public=True)


MATERIALS_ENTRY = "materials"
MATERIALS_SECONDS = 24 * 3600


def event_materials(event: Event, *, access: str) -> list[Material]:
    """The event's materials the reader may see, session by session (event-wide ones first):
    kept with the event, all of them and the public ones, until a material, a session or the
    event is saved or deleted (`EventsConfig.ready`)."""
    everything = access in (TEAM, PARTICIPANT) or event.materials_public

    def read() -> list[Material]:
        materials = Material.objects.filter(event=event).select_related("agenda_item")
        return list(
            visible_materials(materials, event, access).order_by(
                "agenda_item__position", "agenda_item_id", "created_at", "pk"
            )
        )

    name = f"{MATERIALS_ENTRY}:{'all' if everything else 'public'}"
    return object_cache_get("event", event.pk, name, read, MATERIALS_SECONDS)


def event_assignments(event: Event) -> list[Assignment]:
    return list(
        Assignment.objects.filter(event=event)
        .select_related("agenda_item")
        .annotate(submission_count=Count("submissions"))
        .order_by("due_at", "created_at", "pk")
    )


def submissions_of(person, assignments) -> dict[int, Submission]:
    """The person's submission to each assignment, by assignment id (one query)."""
    if not getattr(person, "is_authenticated", False):
        return {}
    return {
        submission.assignment_id: submission
        for submission in Submission.objects.filter(
            person=person, assignment__in=[assignment.pk for assignment in assignments]
        )
    }


def submission_with_comments(assignment: Assignment, person) -> Submission | None:
    return (
        Submission.objects.filter(assignment=assignment, person=person)
        .prefetch_related(
            Prefetch(
                "comments",
                queryset=SubmissionComment.objects.select_related("author").order_by(
                    "created_at", "pk"
                ),
            )
        )
        .first()
    )


def assignment_submissions(assignment: Assignment) -> list[Submission]:
    """Everyone's submissions for the trainers, by name, with their comments."""
    return list(
        Submission.objects.filter(assignment=assignment)
        .select_related("person")
        .prefetch_related(
            Prefetch(
                "comments",
                queryset=SubmissionComment.objects.select_related("author").order_by(
                    "created_at", "pk"
                ),
            )
        )
        .order_by("person__last_name", "person__first_name", "pk")
    )
