from django.contrib import admin
from django.db import models

from .models import Organization
from .services import organization_save


class ChildInline(admin.TabularInline):
    model = Organization
    fk_name = "parent"
    fields = ["name", "kind", "official_code", "population"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "name_cyrillic", "kind", "country", "region", "official_code", "parent"]
    list_filter = ["country", "kind"]
    search_fields = ["name", "name_cyrillic", "official_code"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["country", "name"]}
    readonly_fields = ["created_at", "updated_at"]
    inlines = [ChildInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request, obj, form, change):
        organization_save(
            organization=obj,
            actor=request.user,
            changed_fields=form.changed_data if change else None,
        )
