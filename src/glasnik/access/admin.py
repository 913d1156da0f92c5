from django.contrib import admin

from .models import RoleGrant


@admin.register(RoleGrant)
class RoleGrantAdmin(admin.ModelAdmin):
    list_display = ["person", "role", "scope_type", "scope_id", "granted_at"]
    list_filter = ["role", "scope_type"]
    search_fields = ["person__email", "person__last_name"]
    raw_id_fields = ["person"]
