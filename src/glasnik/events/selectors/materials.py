"""Reads of materials and assignments, with who may see them.

Organisers and trainers see everything; participants with a confirmed registration see the
event's materials and assignments (for an event without registration, the network's members or
the programme's enrolled participants take part: seeing a public event is not taking part in
it); everyone else sees public materials only: all of them when the event's materials are
public, otherwise those marked public one by one.
"""

from django.db.models import Count, Prefetch, QuerySet

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


def is_participant(user, event: Event) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if not event.registration_enabled and not event.registrations.exists():
        return user.has_perm("events.take_part_event", event)
    return Registration.objects.filter(
        event=event, person=user, status=RegistrationStatus.CONFIRMED
    ).exists()


def materials_access(user, event: Event) -> str:
    if is_team(user, event):
        return TEAM
    if is_participant(user, event):
        return PARTICIPANT
    return PUBLIC


def visible_materials(
    materials: QuerySet[Material], event: Event, access: str
) -> QuerySet[Material]:
    if access in (TEAM, PARTICIPANT) or event.materials_public:
        return materials
    return materials.filter(is_public=True)


def event_materials(event: Event, *, access: str) -> list[Material]:
    """The event's materials the reader may see, session by session (event-wide ones first)."""
    materials = Material.objects.filter(event=event).select_related("agenda_item")
    return list(
        visible_materials(materials, event, access).order_by(
            "agenda_item__position", "agenda_item_id", "created_at", "pk"
        )
    )


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
