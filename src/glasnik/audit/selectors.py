from django.db.models import Q, QuerySet

from glasnik.access.selectors import organiser_scopes, user_is_platform_admin

from .models import AuditLogEntry


def audit_entries_for_user(user, *, action_prefix: str = "") -> QuerySet[AuditLogEntry]:
    """The entries a person may read: everything for a platform administrator, otherwise the
    entries scoped to what they organise."""
    entries = AuditLogEntry.objects.select_related("actor", "target_type")
    if not user_is_platform_admin(user):
        scopes = organiser_scopes(user)
        if not scopes:
            return entries.none()
        condition = Q()
        for scope_type_id, scope_id in scopes:
            condition |= Q(scope_type_id=scope_type_id, scope_id=scope_id)
        entries = entries.filter(condition)
    if action_prefix:
        entries = entries.filter(action__startswith=action_prefix)
    return entries
