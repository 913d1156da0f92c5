"""The rows of the public list of institutions, each drawn once per language and kept in its
institution's cache namespace, so that a page of fifty costs one round trip to the cache
instead of fifty rows of names, kinds and links drawn by the template engine.

A row goes with `object_cache_clear("organization", pk)`, which `OrganizationsConfig.ready`
calls whenever the institution is saved or deleted, and for its children too (a row names its
parent)."""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from glasnik.core.object_cache import object_cache_clear, object_cache_many

ROW_ENTRY = "list-row"
ROW_SECONDS = 24 * 3600
ROW_TEMPLATE = "organizations/_list_row.html"


def organization_rows(organizations) -> list:
    rows = object_cache_many(
        "organization",
        organizations,
        f"{ROW_ENTRY}:{get_language()}",
        lambda organization: render_to_string(ROW_TEMPLATE, {"organization": organization}),
        ROW_SECONDS,
    )
    return [mark_safe(row) for row in rows]  # noqa: S308 - drawn by our template, escaped there


def organization_rows_forget(organization_id: int) -> None:
    """Drop what is kept about the institution and its children (whose rows name it)."""
    from .models import Organization

    object_cache_clear("organization", organization_id)
    for child_id in Organization.objects.filter(parent_id=organization_id).values_list(
        "pk", flat=True
    ):
        object_cache_clear("organization", child_id)
