"""Helpers for forms shared by every app."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


def form_add_service_errors(form, error: ValidationError) -> None:
    """Put a service's `ValidationError` on `form`: beside the field it names when the form has
    that field, above the form otherwise, so nothing typed is lost and every message shows."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class ListSelect(forms.Select):
    """A select of plain options (no groups) drawn in one pass. Django draws every option
    through a template of its own; for the filters of the lists of institutions and of a
    network's members (a hundred regions and kinds) that was a third of the page's work
    (benchmarks/RESULTS.md, 2026-12-08). The HTML is the same as Django's."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))
        options = format_html_join(
            "\n",
            '  <option value="{}"{}>{}</option>',
            (
                (
                    str(option_value),
                    mark_safe(" selected") if str(option_value) in selected else "",
                    label,
                )
                for option_value, label in self.choices
            ),
        )
        return format_html(
            '<select name="{}"{}>\n{}\n</select>',
            name,
            _attributes(self.build_attrs(self.attrs, attrs)),
            options,
        )


def _attributes(attrs: dict) -> str:
    """Attributes as Django's widgets draw them (django/forms/widgets/attrs.html): in their
    order, True as a bare name, False left out."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )
