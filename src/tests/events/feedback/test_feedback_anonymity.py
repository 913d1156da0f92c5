"""Anonymous feedback cannot be traced to its author: not through the audit log (counted per day,
without actor or time), not through the database (the receipt and the response are written in
two transactions, and every receipt of the event is rewritten with each answer)."""

import importlib
from datetime import UTC, datetime, timedelta

import pytest
from django.apps import apps as django_apps
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from glasnik.audit.models import AuditLogEntry
from glasnik.audit.services import log_action
from glasnik.core.anonymity import anonymous_answer_record, anonymous_receipts_mark
from glasnik.events.models import FeedbackReceipt, FeedbackResponse
from glasnik.events.services.feedback import (
    FeedbackAlreadyGivenError,
    feedback_start,
    feedback_submit,
)

pytestmark = pytest.mark.django_db


def _answer(event, person, rating=5, *, now=None):
    return feedback_submit(event=event, person=person, rating=rating, now=now)


def _start_of_day(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def test_anonymous_answers_are_counted_per_day_without_actor_or_time(training, make_participant):
    today = timezone.now()
    tomorrow = today + timedelta(days=1)
    people = [make_participant(training) for _ in range(3)]

    _answer(training, people[0], now=today)
    _answer(training, people[1], now=today)
    _answer(training, people[2], now=tomorrow)

    entries = AuditLogEntry.objects.filter(action="events.feedback.answered").order_by("created_at")
    assert [(entry.created_at, entry.actor_id, entry.data) for entry in entries] == [
        (_start_of_day(today), None, {"anonymous": True, "count": 2}),
        (_start_of_day(tomorrow), None, {"anonymous": True, "count": 1}),
    ]
    assert all(entry.target_id == training.pk for entry in entries)


def test_named_answers_are_still_logged_one_by_one(make_training, make_participant):
    event = make_training(feedback_anonymous=False)
    first, second = make_participant(event), make_participant(event)

    _answer(event, first)
    _answer(event, second)

    entries = AuditLogEntry.objects.filter(action="events.feedback.answered").order_by("pk")
    assert [(entry.actor, entry.data) for entry in entries] == [
        (first, {"anonymous": False}),
        (second, {"anonymous": False}),
    ]


def test_opening_the_form_makes_receipts_for_everyone_taking_part(training, make_participant):
    people = [make_participant(training) for _ in range(3)]

    feedback_start(event=training, person=people[1])
    feedback_start(event=training, person=people[2])

    receipts = FeedbackReceipt.objects.filter(event=training).order_by("pk")
    # Made at once in the participants' order, so their ids say nothing of who came first.
    assert [receipt.person_id for receipt in receipts] == [person.pk for person in people]
    assert all(receipt.answered_at is None for receipt in receipts)


def test_anonymous_answer_inside_a_transaction_is_refused(training, participant):
    with transaction.atomic(), pytest.raises(RuntimeError, match="durable"):
        _answer(training, participant)

    assert not FeedbackResponse.objects.exists()
    assert not FeedbackReceipt.objects.filter(answered_at__isnull=False).exists()


def test_anonymous_answer_that_fails_to_save_releases_the_receipt(training, participant):
    feedback_start(event=training, person=participant)
    receipts = FeedbackReceipt.objects.filter(event=training)

    with pytest.raises(IntegrityError):
        anonymous_answer_record(
            claim=lambda: anonymous_receipts_mark(
                receipts, person_id=participant.pk, answered_at=timezone.now()
            ),
            # A rating the database refuses: the write fails after the receipt was committed.
            write=lambda: FeedbackResponse.objects.create(event=training, rating=9),
            release=lambda: anonymous_receipts_mark(
                receipts, person_id=participant.pk, answered_at=None
            ),
        )

    assert receipts.get().answered_at is None
    assert not FeedbackResponse.objects.exists()
    _answer(training, participant, rating=4)
    assert list(FeedbackResponse.objects.values_list("rating", flat=True)) == [4]
    with pytest.raises(FeedbackAlreadyGivenError):
        _answer(training, participant, rating=1)


def _xmin(table: str, pks: list[int]) -> dict[int, str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, xmin::text FROM {table} WHERE id = ANY(%s)", [pks])  # noqa: S608
        return dict(cursor.fetchall())


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="transaction ids (xmin) are PostgreSQL's; the rest of this module runs on SQLite too",
)
def test_anonymous_response_and_receipts_never_share_a_transaction(training, make_participant):
    people = [make_participant(training) for _ in range(3)]

    responses = [_answer(training, person) for person in people[:2]]

    receipts = _xmin(
        "events_feedbackreceipt",
        list(FeedbackReceipt.objects.filter(event=training).values_list("pk", flat=True)),
    )
    answers = _xmin("events_feedbackresponse", [response.pk for response in responses])
    assert not set(receipts.values()) & set(answers.values())
    assert len(receipts) == 3
    # Every receipt, answered or not, carries the latest answer's claim: their order is lost.
    assert len(set(receipts.values())) == 1
    assert len(set(answers.values())) == 2


def test_migration_turns_old_anonymous_entries_into_daily_counts(training, make_training):
    untrace = importlib.import_module(
        "glasnik.events.migrations.0005_anonymous_feedback_untraceable"
    ).untrace_anonymous_feedback
    named = make_training(feedback_anonymous=False)
    for _ in range(2):  # as anonymous answers were logged before: one entry each, exact time
        log_action("events.feedback.answered", target=training, data={"anonymous": True})
    log_action("events.feedback.answered", target=named, data={"anonymous": False})
    log_action("events.feedback.invited", target=training, data={"invited": 2})

    untrace(django_apps, None)

    entries = AuditLogEntry.objects.filter(target_id__in=[training.pk, named.pk]).order_by(
        "action", "target_id"
    )
    day = _start_of_day(timezone.now())
    assert [(e.action, e.target_id, e.data, e.created_at == day) for e in entries] == [
        ("events.feedback.answered", training.pk, {"anonymous": True, "count": 2}, True),
        ("events.feedback.answered", named.pk, {"anonymous": False}, False),
        ("events.feedback.invited", training.pk, {"invited": 2}, False),
    ]
