from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import OutgoingEmail, OutgoingEmailStatus, TransliterationException
from .outbox import outgoing_email_discard, outgoing_email_resend
from .services import (
    transliteration_exception_check,
    transliteration_exception_delete,
    transliteration_exception_save,
)


class TransliterationExceptionForm(forms.ModelForm):
    class Meta:
        model = TransliterationException
        fields = ["latin", "cyrillic", "match", "note"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("latin") and cleaned.get("cyrillic"):
            transliteration_exception_check(latin=cleaned["latin"], cyrillic=cleaned["cyrillic"])
        return cleaned


@admin.register(TransliterationException)
class TransliterationExceptionAdmin(admin.ModelAdmin):
    form = TransliterationExceptionForm
    list_display = ["latin", "cyrillic", "match", "note", "created_at"]
    list_filter = ["match"]
    search_fields = ["latin", "cyrillic", "note"]
    readonly_fields = ["created_at"]

    def save_model(self, request, obj, form, change):
        transliteration_exception_save(
            exception=obj, actor=request.user, changed_fields=form.changed_data if change else None
        )

    def delete_model(self, request, obj):
        transliteration_exception_delete(exception=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for exception in queryset:
            transliteration_exception_delete(exception=exception, actor=request.user)


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """The outbox, for the platform administrator: what waits, what failed, and the dead letters
    to resend (after the mail server is fixed) or discard. Nobody edits a message, and its text
    is not shown here: it may hold a sign-in or password-reset link."""

    list_display = [
        "created_at",
        "to",
        "subject",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
        "finished_at",
    ]
    list_filter = ["status"]
    search_fields = ["to"]
    fields = list_display
    readonly_fields = list_display
    actions = ["resend", "discard"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_resend_permission(self, request):
        return request.user.has_perm("core.change_outgoingemail")

    @admin.action(description=_("Send the selected dead letters again"), permissions=["resend"])
    def resend(self, request, queryset):
        done = sum(
            outgoing_email_resend(email=email, actor=request.user)
            for email in queryset.filter(status=OutgoingEmailStatus.DEAD)
        )
        message = ngettext(
            "%(count)d email will be sent again.", "%(count)d emails will be sent again.", done
        )
        self._report(request, message % {"count": done}, queryset.count() - done)

    @admin.action(description=_("Discard the selected undelivered emails"), permissions=["resend"])
    def discard(self, request, queryset):
        undelivered = [OutgoingEmailStatus.DEAD, OutgoingEmailStatus.EXPIRED]
        done = sum(
            outgoing_email_discard(email=email, actor=request.user)
            for email in queryset.filter(status__in=undelivered)
        )
        message = ngettext("%(count)d email discarded.", "%(count)d emails discarded.", done)
        self._report(request, message % {"count": done}, queryset.count() - done)

    def _report(self, request, message: str, skipped: int) -> None:
        self.message_user(request, message, messages.SUCCESS)
        if skipped > 0:
            self.message_user(
                request,
                ngettext(
                    "%(count)d selected email was left alone: only undelivered emails "
                    "can be sent again or discarded, and only those whose text is still kept "
                    "can be sent again.",
                    "%(count)d selected emails were left alone: only undelivered emails "
                    "can be sent again or discarded, and only those whose text is still kept "
                    "can be sent again.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )
