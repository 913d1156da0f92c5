"""The outbox: every email is stored as an OutgoingEmail before anything tries to send it, and
leaves it only when the mail server has accepted it.

- `outgoing_email_create` stores a rendered message in the caller's transaction and queues a
  task with nothing but its id once that transaction commits (no address, link or text in the
  task table).
- `outgoing_email_deliver` (the task, and `manage.py emails_send_due`) claims the message with one
  conditional UPDATE, so two workers never send it both; sends it; marks it sent and deletes its
  text. When the mail server fails it schedules another attempt after a growing pause
  (1 minute, doubling, at most 4 hours apart, 12 attempts: about 16 hours) and then leaves it as a
  dead letter; a recipient the server refuses outright dies at once.
- A message left "sending" by a worker that died is taken again after SENDING_TIMEOUT
  (`outgoing_emails_reclaim_stale`, run by every delivery and by the scheduled command).
- An administrator resends or discards dead letters (the Django admin), each logged.
- `outgoing_emails_sweep` (the scheduled command) sends what is due, takes back stalled messages,
  deletes dead letters' text after DEAD_LETTER_DAYS and every finished message after
  RETENTION_DAYS.

At least once, not exactly once: if the mail server accepted a message and the worker died before
marking it sent, it is sent again after SENDING_TIMEOUT. Each message carries one Message-ID on
every attempt, so mail servers and clients that recognise a repeat show it once.
"""

import base64
import logging
import smtplib
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.utils import DNS_NAME
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from glasnik.audit.services import log_action

from .models import OutgoingEmail, OutgoingEmailStatus
from .tasks import email_deliver

logger = logging.getLogger("glasnik.email")

MAX_ATTEMPTS = 12
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=4)
# Longer than any one SMTP conversation can take (EMAIL_TIMEOUT bounds each network wait).
SENDING_TIMEOUT = timedelta(minutes=15)
DEAD_LETTER_DAYS = 7
RETENTION_DAYS = 30
SWEEP_BATCH = 500

Status = OutgoingEmailStatus


def outgoing_email_create(
    *, to: str, subject: str, text: str, html: str = "", attachments: Iterable = ()
) -> OutgoingEmail:
    """Store a rendered message and queue its delivery once the surrounding transaction commits
    (if it rolls back, neither the message nor its task exist). `attachments` are
    (filename, content bytes, mimetype)."""
    email = OutgoingEmail.objects.create(
        to=to,
        subject=subject,
        text=text,
        html=html,
        attachments=[
            {
                "filename": filename,
                "mimetype": mimetype,
                "content": base64.b64encode(content).decode("ascii"),
            }
            for filename, content, mimetype in attachments
        ],
        next_attempt_at=timezone.now(),
    )
    _enqueue_on_commit(email.pk)
    return email


def outgoing_email_deliver(*, email_id, now: datetime | None = None) -> str | None:
    """Send the message if it is due and nobody else is sending it. Returns its status after
    this attempt, or None when there was nothing to do (sent already, taken by another worker,
    not due yet, gone)."""
    now = now or timezone.now()
    # The claim's own time, also when `now` is given: a stalled message is told by it.
    claimed_at = timezone.now()
    claimed = OutgoingEmail.objects.filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now),
        pk=email_id,
        status__in=[Status.QUEUED, Status.RETRYING],
    ).update(status=Status.SENDING, claimed_at=claimed_at, attempts=F("attempts") + 1)
    if not claimed:
        return None
    email = OutgoingEmail.objects.get(pk=email_id)
    try:
        _message(email).send()
    except Exception as error:
        return _failed(email, error, now=now)
    mine = OutgoingEmail.objects.filter(pk=email.pk, status=Status.SENDING, claimed_at=claimed_at)
    mine.update(
        status=Status.SENT,
        finished_at=timezone.now(),
        claimed_at=None,
        next_attempt_at=None,
        last_error="",
        text="",
        html="",
        attachments=[],
    )
    return Status.SENT


def outgoing_emails_reclaim_stale(*, now: datetime | None = None) -> list:
    """Messages left "sending" for longer than SENDING_TIMEOUT lost their worker: they become
    due again (or dead letters, when that was the last attempt). Returns the ids due again."""
    now = now or timezone.now()
    stale = OutgoingEmail.objects.filter(
        status=Status.SENDING, claimed_at__lt=now - SENDING_TIMEOUT
    )
    found = list(stale.values_list("pk", "attempts"))
    if not found:
        return []
    again = [pk for pk, attempts in found if attempts < MAX_ATTEMPTS]
    stale.filter(pk__in=again).update(
        status=Status.RETRYING, claimed_at=None, next_attempt_at=now, last_error="WorkerLost"
    )
    stale.exclude(pk__in=again).filter(pk__in=[pk for pk, _attempts in found]).update(
        status=Status.DEAD, claimed_at=None, finished_at=now, last_error="WorkerLost"
    )
    _abandoned_tasks_fail(now=now)
    return again


def outgoing_emails_sweep(*, now: datetime | None = None) -> dict[str, int]:
    """The scheduled catch-up: take back stalled messages, send every due one (a worker that
    was down, retries whose time has come), delete dead letters' text after DEAD_LETTER_DAYS
    and finished messages after RETENTION_DAYS. Idempotent."""
    now = now or timezone.now()
    reclaimed = len(outgoing_emails_reclaim_stale(now=now))
    due = OutgoingEmail.objects.filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now),
        status__in=[Status.QUEUED, Status.RETRYING],
    ).order_by("next_attempt_at")
    outcomes = []
    for pk in due.values_list("pk", flat=True)[:SWEEP_BATCH]:
        outcomes.append(outgoing_email_deliver(email_id=pk, now=now))
        if outcomes[-1] == Status.RETRYING:
            break  # the mail server is failing: the rest wait for the next run, not its timeouts
    expired = OutgoingEmail.objects.filter(
        status=Status.DEAD, finished_at__lt=now - timedelta(days=DEAD_LETTER_DAYS)
    ).update(status=Status.EXPIRED, text="", html="", attachments=[])
    deleted, _by_model = OutgoingEmail.objects.filter(
        status__in=[Status.SENT, Status.EXPIRED],
        finished_at__lt=now - timedelta(days=RETENTION_DAYS),
    ).delete()
    return {
        "reclaimed": reclaimed,
        "sent": outcomes.count(Status.SENT),
        "failed": sum(outcome in (Status.RETRYING, Status.DEAD) for outcome in outcomes),
        "expired": expired,
        "deleted": deleted,
    }


@transaction.atomic
def outgoing_email_resend(*, email: OutgoingEmail, actor) -> bool:
    """An administrator sends a dead letter again, with a fresh round of attempts. False when
    it is no longer a dead letter (resent already, or its text has been deleted)."""
    updated = OutgoingEmail.objects.filter(pk=email.pk, status=Status.DEAD).update(
        status=Status.QUEUED,
        attempts=0,
        next_attempt_at=timezone.now(),
        finished_at=None,
        last_error="",
    )
    if not updated:
        return False
    # By id in the details: the log's target ids are numbers, and the address stays out of it.
    log_action("core.email.resent", actor=actor, data={"email": str(email.pk)})
    _enqueue_on_commit(email.pk)
    return True


@transaction.atomic
def outgoing_email_discard(*, email: OutgoingEmail, actor) -> bool:
    """An administrator gives up on an undelivered message: it is deleted, text and all."""
    deleted, _by_model = OutgoingEmail.objects.filter(
        pk=email.pk, status__in=[Status.DEAD, Status.EXPIRED]
    ).delete()
    if deleted:
        log_action("core.email.discarded", actor=actor, data={"email": str(email.pk)})
    return bool(deleted)


def retry_delay(attempts: int) -> timedelta:
    """The pause after the `attempts`-th failed attempt: 1, 2, 4 … minutes, at most 4 hours."""
    return min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_RETRY)


def _message(email: OutgoingEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        # The same on every attempt, so a repeat after a lost worker can be recognised.
        headers={"Message-ID": f"<{email.pk}@{DNS_NAME}>"},
    )
    if email.html:
        message.attach_alternative(email.html, "text/html")
    for attachment in email.attachments:
        message.attach(
            attachment["filename"],
            base64.b64decode(attachment["content"]),
            attachment["mimetype"],
        )
    return message


def _failed(email: OutgoingEmail, error: Exception, *, now: datetime) -> str:
    attempts = email.attempts
    permanent = _refused_for_good(error)
    logger.warning(
        "Email %s: attempt %d failed (%s)%s",
        email.pk,
        attempts,
        _error_kind(error),
        "" if permanent or attempts < MAX_ATTEMPTS else "; no attempts left",
    )
    if permanent or attempts >= MAX_ATTEMPTS:
        status, next_attempt_at, finished_at = Status.DEAD, None, timezone.now()
    else:
        status, next_attempt_at, finished_at = (
            Status.RETRYING,
            now + retry_delay(attempts),
            None,
        )
    mine = OutgoingEmail.objects.filter(
        pk=email.pk, status=Status.SENDING, claimed_at=email.claimed_at
    )
    mine.update(
        status=status,
        next_attempt_at=next_attempt_at,
        finished_at=finished_at,
        claimed_at=None,
        last_error=_error_kind(error),
    )
    if status == Status.RETRYING:
        _enqueue_on_commit(email.pk, run_after=next_attempt_at)
    return status


def _refused_for_good(error: Exception) -> bool:
    """The server refused the recipient with a permanent (5xx) answer: retrying cannot help."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _message in error.recipients.values())
    return False


def _error_kind(error: Exception) -> str:
    code = getattr(error, "smtp_code", None)
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code = ",".join(sorted({str(code) for code, _message in error.recipients.values()}))
    kind = type(error).__name__
    return f"{kind} {code}" if code else kind


def _enqueue_on_commit(email_id, *, run_after: datetime | None = None) -> None:
    """Queue the delivery task. A backend that cannot run tasks later (the tests' immediate one)
    gets no task for a retry: `manage.py emails_send_due` sends it when it is due."""
    task = email_deliver
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return
        task = task.using(run_after=run_after)
    transaction.on_commit(lambda: task.enqueue(email_id=str(email_id)))


def _abandoned_tasks_fail(*, now: datetime) -> None:
    """The database queue's own record of a delivery task whose worker died stays RUNNING for
    ever; its message has been taken back above, so the record is closed as failed."""
    if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
        return
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(
        status="RUNNING",
        task_path=email_deliver.module_path,
        started_at__lt=now - SENDING_TIMEOUT,
    ).update(
        status="FAILED",
        finished_at=now,
        exception_class_path="glasnik.core.outbox.WorkerLost",
        traceback="The worker stopped while sending; the message was handed to a new attempt.",
    )
