from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from .models import OutgoingEmail
from .models import OutgoingEmailStatus as Status

# A due task waiting longer than this means the workers do not keep up.
LAG_LIMIT = timedelta(minutes=15)


def task_queue_state() -> dict:
    """Backlog of the database task queue: how many due tasks wait and how long the one due
    longest has waited. A task scheduled for later (a reminder next month) is not waiting until
    its time comes: it is counted apart, as is a task a worker took and never finished."""
    backend = settings.TASKS["default"]["BACKEND"]
    if backend != "django_tasks_db.DatabaseBackend":
        return {"backend": backend.rsplit(".", 1)[-1], "state": "ok"}
    from django_tasks_db.models import DBTaskResult, get_date_max

    now = timezone.now()
    waiting = DBTaskResult.objects.ready()
    # A task queued to run at once is due since it was queued; one scheduled, since its time.
    due_since = [
        waiting.filter(run_after=get_date_max())
        .order_by("enqueued_at")
        .values_list("enqueued_at", flat=True)[:1],
        waiting.exclude(run_after=get_date_max())
        .order_by("run_after")
        .values_list("run_after", flat=True)[:1],
    ]
    oldest = min((moment for query in due_since for moment in query), default=now)
    age = max((now - oldest).total_seconds(), 0)
    counts = DBTaskResult.objects.aggregate(
        waiting=Count(
            "pk",
            filter=Q(status="READY") & (Q(run_after=get_date_max()) | Q(run_after__lte=now)),
        ),
        scheduled=Count(
            "pk", filter=Q(status="READY", run_after__gt=now) & ~Q(run_after=get_date_max())
        ),
        running_too_long=Count("pk", filter=Q(status="RUNNING", started_at__lt=now - LAG_LIMIT)),
    )
    return {
        "backend": "database",
        "state": "ok" if age < LAG_LIMIT.total_seconds() else "lagging",
        "waiting": counts["waiting"],
        "oldest_waiting_seconds": int(age),
        "scheduled": counts["scheduled"],
        "running_too_long": counts["running_too_long"],
    }


def email_queue_state() -> dict:
    """The outbox (glasnik.core.outbox) in numbers: messages due to be sent, waiting to be tried
    again after a failure, and dead letters for an administrator. "ok" when none is failing."""
    now = timezone.now()
    counts = OutgoingEmail.objects.aggregate(
        waiting=Count(
            "pk",
            filter=Q(status=Status.QUEUED) | Q(status=Status.RETRYING, next_attempt_at__lte=now),
        ),
        retrying=Count("pk", filter=Q(status=Status.RETRYING)),
        dead=Count("pk", filter=Q(status=Status.DEAD)),
    )
    if counts["dead"]:
        state = "dead_letters"
    elif counts["retrying"]:
        state = "retrying"
    else:
        state = "ok"
    return {"state": state, **counts}
