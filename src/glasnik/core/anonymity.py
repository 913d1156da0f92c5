"""Anonymous answers (feedback on an event today, anonymous surveys next): how one is recorded so
that nobody — an organiser reading the log, or anyone reading the database — can tell whose it is,
while each person still answers only once.

Two records exist: the *receipt*, which names the person and says they have answered (so they
cannot answer twice), and the *answer*, which names no one. A database keeps more than its
columns show: in PostgreSQL every row carries the id of the transaction that last wrote it
(`xmin`), ids follow the order of inserts, and the audit log has exact times. So:

1. The receipt and the answer are written in two transactions (`anonymous_answer_record`), never
   in one: they never share a transaction id.
2. Marking a receipt rewrites every receipt of the same event or survey
   (`anonymous_receipts_mark`), so all of them carry the transaction id of the latest answer and
   the receipts' system columns no longer show in which order people answered (which could
   otherwise be matched, one by one, with the answers' order).
3. Times are kept to the day (`anonymous_day`), and the audit log counts anonymous answers per
   day (`glasnik.audit.services.log_anonymous_action`) instead of listing them.

The order of the two transactions is the receipt first, then the answer:

- A person can never answer twice: the receipt is committed, under a row lock, before the answer
  is written.
- If writing the answer fails, the receipt is released in a third transaction and the error goes
  on to the caller, who tells the person; nothing is lost silently.
- If the process dies between the two commits (a killed worker, a lost database connection),
  the receipt stays and the answer is lost. The person never saw "thank you", and the form then
  tells them they have answered already. This is the price of the separation; the other order
  would let a person answer twice after the same crash, and answers are counted in reports.
"""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TypeVar

from django.db import models, transaction
from django.db.models import Case, F, Value, When

T = TypeVar("T")


def anonymous_day(moment: datetime) -> datetime:
    """The start of the moment's day (UTC): precise enough for reports, too coarse to match an
    anonymous answer to its receipt or to anything else its author did that day."""
    return moment.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def anonymous_answer_record(
    *, claim: Callable[[], None], write: Callable[[], T], release: Callable[[], None]
) -> T:
    """Record an anonymous answer in two transactions: `claim()` marks the person's receipt (and
    raises if they have answered already), `write()` stores the answer and returns it; if
    `write()` fails, `release()` unmarks the receipt and the error is raised again.

    Refuses to run inside another transaction (durable blocks): there the two writes would
    share one transaction and its id, which is exactly what this function exists to prevent."""
    with transaction.atomic(durable=True):
        claim()
    try:
        with transaction.atomic(durable=True):
            return write()
    except BaseException:
        with transaction.atomic(durable=True):
            release()
        raise


def anonymous_receipts_mark(
    receipts: models.QuerySet, *, person_id: int, answered_at: datetime | None
) -> bool:
    """Set `answered_at` on the receipt of `person_id` among `receipts` (all the receipts of one
    event or survey: rows with `person_id` and `answered_at`; the person's must exist),
    rewriting every one of them in the same statement so that none keeps a trace of when its
    own answer came. Returns False, and changes nothing, when the receipt says already what it
    would be told (marking someone who has answered, or releasing someone who has not).

    All the rows are locked first, in one fixed order, so concurrent answers wait for each
    other and cannot deadlock."""
    locked = dict(
        receipts.select_for_update().order_by("pk").values_list("person_id", "answered_at")
    )
    if (locked[person_id] is None) == (answered_at is None):
        return False
    receipts.update(
        answered_at=Case(
            When(person_id=person_id, then=Value(answered_at, models.DateTimeField())),
            default=F("answered_at"),
        )
    )
    return True
