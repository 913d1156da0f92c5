"""Writes to organizations. The CSV importer is long enough to live in `importing`."""

from .importing import (
    ImportResult,
    ImportSource,
    OrganizationImportError,
    organizations_import,
    organizations_import_paths,
)
from .reference import reference_organizations_load

__all__ = [
    "ImportResult",
    "ImportSource",
    "OrganizationImportError",
    "organizations_import",
    "organizations_import_paths",
    "reference_organizations_load",
]
