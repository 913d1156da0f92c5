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
