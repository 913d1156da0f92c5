"""The reference lists of local self-government units shipped in `data/`."""

from pathlib import Path
from typing import Any

from .importing import ImportResult, organizations_import_paths

REFERENCE_DATA_DIR = Path(__file__).resolve().parent / "data"
REFERENCE_FILES = tuple(
    REFERENCE_DATA_DIR / f"{prefix}_municipalities.csv" for prefix in ("rs", "ba", "si")
)


def reference_organizations_load(*, actor: Any = None) -> ImportResult:
    """Create or update the municipalities, cities, cantons and entities of RS, BA and SI.

    Safe to run again: rows match existing organizations, and columns the files leave out
    (website, email) keep what organisers entered.
    """
    return organizations_import_paths(paths=REFERENCE_FILES, actor=actor)
