"""Admin for calls and statements. Calls are edited and statements decided on the network's own
pages, through the services; the admin shows them and decides through the same services."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from .models import Call, Statement, StatementAnswer, StatementQuestion
from .services.calls import Decision, statements_decide


class StatementQuestionInline(admin.TabularInline):
    model = StatementQuestion
    fields = ["position", "kind", "label", "is_required"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    """Read-only: the organisers' pages validate dates in the network's time zone and log edits."""

    list_display = ["title", "network", "opens_at", "closes_at", "is_published"]
    list_filter = ["is_published", "network"]
    search_fields = ["title", "slug"]
    list_select_related = ["network"]
    inlines = [StatementQuestionInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class StatementAnswerInline(admin.TabularInline):
    model = StatementAnswer
    fields = ["question", "value"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.action(description=_("Approve the selected statements"))
def approve_statements(modeladmin, request, queryset):
    changed = statements_decide(
        statements=list(queryset), actor=request.user, decision=Decision.APPROVE
    )
    modeladmin.message_user(
        request, _("Statements approved: %(count)d.") % {"count": changed}, messages.SUCCESS
    )


@admin.action(description=_("Decline the selected statements"))
def decline_statements(modeladmin, request, queryset):
    changed = statements_decide(
        statements=list(queryset), actor=request.user, decision=Decision.DECLINE
    )
    modeladmin.message_user(
        request, _("Statements declined: %(count)d.") % {"count": changed}, messages.SUCCESS
    )


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["person", "call", "organization", "status", "submitted_at"]
    list_filter = ["status", "call__network"]
    search_fields = ["person__email", "person__last_name", "organization__name"]
    list_select_related = ["person", "call", "organization"]
    inlines = [StatementAnswerInline]
    actions = [approve_statements, decline_statements]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Read-only pages; the list's actions decide through the services.
        return obj is None and super().has_change_permission(request, obj)
