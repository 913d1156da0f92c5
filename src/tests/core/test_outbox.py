"""No email is lost: the outbox keeps each message until the mail server takes it, tries again
with growing pauses, leaves dead letters an administrator resends, takes back what a dead worker
left half-sent (sending it once), deletes the text once sent; /healthz counts only due tasks."""

import smtplib
from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from second_factor import login_with_second_factor

from glasnik.audit.models import AuditLogEntry
from glasnik.core.email import email_queue
from glasnik.core.models import OutgoingEmail
from glasnik.core.models import OutgoingEmailStatus as Status
from glasnik.core.outbox import (
    MAX_ATTEMPTS,
    outgoing_email_deliver,
    outgoing_email_resend,
    outgoing_emails_sweep,
)
from glasnik.core.tasks import email_deliver

pytestmark = pytest.mark.django_db


class FlakyMailServer(EmailBackend):
    """The test outbox (locmem), unreachable while `failure` is set."""

    failure: Exception | None = None

    def send_messages(self, messages):
        if FlakyMailServer.failure is not None:
            raise FlakyMailServer.failure
        return super().send_messages(messages)


@pytest.fixture
def mail_server(settings):
    settings.EMAIL_BACKEND = f"{__name__}.FlakyMailServer"
    FlakyMailServer.failure = None
    yield FlakyMailServer
    FlakyMailServer.failure = None


@pytest.fixture
def database_queue(settings):
    """The production task backend: tasks are rows a worker runs later."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _queue(commit, to="ana@example.org", text="Link: https://glasnik.example/reset/abc"):
    with commit():
        email_queue(to=to, subject="Reset", text=text, html=f"<p>{text}</p>")
    return OutgoingEmail.objects.get(to=to)


def test_password_reset_asked_while_the_mail_server_is_down_arrives_when_it_is_back(
    client, make_person, mail_server, commit
):
    make_person("ana@example.org")
    mail_server.failure = ConnectionRefusedError(111, "Connection refused")

    with commit():
        response = client.post(reverse("account_reset_password"), {"email": "ana@example.org"})

    assert response.status_code == 302
    assert mail.outbox == []
    email = OutgoingEmail.objects.get()
    assert (email.status, email.attempts, email.last_error) == (
        Status.RETRYING,
        1,
        "ConnectionRefusedError",
    )
    assert timedelta(seconds=50) < email.next_attempt_at - timezone.now() <= timedelta(minutes=1)

    assert outgoing_emails_sweep() == {  # not due yet: nothing is tried
        "reclaimed": 0,
        "sent": 0,
        "failed": 0,
        "expired": 0,
        "deleted": 0,
    }
    mail_server.failure = None
    done = outgoing_emails_sweep(now=timezone.now() + timedelta(minutes=2))

    assert done["sent"] == 1
    [message] = mail.outbox
    assert message.to == ["ana@example.org"]
    assert "/en/accounts/password/reset/key/" in message.body
    email.refresh_from_db()
    assert (email.status, email.attempts, email.last_error) == (Status.SENT, 2, "")
    # The link is not kept once it has gone out.
    assert (email.text, email.html, email.attachments) == ("", "", [])


def test_email_failing_every_time_becomes_a_dead_letter_after_growing_pauses(
    mail_server, commit, client
):
    mail_server.failure = smtplib.SMTPServerDisconnected("gone")
    email = _queue(commit)
    assert timedelta(seconds=50) < email.next_attempt_at - timezone.now() <= timedelta(minutes=1)
    pauses = []

    while email.status == Status.RETRYING:
        tried_at = email.next_attempt_at
        outgoing_emails_sweep(now=tried_at)
        email.refresh_from_db()
        if email.status == Status.RETRYING:
            pauses.append(int((email.next_attempt_at - tried_at).total_seconds() // 60))

    assert email.status == Status.DEAD
    assert email.attempts == MAX_ATTEMPTS
    assert email.last_error == "SMTPServerDisconnected"
    assert pauses == [2, 4, 8, 16, 32, 64, 128, 240, 240, 240]
    assert mail.outbox == []
    assert "abc" in email.text  # kept for the administrator to resend
    health = client.get("/healthz").json()
    assert health["status"] == "degraded"
    assert health["email"] == {"state": "dead_letters", "waiting": 0, "retrying": 0, "dead": 1}


def test_recipient_refused_for_good_is_a_dead_letter_at_once(mail_server, commit):
    mail_server.failure = smtplib.SMTPRecipientsRefused(
        {"nobody@example.org": (550, b"No such user")}
    )

    email = _queue(commit, to="nobody@example.org")

    assert (email.status, email.attempts, email.last_error) == (
        Status.DEAD,
        1,
        "SMTPRecipientsRefused 550",
    )


def test_administrator_resends_a_dead_letter_from_the_admin(
    client, make_person, mail_server, commit
):
    mail_server.failure = smtplib.SMTPRecipientsRefused({"ana@example.org": (550, b"Full")})
    dead = _queue(commit)
    mail_server.failure = None
    sent = _queue(commit, to="boris@example.org")  # not dead: left alone
    administrator = make_person(is_staff=True, is_superuser=True)
    TOTP.activate(administrator, "GLASNIKTESTSECRETGLASNIKTESTSECR")
    login_with_second_factor(client, administrator)
    changelist = reverse("admin:core_outgoingemail_changelist")
    listing = client.get(changelist, {"status__exact": "dead"})
    assert listing.status_code == 200
    assert "ana@example.org" in listing.content.decode()
    assert "abc" not in listing.content.decode()  # the text (a link) is not shown

    with commit():
        response = client.post(
            changelist,
            {"action": "resend", "_selected_action": [str(dead.pk), str(sent.pk)]},
            follow=True,
        )

    assert "1 email will be sent again." in response.content.decode()
    assert "1 selected email was left alone" in response.content.decode()
    assert [message.to for message in mail.outbox] == [["boris@example.org"], ["ana@example.org"]]
    dead.refresh_from_db()
    assert (dead.status, dead.attempts, dead.text) == (Status.SENT, 1, "")
    entry = AuditLogEntry.objects.get(action="core.email.resent")
    assert (entry.actor, entry.data) == (administrator, {"email": str(dead.pk)})


def test_resend_of_a_message_that_is_no_longer_dead_does_nothing(make_person, mail_server, commit):
    email = _queue(commit)

    assert outgoing_email_resend(email=email, actor=make_person()) is False
    assert not AuditLogEntry.objects.filter(action="core.email.resent").exists()
    assert len(mail.outbox) == 1


def test_message_left_sending_by_a_dead_worker_is_taken_again_and_sent_once(mail_server, commit):
    now = timezone.now()
    stalled = OutgoingEmail.objects.create(
        to="ana@example.org",
        subject="Reset",
        text="Link",
        status=Status.SENDING,
        attempts=1,
        claimed_at=now - timedelta(minutes=20),
    )
    busy = OutgoingEmail.objects.create(
        to="boris@example.org",
        subject="Reset",
        text="Link",
        status=Status.SENDING,
        attempts=1,
        claimed_at=now - timedelta(minutes=2),  # a worker is still at it
    )

    first = outgoing_emails_sweep()
    second = outgoing_emails_sweep()

    assert (first["reclaimed"], first["sent"]) == (1, 1)
    assert (second["reclaimed"], second["sent"]) == (0, 0)
    assert [message.to for message in mail.outbox] == [["ana@example.org"]]
    stalled.refresh_from_db()
    busy.refresh_from_db()
    assert (stalled.status, stalled.attempts) == (Status.SENT, 2)
    assert (busy.status, busy.attempts) == (Status.SENDING, 1)


def test_the_next_delivery_takes_back_a_message_a_dead_worker_left(mail_server, commit):
    OutgoingEmail.objects.create(
        to="ana@example.org",
        subject="Reset",
        text="Link",
        status=Status.SENDING,
        attempts=1,
        claimed_at=timezone.now() - timedelta(minutes=20),
    )

    _queue(commit, to="boris@example.org")

    assert sorted(message.to[0] for message in mail.outbox) == [
        "ana@example.org",
        "boris@example.org",
    ]
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {Status.SENT}


def test_a_message_is_sent_once_however_often_its_delivery_runs(mail_server, commit):
    email = _queue(commit)

    assert outgoing_email_deliver(email_id=email.pk) is None
    email_deliver.call(email_id=str(email.pk))
    call_command("emails_send_due", stdout=None)

    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"].startswith(f"<{email.pk}@")


def test_task_table_holds_only_the_message_id(database_queue, mail_server, commit):
    email = _queue(commit)

    task = DBTaskResult.objects.get()
    assert task.args_kwargs == {"args": [], "kwargs": {"email_id": str(email.pk)}}
    assert task.priority == 10  # before other background work
    assert mail.outbox == []
    email_deliver.call(**task.args_kwargs["kwargs"])
    assert len(mail.outbox) == 1


def test_retry_is_scheduled_on_the_database_queue(database_queue, mail_server, commit):
    mail_server.failure = ConnectionRefusedError(111, "Connection refused")
    email = _queue(commit)
    queued = DBTaskResult.objects.get()

    with commit():
        email_deliver.call(**queued.args_kwargs["kwargs"])

    email.refresh_from_db()
    retry = DBTaskResult.objects.exclude(pk=queued.pk).get()
    assert retry.args_kwargs["kwargs"] == {"email_id": str(email.pk)}
    assert retry.run_after == email.next_attempt_at


def test_task_queued_before_the_outbox_is_still_delivered(mail_server, commit):
    with commit():
        email_deliver.call(to="ana@example.org", subject="Old", text="Body", html="")

    [message] = mail.outbox
    assert (message.subject, message.body) == ("Old", "Body")


def test_sweep_deletes_dead_letters_text_after_a_week_and_old_messages_after_a_month(
    mail_server, commit
):
    now = timezone.now()
    mail_server.failure = smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"No")})
    dead = _queue(commit, to="a@example.org")
    mail_server.failure = None
    sent = _queue(commit, to="b@example.org")

    outgoing_emails_sweep(now=now + timedelta(days=6))
    dead.refresh_from_db()
    assert (dead.status, "abc" in dead.text) == (Status.DEAD, True)

    outgoing_emails_sweep(now=now + timedelta(days=8))
    dead.refresh_from_db()
    assert (dead.status, dead.text, dead.html) == (Status.EXPIRED, "", "")
    assert OutgoingEmail.objects.filter(pk=sent.pk).exists()

    outgoing_emails_sweep(now=now + timedelta(days=31))
    assert not OutgoingEmail.objects.exists()


def _task(*, run_after=None, enqueued_ago=timedelta(0), status="READY"):
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {"email_id": "x"}},
        task_path="glasnik.core.tasks.email_deliver",
        backend_name="default",
        run_after=run_after,
        status=status,
        started_at=timezone.now() - enqueued_ago if status == "RUNNING" else None,
    )
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=timezone.now() - enqueued_ago)
    return task


def test_healthz_does_not_count_tasks_scheduled_for_later(client, database_queue):
    now = timezone.now()
    _task(run_after=now + timedelta(days=19), enqueued_ago=timedelta(hours=2))

    tasks = client.get("/healthz").json()["tasks"]

    assert tasks == {
        "backend": "database",
        "state": "ok",
        "waiting": 0,
        "oldest_waiting_seconds": 0,
        "scheduled": 1,
        "running_too_long": 0,
    }


def test_healthz_reports_lag_for_due_tasks_only(client, database_queue):
    now = timezone.now()
    _task(run_after=now + timedelta(days=19), enqueued_ago=timedelta(hours=2))
    _task(run_after=now - timedelta(minutes=20), enqueued_ago=timedelta(days=3))
    _task(enqueued_ago=timedelta(minutes=5))
    _task(status="RUNNING", enqueued_ago=timedelta(hours=1))

    health = client.get("/healthz").json()

    assert health["status"] == "degraded"
    tasks = health["tasks"]
    assert (tasks["state"], tasks["waiting"], tasks["scheduled"]) == ("lagging", 2, 1)
    # Due for 20 minutes (since its time came), not for the 3 days since it was queued.
    assert 20 * 60 <= tasks["oldest_waiting_seconds"] < 21 * 60
    assert tasks["running_too_long"] == 1


def test_healthz_says_degraded_while_the_mail_server_fails(client, mail_server, commit):
    mail_server.failure = ConnectionRefusedError(111, "Connection refused")
    _queue(commit)

    health = client.get("/healthz")

    assert health.status_code == 200  # the server can serve pages; monitoring alerts on this
    assert health.json()["status"] == "degraded"
    assert health.json()["email"] == {"state": "retrying", "waiting": 0, "retrying": 1, "dead": 0}


def test_abandoned_delivery_task_is_closed_when_its_message_is_taken_back(
    database_queue, mail_server
):
    abandoned = _task(status="RUNNING", enqueued_ago=timedelta(minutes=20))
    OutgoingEmail.objects.create(
        to="ana@example.org",
        subject="Reset",
        text="Link",
        status=Status.SENDING,
        attempts=1,
        claimed_at=timezone.now() - timedelta(minutes=20),
    )

    outgoing_emails_sweep()

    abandoned.refresh_from_db()
    assert abandoned.status == "FAILED"
    assert abandoned.exception_class_path == "glasnik.core.outbox.WorkerLost"
    assert len(mail.outbox) == 1


def _run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_worker_retries_later_and_delivers_when_the_mail_server_is_back(
    client, database_queue, mail_server
):
    mail_server.failure = ConnectionRefusedError(111, "Connection refused")
    email_queue(to="ana@example.org", subject="Reset", text="Link")

    _run_worker()

    email = OutgoingEmail.objects.get()
    assert (email.status, email.attempts) == (Status.RETRYING, 1)
    health = client.get("/healthz").json()
    assert (health["tasks"]["waiting"], health["tasks"]["scheduled"]) == (0, 1)
    assert health["email"]["state"] == "retrying"

    mail_server.failure = None
    # A minute later: the retry's time has come.
    past = timezone.now() - timedelta(seconds=1)
    OutgoingEmail.objects.update(next_attempt_at=past)
    DBTaskResult.objects.filter(status="READY").update(run_after=past)
    _run_worker()

    [message] = mail.outbox
    assert message.to == ["ana@example.org"]
    email.refresh_from_db()
    assert (email.status, email.attempts, email.text) == (Status.SENT, 2, "")
    assert client.get("/healthz").json()["status"] == "ok"
