"""The admin shows competitions for inspection. Changes go through the services (the organiser
pages), which check the rules and write the audit log, so everything here is read-only."""

from django.contrib import admin

from .models import Category, Competition, Conflict, Criterion, Entry, Juror, ScoreSheet, Vote


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CategoryInline(admin.TabularInline):
    model = Category
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CriterionInline(CategoryInline):
    model = Criterion


@admin.register(Competition)
class CompetitionAdmin(ReadOnlyAdmin):
    list_display = ["title", "slug", "program", "method", "is_imported", "results_published_at"]
    list_filter = ["method", "is_imported"]
    search_fields = ["title", "slug"]
    inlines = [CategoryInline, CriterionInline]


@admin.register(Entry)
class EntryAdmin(ReadOnlyAdmin):
    list_display = ["institution", "category", "competition", "status", "submitted_at"]
    list_filter = ["status"]
    list_select_related = ["institution", "category", "competition"]


@admin.register(Juror)
class JurorAdmin(ReadOnlyAdmin):
    list_display = ["person", "competition"]
    list_select_related = ["person", "competition"]


@admin.register(Conflict)
class ConflictAdmin(ReadOnlyAdmin):
    list_display = ["juror", "entry", "declared_at"]
    list_select_related = ["juror__person", "entry__institution", "entry__category"]


@admin.register(ScoreSheet)
class ScoreSheetAdmin(ReadOnlyAdmin):
    list_display = ["juror", "entry", "updated_at"]
    list_select_related = ["juror__person", "entry__institution", "entry__category"]


@admin.register(Vote)
class VoteAdmin(ReadOnlyAdmin):
    list_display = ["entry", "category", "created_at"]
    list_select_related = ["entry__institution", "entry__category", "category"]
