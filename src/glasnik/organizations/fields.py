"""Choosing an institution on a form: a search, never a list of every institution.

`InstitutionChoiceField` checks the chosen id on the server (an id that is not an institution the
field accepts is refused with a message) and keeps the search and the choice when the form comes
back with an error. Its widget is a search field with the matching institutions as radio buttons,
which works without JavaScript: the field's Search button sends the form, and
`InstitutionSearchFormMixin` shows it again with the matches and everything typed, nothing checked
and nothing saved. With JavaScript, static/js/combobox.js makes the search field a combobox (the
WAI-ARIA pattern with a listbox popup) and htmx asks `organizations:choices` for the matches as the
person types.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict, flatatt
from django.forms.widgets import Script
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Organization
from .selectors import (
    CHOICE_QUERY_MAX_LENGTH,
    CHOICE_QUERY_MIN_LENGTH,
    organization_choosable,
    organizations_matching,
)

QUERY_SUFFIX = "_q"  # the search field's name: "<field>_q"
SEARCH_SUFFIX = "_search"  # the Search button's name (without JavaScript): "<field>_search"
_ID = re.compile(r"[0-9]{1,18}")
_HTML_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,99}")


@dataclass(frozen=True)
class InstitutionInput:
    """What a person sent for the field: the search they typed and the institution they picked."""

    query: str = ""
    chosen: str = ""


def _as_input(value) -> InstitutionInput:
    if isinstance(value, InstitutionInput):
        return value
    if isinstance(value, Organization):
        return InstitutionInput(chosen=str(value.pk))
    return InstitutionInput(chosen="" if value is None else str(value))


def _chosen_id(value: str) -> int | None:
    value = value.strip()
    return int(value) if _ID.fullmatch(value) else None


def html_name_or(value: str, default: str) -> str:
    """A field's name or id as sent to the search: letters, digits, "_" and "-" only."""
    return value if _HTML_NAME.fullmatch(value) else default


def institution_choices(
    *,
    name: str,
    id_prefix: str,
    query: str,
    chosen: Organization | None = None,
    suggested=(),
    kinds: tuple[str, ...] = (),
) -> dict:
    """What the field offers: the chosen institution first, then the matches for the query (or,
    before a search, the suggestions), and what the status line says about them."""
    query = query.strip()[:CHOICE_QUERY_MAX_LENGTH]
    searched = len(query) >= CHOICE_QUERY_MIN_LENGTH
    if searched:
        matches, total = organizations_matching(query, kinds=kinds)
    else:
        matches, total = list(suggested), 0
    offered = ([chosen] if chosen else []) + [item for item in matches if item != chosen]
    return {
        "name": name,
        "id": id_prefix,
        "query": query,
        "searched": searched,
        "total": total,
        "shown": len(matches),
        "options": [
            {
                "value": organization.pk,
                "label": organization.name,
                "detail": f"{organization.get_kind_display()}, "
                f"{organization.get_country_display()}",
                "selected": organization == chosen,
            }
            for organization in offered
        ],
    }


class InstitutionSearchWidget(forms.Widget):
    template_name = "organizations/widgets/institution_search.html"

    class Media:
        css = {"all": ["css/combobox.css"]}
        js = [Script("js/combobox.js", defer=True)]

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.kinds: tuple[str, ...] = ()
        self.suggested = ()

    def value_from_datadict(self, data, files, name):
        return InstitutionInput(
            query=str(data.get(name + QUERY_SUFFIX, ""))[:CHOICE_QUERY_MAX_LENGTH],
            chosen=str(data.get(name, "")),
        )

    def value_omitted_from_data(self, data, files, name):
        return name not in data and name + QUERY_SUFFIX not in data

    def id_for_label(self, id_):
        # The label names the search field, which the person types into.
        return f"{id_}{QUERY_SUFFIX}" if id_ else id_

    def use_required_attribute(self, initial):
        # A required search box would stop a form whose institution is already picked.
        return False

    def search_url(self, *, name: str, id_prefix: str) -> str:
        params = [("name", name), ("id", id_prefix), *(("kind", kind) for kind in self.kinds)]
        return f"{reverse('organizations:choices')}?{urlencode(params)}"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        sent = _as_input(value)
        widget_attrs = context["widget"]["attrs"]
        id_prefix = widget_attrs.get("id") or f"id_{name}"
        described_by = " ".join(
            filter(None, [widget_attrs.get("aria-describedby"), f"{id_prefix}_status"])
        )
        input_attrs = {
            key: value
            for key, value in widget_attrs.items()
            if key not in ("id", "required", "aria-describedby")
        }
        input_attrs |= {
            "aria-describedby": described_by,
            "aria-required": "true" if self.is_required else False,
        }
        chosen = organization_choosable(_chosen_id(sent.chosen), kinds=self.kinds)
        context["widget"].update(
            {
                "id": id_prefix,
                "query": sent.query,
                "input_attrs": flatatt(
                    {key: value for key, value in input_attrs.items() if value is not False}
                ),
                "search_url": self.search_url(name=name, id_prefix=id_prefix),
                "choices": institution_choices(
                    name=name,
                    id_prefix=id_prefix,
                    query=sent.query,
                    chosen=chosen,
                    suggested=self.suggested,
                    kinds=self.kinds,
                ),
            }
        )
        return context


class InstitutionChoiceField(forms.Field):
    """An institution, chosen by searching for it; `kinds` limits which kinds it accepts."""

    widget = InstitutionSearchWidget
    default_error_messages = {
        "required": _("Choose an institution: search for it by name and pick it from the list."),
        "not_picked": _(
            "Pick one of the institutions found, or search again with another part of the name."
        ),
        "invalid_choice": _(
            "This institution cannot be chosen here. Search for it by name and pick it from "
            "the list."
        ),
    }

    def __init__(self, *, kinds=(), **kwargs):
        super().__init__(**kwargs)
        self.kinds = tuple(kinds)
        self.widget.kinds = self.kinds

    def suggest(self, organizations) -> None:
        """Institutions to offer before the person searches (their own, for example)."""
        self.widget.suggested = list(organizations)

    def to_python(self, value) -> Organization | None:
        sent = _as_input(value)
        if not sent.chosen.strip():
            return None
        organization = organization_choosable(_chosen_id(sent.chosen), kinds=self.kinds)
        if organization is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return organization

    def clean(self, value):
        organization = self.to_python(value)
        if organization is None and self.required:
            message = "not_picked" if _as_input(value).query.strip() else "required"
            raise ValidationError(self.error_messages[message], code="required")
        self.run_validators(organization)
        return organization

    def has_changed(self, initial, data) -> bool:
        return _as_input(initial).chosen != _as_input(data).chosen


class InstitutionSearchFormMixin:
    """For a form with an `InstitutionChoiceField`. Without JavaScript the field's Search button
    sends the whole form: it comes back with the matching institutions and everything typed,
    with no errors (nothing was checked yet) and nothing saved."""

    @property
    def searching(self) -> bool:
        return self.is_bound and any(
            self.add_prefix(name) + SEARCH_SUFFIX in self.data
            for name, field in self.fields.items()
            if isinstance(field, InstitutionChoiceField)
        )

    def full_clean(self):
        super().full_clean()
        if self.searching:
            self._errors = ErrorDict(renderer=self.renderer)

    def is_valid(self) -> bool:
        return not self.searching and super().is_valid()
