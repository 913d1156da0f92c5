"""Reads of a session's question queue. Each runs a fixed number of queries however many
questions and votes there are."""

from django.db.models import Q, QuerySet
from django.utils.translation import get_language

from .access import QueueAccess
from .models import Question, QuestionStatus, QuestionVote
from .queue_state import queue_is_open

# Who sees which questions: the participants the open and answered ones, and each their own
# hidden or merged ones (so nobody wonders where their question went); the moderators all.
PARTICIPANTS_SEE = (QuestionStatus.OPEN, QuestionStatus.ANSWERED)


def queue_questions(access: QueueAccess, person) -> QuerySet[Question]:
    """The queue as the reader sees it, by votes and then by age (one query)."""
    questions = Question.objects.filter(queue=access.queue).select_related("author", "merged_into")
    if not access.is_moderator:
        questions = questions.filter(Q(status__in=PARTICIPANTS_SEE) | Q(author_id=person.pk))
    return questions.order_by("-vote_count", "created_at", "pk")


def merge_targets(access: QueueAccess, question: Question) -> QuerySet[Question]:
    """The questions a duplicate may be merged into: the others waiting or answered."""
    return (
        Question.objects.filter(queue=access.queue, status__in=PARTICIPANTS_SEE)
        .exclude(pk=question.pk)
        .order_by("-vote_count", "created_at", "pk")
    )


def own_votes(access: QueueAccess, person) -> set[int]:
    """The questions of this queue the reader voted for (one query)."""
    return set(
        QuestionVote.objects.filter(question__queue=access.queue, person_id=person.pk).values_list(
            "question_id", flat=True
        )
    )


def answered_questions(access: QueueAccess, search: str = "") -> QuerySet[Question]:
    """The answered questions, newest answer first, found by words of the question or the
    answer: what stays for the participants after the session."""
    questions = Question.objects.filter(
        queue=access.queue, status=QuestionStatus.ANSWERED
    ).select_related("author")
    for word in search.split()[:8]:
        questions = questions.filter(Q(text__icontains=word) | Q(answer__icontains=word))
    return questions.order_by("-answered_at", "pk")


def queue_etag(access: QueueAccess, person) -> str:
    """What the polled part of the page depends on: the queue's version, whether it takes
    questions (which also changes with the clock), who reads it (their own votes, their own
    anonymous questions, a moderator's view with every author) and in which language."""
    queue = access.queue
    role = "m" if access.is_moderator else "p"
    state = "open" if queue_is_open(queue) else "closed"
    return f"q{queue.pk}-v{queue.version}-{state}-{role}{person.pk}-{get_language()}"
