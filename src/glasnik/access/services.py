from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import F

from glasnik.audit.services import log_action

from .models import Role, RoleGrant
from .selectors import forget_cached_grants


@transaction.atomic
def role_grant(*, person, role: str, scope: models.Model | None = None, actor=None) -> RoleGrant:
    """Give `person` the `role` on `scope`. Idempotent. Only the platform administrator role
    is unscoped."""
    if (scope is None) != (role == Role.PLATFORM_ADMIN):
        raise ValueError("Only the platform administrator role is granted without a scope.")
    scope_type = ContentType.objects.get_for_model(scope) if scope is not None else None
    grant, created = RoleGrant.objects.get_or_create(
        person=person,
        role=role,
        scope_type=scope_type,
        scope_id=scope.pk if scope is not None else None,
    )
    if created:
        log_action(
            "access.role.granted",
            actor=actor,
            target=person,
            scope=scope,
            data={"role": role},
        )
        _access_changed(person)
    forget_cached_grants(person)
    return grant


@transaction.atomic
def role_revoke(*, person, role: str, scope: models.Model | None = None, actor=None) -> bool:
    scope_type = ContentType.objects.get_for_model(scope) if scope is not None else None
    deleted, _ = RoleGrant.objects.filter(
        person=person,
        role=role,
        scope_type=scope_type,
        scope_id=scope.pk if scope is not None else None,
    ).delete()
    if deleted:
        log_action(
            "access.role.revoked", actor=actor, target=person, scope=scope, data={"role": role}
        )
        _access_changed(person)
    forget_cached_grants(person)
    return bool(deleted)


def _access_changed(person) -> None:
    """Raise the person's access_version in the caller's transaction: every process sees the
    new version on the person's next request and reads their grants again, whatever its own
    cache still holds. Saving the person also drops them from the cache (accounts.apps)."""
    person.access_version = F("access_version") + 1
    person.save(update_fields=["access_version"])
    person.refresh_from_db(fields=["access_version"])
