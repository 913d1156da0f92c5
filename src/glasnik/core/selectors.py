from datetime import timedelta

from django.conf import settings
from django.utils import timezone


def task_queue_state() -> dict:
    """Backlog of the database task queue: how many wait and how long the oldest has waited."""
    backend = settings.TASKS["default"]["BACKEND"]
    if backend != "django_tasks_db.DatabaseBackend":
        return {"backend": backend.rsplit(".", 1)[-1], "state": "ok"}
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(status="READY")
    oldest = waiting.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    age = (timezone.now() - oldest).total_seconds() if oldest else 0
    return {
        "backend": "database",
        "state": "ok" if age < timedelta(minutes=15).total_seconds() else "lagging",
        "waiting": waiting.count(),
        "oldest_waiting_seconds": int(age),
    }
