from django.contrib import admin
from django.db import models

from .models import Organization
from .search import search_terms
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

    def get_search_results(self, request, queryset, search_term):
        # Also by the search key, so "nis", "Ниш" and "NIŠ" find "Grad Niš" here (and in the
        # autocomplete of every admin form that links to an institution) as on the site.
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        terms = search_terms(search_term)
        if terms:
            found |= queryset.filter(search_name__contains=terms[0])
        return found, may_have_duplicates

    def save_model(self, request, obj, form, change):
        organization_save(
            organization=obj,
            actor=request.user,
            changed_fields=form.changed_data if change else None,
        )
