from django.contrib import admin

from .models import RoleGrant
from .services import role_grant, role_revoke


@admin.register(RoleGrant)
class RoleGrantAdmin(admin.ModelAdmin):
    """Grants are added and removed through the services, so every change is in the audit log."""

    list_display = ["person", "role", "scope_type", "scope_id", "granted_at"]
    list_filter = ["role", "scope_type"]
    search_fields = ["person__email", "person__last_name"]
    raw_id_fields = ["person"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        grant = role_grant(person=obj.person, role=obj.role, scope=obj.scope, actor=request.user)
        obj.pk = grant.pk

    def delete_model(self, request, obj):
        role_revoke(person=obj.person, role=obj.role, scope=obj.scope, actor=request.user)

    def delete_queryset(self, request, queryset):
        for grant in queryset.select_related("person"):
            self.delete_model(request, grant)
