"""The question queue's services: asking, voting once, merging, hiding, answering, closing."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from glasnik.audit.models import AuditLogEntry
from glasnik.mentoring.models import Question, QuestionQueue, QuestionStatus, QuestionVote
from glasnik.mentoring.services import (
    question_answer,
    question_ask,
    question_hide,
    question_merge,
    question_queue_close,
    question_vote,
    question_vote_withdraw,
)

pytestmark = pytest.mark.django_db


def ask(queue, person, text="Koliko često objavljivati?", anonymous=False):
    return question_ask(queue=queue, author=person, text=text, is_anonymous=anonymous)


def test_question_ask_bumps_the_queue_version(queue, participant):
    question = ask(queue, participant)

    assert question.status == QuestionStatus.OPEN
    assert QuestionQueue.objects.get(pk=queue.pk).version == 1


def test_question_ask_refused_when_the_queue_is_closed(queue, participant, organiser):
    question_queue_close(queue=queue, actor=organiser)

    with pytest.raises(ValidationError) as error:
        ask(queue, participant)

    assert error.value.code == "closed"
    assert not Question.objects.exists()


def test_question_ask_refused_after_the_session_and_its_grace(queue, participant):
    event = queue.event
    event.starts_at = timezone.now() - timedelta(hours=3)
    event.ends_at = timezone.now() - timedelta(minutes=31)
    event.save(update_fields=["starts_at", "ends_at"])

    with pytest.raises(ValidationError, match="closed"):
        ask(queue, participant)


def test_question_ask_taken_within_the_grace_after_the_session(queue, participant):
    event = queue.event
    event.starts_at = timezone.now() - timedelta(hours=2)
    event.ends_at = timezone.now() - timedelta(minutes=29)
    event.save(update_fields=["starts_at", "ends_at"])

    assert ask(queue, participant).pk


def test_question_vote_counts_once(queue, participant, other_participant):
    question = ask(queue, participant)

    question_vote(question=question, person=other_participant)
    with pytest.raises(ValidationError) as error:
        question_vote(question=question, person=other_participant)

    assert error.value.messages == ["You have already voted for this question."]
    assert Question.objects.get(pk=question.pk).vote_count == 1
    assert QuestionVote.objects.count() == 1


def test_question_vote_for_own_question_refused(queue, participant):
    question = ask(queue, participant)

    with pytest.raises(ValidationError) as error:
        question_vote(question=question, person=participant)

    assert error.value.code == "own"


def test_question_vote_withdraw_then_vote_again(queue, participant, other_participant):
    question = ask(queue, participant)
    question_vote(question=question, person=other_participant)

    assert question_vote_withdraw(question=question, person=other_participant) is True
    assert question_vote_withdraw(question=question, person=other_participant) is False
    assert Question.objects.get(pk=question.pk).vote_count == 0
    question_vote(question=question, person=other_participant)
    assert Question.objects.get(pk=question.pk).vote_count == 1


def test_question_vote_on_answered_question_refused(queue, participant, other_participant, mentor):
    question = ask(queue, participant)
    question_answer(question=question, actor=mentor)

    with pytest.raises(ValidationError) as error:
        question_vote(question=question, person=other_participant)

    assert error.value.code == "not_open"


def test_question_merge_carries_votes_without_counting_anyone_twice(
    queue, make_participant, mentor
):
    author, duplicate_author, both, only_duplicate, only_target = (
        make_participant() for _ in range(5)
    )
    target = ask(queue, author, "Kako odgovarati na uvrede?")
    duplicate = ask(queue, duplicate_author, "Šta raditi sa uvredljivim komentarima?")
    for person in (both, only_target):
        question_vote(question=target, person=person)
    for person in (both, only_duplicate, author):  # the target's author voted the duplicate
        question_vote(question=duplicate, person=person)

    question_merge(question=duplicate, into=target, actor=mentor)

    target.refresh_from_db()
    duplicate.refresh_from_db()
    voters = set(QuestionVote.objects.filter(question=target).values_list("person", flat=True))
    assert voters == {both.pk, only_target.pk, only_duplicate.pk, duplicate_author.pk}
    assert target.vote_count == 4
    assert duplicate.status == QuestionStatus.MERGED
    assert duplicate.merged_into == target
    assert duplicate.vote_count == 0
    assert not QuestionVote.objects.filter(question=duplicate).exists()
    entry = AuditLogEntry.objects.get(action="mentoring.question.merged")
    assert entry.data == {"event": queue.event_id, "into": target.pk, "votes_moved": 2}
    assert entry.actor == mentor


def test_question_merge_into_itself_or_a_hidden_one_refused(queue, participant, mentor):
    question = ask(queue, participant)
    hidden = ask(queue, participant, "Nešto sasvim drugo")
    question_hide(question=hidden, actor=mentor)

    with pytest.raises(ValidationError):
        question_merge(question=question, into=question, actor=mentor)
    with pytest.raises(ValidationError):
        question_merge(question=question, into=hidden, actor=mentor)
    assert Question.objects.get(pk=question.pk).status == QuestionStatus.OPEN


def test_question_answer_live_and_in_writing_logged(queue, participant, mentor):
    live = ask(queue, participant)
    written = ask(queue, participant, "Drugo pitanje")

    question_answer(question=live, actor=mentor)
    question_answer(question=written, actor=mentor, answer="  Tri puta nedeljno.  ")

    written.refresh_from_db()
    assert written.answer == "Tri puta nedeljno."
    assert written.answered_at is not None
    assert list(
        AuditLogEntry.objects.filter(action="mentoring.question.answered")
        .order_by("pk")
        .values_list("data", flat=True)
    ) == [
        {"event": queue.event_id, "written": False},
        {"event": queue.event_id, "written": True},
    ]


def test_question_hide_logged_and_refused_twice(queue, participant, organiser):
    question = ask(queue, participant)

    question_hide(question=question, actor=organiser)
    with pytest.raises(ValidationError):
        question_hide(question=question, actor=organiser)

    assert AuditLogEntry.objects.filter(action="mentoring.question.hidden").count() == 1


@pytest.mark.django_db(transaction=True)
def test_question_vote_at_the_same_moment_counts_once(queue, participant, other_participant):
    """Two requests of one person vote at once (a double click): one vote, one count. Each
    thread has its own database connection; on PostgreSQL the second waits for the first's
    row lock, then the unique constraint refuses it."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every write: the race needs PostgreSQL")
    question = ask(queue, participant)
    barrier = threading.Barrier(4)
    outcomes = []

    def vote():
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            question_vote(question=Question.objects.get(pk=question.pk), person=other_participant)
            outcomes.append("voted")
        except ValidationError as error:
            outcomes.append(error.code)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=vote) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["twice", "twice", "twice", "voted"]
    assert Question.objects.get(pk=question.pk).vote_count == 1
