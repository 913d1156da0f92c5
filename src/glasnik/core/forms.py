"""Helpers for forms shared by every app."""

from django.core.exceptions import ValidationError


def form_add_service_errors(form, error: ValidationError) -> None:
    """Put a service's `ValidationError` on `form`: beside the field it names when the form has
    that field, above the form otherwise, so nothing typed is lost and every message shows."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
