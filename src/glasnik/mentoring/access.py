"""Access to a session's question queue, fetched and authorised in one step: 404 for a
session that is missing, not an online session of a programme, or not the reader's.

Who takes part: the people the programme's events are for (its enrolled participants, as
`events.take_part_event` says) and anyone holding a confirmed seat for the session; who runs
the queue: `mentoring.moderate_queue`. The loader reads the queue, its session, its programme
and whether the reader holds a seat in one query, so the page that polls the queue costs one
query when nothing changed."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.http import Http404

from glasnik.events.access import program_event_for_user
from glasnik.events.models import EventKind, Registration, RegistrationStatus

from .models import Question, QuestionQueue
from .services import question_queue_open

MODERATE_QUEUE = "mentoring.moderate_queue"
TAKE_PART = "events.take_part_event"


@dataclass(frozen=True)
class QueueAccess:
    """A queue and what the reader is to it: its moderator (organiser or mentor) or one of
    its participants."""

    queue: QuestionQueue
    is_moderator: bool

    @property
    def event(self):
        return self.queue.event


def _queue_with_seat(user, event_pk: int) -> QuestionQueue | None:
    seat = Registration.objects.filter(
        event_id=OuterRef("event_id"),
        person_id=user.pk if user.is_authenticated else None,
        status=RegistrationStatus.CONFIRMED,
    )
    return (
        QuestionQueue.objects.select_related("event__program__organization")
        .annotate(holds_seat=Exists(seat))
        .filter(event_id=event_pk)
        .first()
    )


def queue_for_user(user, event_pk: int) -> QueueAccess:
    """The queue of session `event_pk` for a participant or its moderator (opened on the
    first visit of someone who may see it)."""
    queue = _queue_with_seat(user, event_pk)
    if queue is None:
        event = program_event_for_user(user, event_pk)
        holds_seat = Registration.objects.filter(
            event=event, person_id=user.pk, status=RegistrationStatus.CONFIRMED
        ).exists()
        if event.kind != EventKind.ONLINE_SESSION or _is_moderator(user, event, holds_seat) is None:
            raise Http404
        question_queue_open(event=event)
        queue = _queue_with_seat(user, event_pk)
    event = queue.event
    if event.program_id is None or event.kind != EventKind.ONLINE_SESSION:
        raise Http404
    is_moderator = _is_moderator(user, event, queue.holds_seat)
    if is_moderator is None:
        raise Http404
    return QueueAccess(queue=queue, is_moderator=is_moderator)


def _is_moderator(user, event, holds_seat: bool) -> bool | None:
    """True for the queue's moderators, False for its participants, None for everyone else."""
    if user.has_perm(MODERATE_QUEUE, event):
        return True
    if holds_seat or user.has_perm(TAKE_PART, event):
        return False
    return None


def queue_for_moderator(user, event_pk: int) -> QueueAccess:
    access = queue_for_user(user, event_pk)
    if not access.is_moderator:
        raise Http404
    return access


def question_for_user(user, pk: int) -> tuple[Question, QueueAccess]:
    """A question of a queue the user takes part in or runs (one they may see: a hidden or
    merged one only to its moderators)."""
    row = Question.objects.filter(pk=pk).values_list("queue__event_id", flat=True).first()
    if row is None:
        raise Http404
    access = queue_for_user(user, row)
    question = Question.objects.select_related("author").get(pk=pk)
    question.queue = access.queue
    return question, access


def question_for_moderator(user, pk: int) -> tuple[Question, QueueAccess]:
    question, access = question_for_user(user, pk)
    if not access.is_moderator:
        raise Http404
    return question, access
