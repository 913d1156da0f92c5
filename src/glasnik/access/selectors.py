from django.contrib.contenttypes.models import ContentType
from django.db import models

from glasnik.core.object_cache import object_cache_clear, object_cache_read

from .models import Role, RoleGrant

GRANTS_CACHE_SECONDS = 3600
# The person's grants are kept under the person's namespace (glasnik.core.object_cache).
GRANTS_ENTRY = "person:grants"


def _grants(user) -> list[tuple[str, int | None, int | None]]:
    """All of a person's grants as (role, scope_type_id, scope_id): kept on the person for the
    request (`request_state`) and in the cache between requests, with the person's
    access_version they were read at; grants of another version are read again (role_grant and
    role_revoke raise it)."""
    if not getattr(user, "is_authenticated", False):
        return []
    state = user.request_state
    if state.grants is None:
        read = object_cache_read("person", user.pk, [GRANTS_ENTRY])
        if not remember_grants(user, read.get(GRANTS_ENTRY)):
            version = user.access_version
            grants = list(
                RoleGrant.objects.filter(person_id=user.pk).values_list(
                    "role", "scope_type_id", "scope_id"
                )
            )
            read.keep(GRANTS_ENTRY, (version, grants), GRANTS_CACHE_SECONDS)
            state.grants = grants
    return state.grants


def remember_grants(user, stored) -> bool:
    """Hold grants read from the cache (here or by the authentication backend) for the request
    if they are of the person's current access_version; say whether they were."""
    if not (isinstance(stored, tuple) and len(stored) == 2 and stored[0] == user.access_version):
        return False
    user.request_state.grants = stored[1]
    return True


def forget_cached_grants(user) -> None:
    """Drop the person's grants from this request and, once the change commits, everything
    the cache keeps about them."""
    user.request_state.grants = None
    object_cache_clear("person", user.pk)


def user_is_platform_admin(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or any(role == Role.PLATFORM_ADMIN for role, _, _ in _grants(user))


def user_has_role(user, role: str, scope: models.Model | None = None) -> bool:
    """Whether the person holds `role` on `scope` (or on anything, when scope is None)."""
    grants = _grants(user)
    if scope is None:
        return any(granted == role for granted, _, _ in grants)
    scope_type_id = ContentType.objects.get_for_model(scope).pk
    return any(
        granted == role and type_id == scope_type_id and scope_id == scope.pk
        for granted, type_id, scope_id in grants
    )


def user_roles(user) -> set[str]:
    return {role for role, _, _ in _grants(user)}


def organiser_scopes(user) -> list[tuple[int, int]]:
    return [
        (type_id, scope_id)
        for role, type_id, scope_id in _grants(user)
        if role == Role.ORGANISER and type_id is not None
    ]


def organised_ids(user, model: type[models.Model]) -> list[int]:
    """The ids of the `model` objects (networks, programmes) the person organises, from the
    grants already read for the request: no query."""
    type_id = ContentType.objects.get_for_model(model).pk
    return sorted(
        scope_id for scope_type_id, scope_id in organiser_scopes(user) if scope_type_id == type_id
    )


def role_holders(role: str, scope: models.Model):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(
        role_grants__role=role,
        role_grants__scope_type=ContentType.objects.get_for_model(scope),
        role_grants__scope_id=scope.pk,
    )
