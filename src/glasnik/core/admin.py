from django import forms
from django.contrib import admin

from .models import TransliterationException
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
