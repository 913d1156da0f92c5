"""Every write to a session's question queue. Each one bumps the queue's version (what a
polling page compares) in the same transaction, and each decision of a mentor or organiser
is written to the audit log under the programme.

Votes are race-safe on PostgreSQL and SQLite alike: the question's row is locked before the
vote is written, the vote is unique per person and question in the database, and the count the
queue is ordered by changes in the same transaction as the vote."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from glasnik.audit.services import log_action
from glasnik.events.models import Event

from .models import Question, QuestionQueue, QuestionStatus, QuestionVote
from .queue_state import queue_is_open


def question_queue_open(*, event: Event) -> QuestionQueue:
    """The session's queue, made the first time it is needed."""
    queue, _created = QuestionQueue.objects.get_or_create(event=event)
    return queue


def _bump(queue: QuestionQueue) -> None:
    now = timezone.now()
    QuestionQueue.objects.filter(pk=queue.pk).update(version=F("version") + 1, changed_at=now)
    queue.version += 1
    queue.changed_at = now


def _refuse_when_closed(queue: QuestionQueue) -> None:
    if not queue_is_open(queue):
        raise ValidationError(
            _("This session's questions are closed: no new questions or votes."), code="closed"
        )


@transaction.atomic
def question_ask(*, queue: QuestionQueue, author, text: str, is_anonymous: bool) -> Question:
    text = text.strip()
    if not text:
        raise ValidationError(_("Write your question."), code="empty")
    _refuse_when_closed(queue)
    question = Question.objects.create(
        queue=queue, author=author, text=text, is_anonymous=is_anonymous
    )
    _bump(queue)
    return question


def _locked(question: Question) -> Question:
    """The question's row, locked until the transaction ends, with its current status."""
    locked = Question.objects.select_for_update().get(pk=question.pk)
    question.status, question.vote_count = locked.status, locked.vote_count
    question.merged_into_id = locked.merged_into_id
    return question


@transaction.atomic
def question_vote(*, question: Question, person) -> QuestionVote:
    """One vote per person and question; a second is refused, whichever request comes first."""
    _locked(question)
    if question.author_id == person.pk:
        raise ValidationError(_("You cannot vote for your own question."), code="own")
    if question.status != QuestionStatus.OPEN:
        raise ValidationError(
            _("Only questions waiting for an answer take votes."), code="not_open"
        )
    _refuse_when_closed(question.queue)
    try:
        with transaction.atomic():
            vote = QuestionVote.objects.create(question=question, person=person)
    except IntegrityError as error:
        raise ValidationError(
            _("You have already voted for this question."), code="twice"
        ) from error
    Question.objects.filter(pk=question.pk).update(vote_count=F("vote_count") + 1)
    question.vote_count += 1
    _bump(question.queue)
    return vote


@transaction.atomic
def question_vote_withdraw(*, question: Question, person) -> bool:
    """Take one's vote back while the queue is open; returns whether there was one."""
    _locked(question)
    _refuse_when_closed(question.queue)
    deleted, _rows = QuestionVote.objects.filter(question=question, person=person).delete()
    if not deleted:
        return False
    Question.objects.filter(pk=question.pk).update(vote_count=F("vote_count") - 1)
    question.vote_count -= 1
    _bump(question.queue)
    return True


def _decided(question: Question, actor, action: str, fields: list[str], data=None) -> None:
    question.decided_by = actor
    question.save(update_fields=[*fields, "decided_by"])
    _bump(question.queue)
    log_action(
        f"mentoring.question.{action}",
        actor=actor,
        target=question,
        scope=question.queue.event.audit_scope,
        data={"event": question.queue.event_id, **(data or {})},
    )


@transaction.atomic
def question_answer(*, question: Question, actor, answer: str = "") -> Question:
    """Mark a question answered: live in the session (no text), or with a written answer
    (which may be written or corrected after the session too)."""
    _locked(question)
    if question.status in (QuestionStatus.MERGED, QuestionStatus.HIDDEN):
        raise ValidationError(
            _("A merged or hidden question cannot be answered."), code="not_answerable"
        )
    question.status = QuestionStatus.ANSWERED
    question.answer = answer.strip()
    question.answered_at = question.answered_at or timezone.now()
    _decided(
        question,
        actor,
        "answered",
        ["status", "answer", "answered_at"],
        {"written": bool(question.answer)},
    )
    return question


@transaction.atomic
def question_hide(*, question: Question, actor) -> Question:
    """Hide an off-topic question from the participants (its author still sees it is hidden)."""
    _locked(question)
    if question.status != QuestionStatus.OPEN:
        raise ValidationError(_("Only a question waiting for an answer can be hidden."))
    question.status = QuestionStatus.HIDDEN
    _decided(question, actor, "hidden", ["status"])
    return question


@transaction.atomic
def question_merge(*, question: Question, into: Question, actor) -> Question:
    """Merge a duplicate into the question it repeats. The duplicate's votes move over, and
    its author's wish to hear the answer counts as a vote too; a person is counted once
    however many of the two they voted for, and never for their own question."""
    if into.queue_id != question.queue_id or into.pk == question.pk:
        raise ValidationError(_("Choose another question of the same session."), code="target")
    # Both rows locked in the order of their keys, so two merges cannot wait for each other.
    for each in sorted((question, into), key=lambda each: each.pk):
        _locked(each)
    if question.status != QuestionStatus.OPEN:
        raise ValidationError(_("Only a question waiting for an answer can be merged."))
    if into.status not in (QuestionStatus.OPEN, QuestionStatus.ANSWERED):
        raise ValidationError(
            _("A question cannot be merged into a hidden or merged one."), code="target"
        )
    voters = set(QuestionVote.objects.filter(question=question).values_list("person_id", flat=True))
    voters.add(question.author_id)
    already = set(QuestionVote.objects.filter(question=into).values_list("person_id", flat=True))
    moved = voters - already - {into.author_id}
    QuestionVote.objects.bulk_create(
        [QuestionVote(question=into, person_id=person_id) for person_id in sorted(moved)]
    )
    QuestionVote.objects.filter(question=question).delete()
    into.vote_count = QuestionVote.objects.filter(question=into).count()
    into.save(update_fields=["vote_count"])
    question.status = QuestionStatus.MERGED
    question.merged_into = into
    question.vote_count = 0
    _decided(
        question,
        actor,
        "merged",
        ["status", "merged_into", "vote_count"],
        {"into": into.pk, "votes_moved": len(moved)},
    )
    return question


@transaction.atomic
def question_queue_close(*, queue: QuestionQueue, actor) -> QuestionQueue:
    if queue.closed_at is None:
        queue.closed_at = timezone.now()
        queue.save(update_fields=["closed_at"])
        _bump(queue)
        log_action(
            "mentoring.queue.closed", actor=actor, target=queue, scope=queue.event.audit_scope
        )
    return queue


@transaction.atomic
def question_queue_reopen(*, queue: QuestionQueue, actor) -> QuestionQueue:
    if queue.closed_at is not None:
        queue.closed_at = None
        queue.save(update_fields=["closed_at"])
        _bump(queue)
        log_action(
            "mentoring.queue.reopened", actor=actor, target=queue, scope=queue.event.audit_scope
        )
    return queue


@transaction.atomic
def question_queue_recording_set(*, queue: QuestionQueue, recording_url: str, actor) -> None:
    if queue.recording_url == recording_url:
        return
    queue.recording_url = recording_url
    queue.save(update_fields=["recording_url"])
    _bump(queue)
    log_action(
        "mentoring.queue.recording_set",
        actor=actor,
        target=queue,
        scope=queue.event.audit_scope,
        data={"has_link": bool(recording_url)},
    )
