from datetime import UTC, datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditLogEntry


def log_action(
    action: str,
    *,
    actor: Any = None,
    target: models.Model | None = None,
    scope: models.Model | None = None,
    data: dict | None = None,
) -> AuditLogEntry:
    """Record a decision. `scope` is the object whose organisers may read the entry
    (defaults to the target). Keep personal data out of `data`: ids and field names, not values."""
    scope = scope if scope is not None else target
    actor = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditLogEntry.objects.create(
        action=action,
        actor=actor,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=target.pk if target is not None else None,
        target_label=str(target)[:255] if target is not None else "",
        scope_type=ContentType.objects.get_for_model(scope) if scope is not None else None,
        scope_id=scope.pk if scope is not None else None,
        data=data or {},
    )


def log_anonymous_action(
    action: str,
    *,
    target: models.Model,
    scope: models.Model | None = None,
    day: datetime,
) -> AuditLogEntry:
    """Count an anonymous act (an anonymous answer) instead of recording it: one entry per
    action, target and day, without actor, dated at the start of the day, whose
    `data["count"]` goes up by one. No entry has an exact time, so nothing in the log puts one
    answer next to what its author did before or after it.

    Call it in the transaction that writes the anonymous answer, never in the one that writes
    who answered. The target's row is locked, so two answers at the same moment count in one
    entry."""
    day = day.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    list(type(target)._default_manager.select_for_update().filter(pk=target.pk).values("pk"))
    target_type = ContentType.objects.get_for_model(target)
    entry = (
        AuditLogEntry.objects.select_for_update()
        .filter(
            action=action,
            actor=None,
            target_type=target_type,
            target_id=target.pk,
            created_at=day,
            data__anonymous=True,
        )
        .first()
    )
    if entry is None:
        entry = log_action(action, target=target, scope=scope, data={"anonymous": True, "count": 0})
        # created_at is set on insert (auto_now_add); the day replaces it in the same transaction.
        entry.created_at = day
    entry.data["count"] = entry.data.get("count", 0) + 1
    AuditLogEntry.objects.filter(pk=entry.pk).update(created_at=day, data=entry.data)
    return entry
