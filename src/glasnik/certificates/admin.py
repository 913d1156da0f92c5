from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Certificate, CertificateBatch
from .services import certificate_revoke


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["holder_name", "kind", "title", "dates", "issued_at", "revoked_at"]
    list_filter = ["kind", "language", "issued_at", "revoked_at"]
    search_fields = ["holder_name", "title", "person__email", "code"]
    list_select_related = ["person"]
    raw_id_fields = ["person", "event", "program", "issued_by"]
    date_hierarchy = "issued_at"
    actions = ["revoke"]

    # A certificate says what was frozen when it was issued: issue and revoke through the
    # services (the organisers' pages or the action below), never edit one here.
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Revoke the selected certificates"))
    def revoke(self, request, queryset):
        for certificate in queryset.filter(revoked_at__isnull=True):
            certificate_revoke(certificate=certificate, actor=request.user)
        count = queryset.count()
        self.message_user(
            request,
            ngettext("%(count)d certificate revoked.", "%(count)d certificates revoked.", count)
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(CertificateBatch)
class CertificateBatchAdmin(admin.ModelAdmin):
    list_display = ["event", "program", "status", "issued_count", "created_at", "finished_at"]
    list_filter = ["status"]
    list_select_related = ["event", "program"]
    readonly_fields = [
        "event",
        "program",
        "requested_by",
        "status",
        "issued_count",
        "already_count",
        "skipped",
        "created_at",
        "finished_at",
    ]

    def has_add_permission(self, request) -> bool:
        return False
