"""Admin for programmes. Decisions (enrolments, invitations, the team) are taken on the
programme's own pages through the services; the admin shows them and lets administrators
correct a programme's page or phases, with an audit entry."""

from django.contrib import admin

from glasnik.audit.services import log_action

from .models import Enrolment, Invitation, Phase, Program


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0
    fields = ["position", "kind", "title", "starts_on", "ends_on"]


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "organization", "enrolment_policy", "is_published"]
    list_filter = ["is_published", "enrolment_policy"]
    search_fields = ["name", "slug"]
    list_select_related = ["organization"]
    autocomplete_fields = ["organization"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "updated_at"]
    inlines = [PhaseInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        log_action(
            "programs.program.changed" if change else "programs.program.created",
            actor=request.user,
            target=obj,
            data={"fields": sorted(form.changed_data), "via": "admin"},
        )


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Enrolment)
class EnrolmentAdmin(ReadOnlyAdmin):
    list_display = ["person", "program", "organization", "status", "created_at"]
    list_filter = ["status", "program"]
    list_select_related = ["person", "program", "organization"]
    search_fields = ["person__email", "person__last_name", "organization__name"]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ["email", "program", "created_at", "accepted_at"]
    list_filter = ["program"]
    list_select_related = ["program"]
    search_fields = ["email"]
    exclude = ["token"]
