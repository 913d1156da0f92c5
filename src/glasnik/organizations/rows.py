"""The rows of the public list of institutions, each drawn once per language and kept in its
institution's cache namespace, so that a page of fifty costs one round trip to the cache
instead of fifty institutions read and fifty rows of names, kinds and links drawn by the
template engine.

A row goes with `object_cache_clear("organization", pk)`, which `OrganizationsConfig.ready`
calls whenever the institution is saved or deleted, and for its children too (a row names its
parent)."""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from glasnik.core.object_cache import (
    object_cache_clear,
    object_cache_keep_many,
    object_cache_read_many,
)

from .models import Organization

ROW_ENTRY = "list-row"
ROW_SECONDS = 24 * 3600
ROW_TEMPLATE = "organizations/_list_row.html"


def organization_rows(organization_ids) -> list:
    """The rows of the institutions `organization_ids`, in their order: the kept ones from one
    round trip to the cache, the rest read (with their parents) in one query and drawn."""
    organization_ids = list(organization_ids)
    name = f"{ROW_ENTRY}:{get_language()}"
    reads = object_cache_read_many("organization", organization_ids, name)
    missing = [pk for pk, read in reads.items() if name not in read]
    drawn = {
        organization.pk: render_to_string(ROW_TEMPLATE, {"organization": organization})
        for organization in (
            Organization.objects.select_related("parent").filter(pk__in=missing) if missing else []
        )
    }
    object_cache_keep_many(reads.values(), name, drawn, ROW_SECONDS)
    rows = [drawn.get(pk) or reads[pk].get(name) for pk in organization_ids]
    # An institution deleted since its number was read has no row.
    return [mark_safe(row) for row in rows if row]  # noqa: S308 - drawn by our template


def organization_rows_forget(organization_id: int) -> None:
    """Drop what is kept about the institution and its children (whose rows name it)."""
    object_cache_clear("organization", organization_id)
    for child_id in Organization.objects.filter(parent_id=organization_id).values_list(
        "pk", flat=True
    ):
        object_cache_clear("organization", child_id)
