"""Reads of participants' feedback: who is asked, whether the form is open, and the results
(average, distribution, comments) for the event and for each lecturer.

Every read here runs a fixed number of queries, however many people answered and however many
lecturers the event has: distributions come from one grouped count each.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count, Exists, Model, OuterRef, Q, QuerySet
from django.utils import timezone

from glasnik.core.ratings import RatingSummary, rating_summaries

from ..models import (
    Attendance,
    Event,
    EventStatus,
    FeedbackReceipt,
    FeedbackResponse,
    Lecturer,
    LecturerRating,
    Registration,
    RegistrationStatus,
)

# Participants may answer from the end of the event until this many days after it.
FEEDBACK_WINDOW_DAYS = 30


# --- who is asked, and when -------------------------------------------------------------------


def feedback_closes_at(event: Event) -> datetime:
    return event.ends_at + timedelta(days=FEEDBACK_WINDOW_DAYS)


def feedback_window_state(event: Event, *, now: datetime | None = None) -> str:
    """ "cancelled", "not_yet" (the event has not ended), "open" or "closed"."""
    now = now or timezone.now()
    if event.status == EventStatus.CANCELLED:
        return "cancelled"
    if now < event.ends_at:
        return "not_yet"
    if now >= feedback_closes_at(event):
        return "closed"
    return "open"


def feedback_invitees(event: Event) -> QuerySet[Registration]:
    """The confirmed registrations whose people are asked for feedback: those present on at
    least one day (or session) when attendance was taken, otherwise every confirmed one."""
    confirmed = Registration.objects.filter(
        event=event, status=RegistrationStatus.CONFIRMED, person__is_active=True
    )
    attended = Attendance.objects.filter(registration=OuterRef("pk"), is_present=True)
    attendance_taken = Attendance.objects.filter(registration__event=event).exists()
    if attendance_taken:
        confirmed = confirmed.filter(Exists(attended))
    return confirmed.select_related("person").order_by("pk")


def feedback_is_participant(event: Event, person) -> bool:
    """May this person give feedback on the event? Those who were invited, and those who would
    be (a confirmed seat, and present when attendance was taken). One or two queries."""
    if not getattr(person, "is_authenticated", False):
        return False
    invited = FeedbackReceipt.objects.filter(
        event=event, person=person, invited_at__isnull=False
    ).exists()
    return invited or feedback_invitees(event).filter(person=person).exists()


def feedback_receipt_of(event: Event, person) -> FeedbackReceipt | None:
    return FeedbackReceipt.objects.filter(event=event, person=person).first()


def feedback_lecturers(event: Event) -> list[Lecturer]:
    """The lecturers of the event's agenda items, each once, by name."""
    return list(Lecturer.objects.filter(agenda_items__event=event).distinct().order_by("name"))


def feedback_invitation_counts(event: Event) -> dict[str, int]:
    """How many were invited and how many answered (one query)."""
    counts = FeedbackReceipt.objects.filter(event=event).aggregate(
        invited=Count("pk", filter=Q(invited_at__isnull=False)),
        answered=Count("pk", filter=Q(answered_at__isnull=False)),
    )
    return {key: value or 0 for key, value in counts.items()}


# --- results -----------------------------------------------------------------------------------


@dataclass
class Comment:
    text: str
    rating: int
    # Empty for anonymous feedback, and always for lecturers reading their own.
    author: str = ""


@dataclass
class RatedSubject:
    """The event or one lecturer: the summary of ratings and the comments."""

    summary: RatingSummary
    comments: list[Comment] = field(default_factory=list)
    lecturer: Lecturer | None = None


@dataclass
class FeedbackResults:
    event: Event
    overall: RatedSubject
    lecturers: list[RatedSubject]
    anonymous: bool


def _author(response: FeedbackResponse, anonymous: bool) -> str:
    # Checked before touching `person`: an anonymous page never loads who answered.
    if anonymous or response.person_id is None:
        return ""
    return response.person.get_full_name() or response.person.email


def feedback_results(event: Event, *, show_authors: bool = True) -> FeedbackResults:
    """Everything the organisers read about an event's feedback. Authors are named only when
    the feedback was not anonymous (and `show_authors`). Five queries, whatever the numbers."""
    anonymous = event.feedback_anonymous or not show_authors
    responses = FeedbackResponse.objects.filter(event=event)
    overall = RatedSubject(summary=rating_summaries(responses).get(None, RatingSummary()))
    commented = responses.exclude(comment="").order_by("created_at", "pk")
    if not anonymous:
        commented = commented.select_related("person")
    for response in commented:
        overall.comments.append(
            Comment(
                text=response.comment,
                rating=response.rating,
                author=_author(response, anonymous),
            )
        )
    ratings = LecturerRating.objects.filter(response__event=event)
    summaries = rating_summaries(ratings, group_by="lecturer_id")
    comments = defaultdict(list)
    commented = (
        ratings.exclude(comment="")
        .select_related("response" if anonymous else "response__person")
        .order_by("response__created_at", "pk")
    )
    for rating in commented:
        comments[rating.lecturer_id].append(
            Comment(
                text=rating.comment,
                rating=rating.rating,
                author=_author(rating.response, anonymous),
            )
        )
    lecturers = [
        RatedSubject(
            summary=summaries.get(lecturer.pk, RatingSummary()),
            comments=comments.get(lecturer.pk, []),
            lecturer=lecturer,
        )
        for lecturer in _rated_or_listed_lecturers(event, summaries)
    ]
    return FeedbackResults(event=event, overall=overall, lecturers=lecturers, anonymous=anonymous)


def _rated_or_listed_lecturers(event: Event, summaries: dict) -> list[Lecturer]:
    """The event's lecturers, and any lecturer rated although no longer on the agenda."""
    return list(
        Lecturer.objects.filter(Q(agenda_items__event=event) | Q(pk__in=list(summaries)))
        .distinct()
        .order_by("name")
    )


@dataclass
class LecturerEventFeedback:
    event: Event
    summary: RatingSummary
    comments: list[Comment]


def lecturer_feedback(lecturer: Lecturer, events: Iterable[Event]) -> list[LecturerEventFeedback]:
    """A lecturer's own ratings and comments at each of `events` — never who wrote them and
    never anyone else's. Two queries for any number of events."""
    events = list(events)
    ratings = LecturerRating.objects.filter(lecturer=lecturer, response__event__in=events)
    summaries = rating_summaries(ratings, group_by="response__event_id")
    comments = defaultdict(list)
    for rating in (
        ratings.exclude(comment="")
        .order_by("response__created_at", "pk")
        .values("response__event_id", "comment", "rating")
    ):
        comments[rating["response__event_id"]].append(
            Comment(text=rating["comment"], rating=rating["rating"])
        )
    return [
        LecturerEventFeedback(
            event=event,
            summary=summaries.get(event.pk, RatingSummary()),
            comments=comments.get(event.pk, []),
        )
        for event in events
    ]


def lecturer_rated_events(lecturer: Lecturer) -> QuerySet[Event]:
    """The events at which the lecturer was rated, latest first."""
    rated = LecturerRating.objects.filter(lecturer=lecturer, response__event=OuterRef("pk"))
    return (
        Event.objects.filter(Exists(rated))
        .select_related("program__organization", "network__organization")
        .order_by("-starts_at", "-pk")
    )


def lecturers_of_person(person) -> list[Lecturer]:
    if not getattr(person, "is_authenticated", False):
        return []
    return list(Lecturer.objects.filter(person=person))


# --- for reports -------------------------------------------------------------------------------


def _ids(items) -> list[int] | QuerySet:
    if isinstance(items, QuerySet):
        return items.values("pk")
    return [item.pk if isinstance(item, Model) else item for item in items]


def _model_of(items) -> type[Model] | None:
    if isinstance(items, QuerySet):
        return items.model
    for item in items:
        return type(item) if isinstance(item, Model) else None
    return None


def event_satisfaction(events) -> dict[int, dict]:
    """{event_id: {"average", "count", "distribution"}} for events (instances, ids or a
    queryset) with at least one answer. One query."""
    summaries = rating_summaries(
        FeedbackResponse.objects.filter(event_id__in=_ids(events)), group_by="event_id"
    )
    return {event_id: summary.as_dict() for event_id, summary in summaries.items()}


def lecturer_satisfaction(items=None, *, lecturers=None, events=None) -> dict[int, dict]:
    """{lecturer_id: {"average", "count", "distribution"}} over the given lecturers (all their
    events) or over the lecturers rated at the given events. Pass Lecturer or Event instances
    (or a queryset of either) positionally, or name them with `lecturers=` / `events=`; with
    both, the lecturers' ratings at those events. One query."""
    if items is not None:
        items = list(items) if not isinstance(items, QuerySet) else items
        if _model_of(items) is Event:
            events = items
        else:
            lecturers = items
    ratings = LecturerRating.objects.all()
    if lecturers is not None:
        ratings = ratings.filter(lecturer_id__in=_ids(lecturers))
    if events is not None:
        ratings = ratings.filter(response__event_id__in=_ids(events))
    summaries = rating_summaries(ratings, group_by="lecturer_id")
    return {lecturer_id: summary.as_dict() for lecturer_id, summary in summaries.items()}


def events_awaiting_feedback_invitations(*, days: int, now: datetime | None = None):
    """Events that ended in the last `days` days (and are still open for feedback), with
    confirmed participants, whose participants nobody has invited yet."""
    now = now or timezone.now()
    since = max(now - timedelta(days=days), now - timedelta(days=FEEDBACK_WINDOW_DAYS))
    invited = FeedbackReceipt.objects.filter(event=OuterRef("pk"), invited_at__isnull=False)
    confirmed = Registration.objects.filter(
        event=OuterRef("pk"), status=RegistrationStatus.CONFIRMED
    )
    return (
        Event.objects.filter(status=EventStatus.SCHEDULED, ends_at__lte=now, ends_at__gt=since)
        .filter(Exists(confirmed))
        .exclude(Exists(invited))
        .select_related("program__organization", "network__organization")
        .order_by("ends_at", "pk")
    )
