"""Writes to organizations. The CSV importer is long enough to live in `importing`."""

from typing import Any

from django.db import transaction

from glasnik.audit.services import log_action

from .importing import (
    ImportResult,
    ImportSource,
    OrganizationImportError,
    organizations_import,
    organizations_import_paths,
)
from .models import Organization
from .reference import reference_organizations_load
from .search import organization_search_text
from .signals import organization_renamed

__all__ = [
    "ImportResult",
    "ImportSource",
    "OrganizationImportError",
    "organization_save",
    "organizations_import",
    "organizations_import_paths",
    "reference_organizations_load",
]


def organization_save(
    *, organization: Organization, actor: Any, changed_fields: list[str] | None
) -> Organization:
    """Save an organization edited by hand (the admin). `changed_fields` is None for a new one."""
    created = organization.pk is None
    organization.search_name = organization_search_text(
        name=organization.name, name_cyrillic=organization.name_cyrillic
    )
    with transaction.atomic():
        organization.save()
        log_action(
            "organizations.organization.created"
            if created
            else "organizations.organization.changed",
            actor=actor,
            target=organization,
            data={} if created else {"fields": sorted(changed_fields or [])},
        )
        if not created and {"name", "name_cyrillic"} & set(changed_fields or []):
            organization_renamed.send(sender=Organization, organization_ids=[organization.pk])
    return organization
