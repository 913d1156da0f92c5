"""Import organizations from CSV files: validate everything first, then write all or nothing.

Columns: country, code, name, name_cyrillic, kind, parent, population (required) and region,
website, email (optional). A row updates the organization with the same (country, code), or, when
the row has no code, the same (country, name); otherwise it creates one. `parent` names another
organization of the same country by name or code, in the database or anywhere in the files.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils.text import slugify
from django.utils.translation import gettext as _

from glasnik.audit.services import log_action

from .models import Country, Organization, OrganizationKind
from .search import organization_search_text
from .signals import organization_renamed

REQUIRED_COLUMNS = ("country", "code", "name", "name_cyrillic", "kind", "parent", "population")
OPTIONAL_COLUMNS = ("region", "website", "email")
# Fields a row sets; `parent` is resolved separately because it may point at a later row.
ROW_FIELDS = (
    "name",
    "name_cyrillic",
    "kind",
    "official_code",
    "region",
    "population",
    "website",
    "email",
)
# The text columns and the fields they fill, each checked against its field's max_length.
TEXT_COLUMNS = {
    "name": "name",
    "name_cyrillic": "name_cyrillic",
    "code": "official_code",
    "region": "region",
    "website": "website",
    "email": "email",
}
# The largest population the column holds in every database (PostgreSQL's integer); SQLite
# would take more, so a file that imports here imports in production too.
POPULATION_MAX = BaseDatabaseOperations.integer_field_ranges["PositiveIntegerField"][1]
# Letters that Unicode decomposition does not reduce to ASCII, so slugify would drop them.
SLUG_TRANSLITERATION = str.maketrans({"đ": "dj", "Đ": "Dj", "ß": "ss", "ø": "o", "Ø": "O"})


@dataclass(frozen=True)
class ImportSource:
    """One CSV file: a name for the report and its raw bytes."""

    name: str
    content: bytes

    @classmethod
    def from_path(cls, path: str | Path) -> ImportSource:
        path = Path(path)
        return cls(name=str(path), content=path.read_bytes())


@dataclass(frozen=True)
class ImportProblem:
    source: str
    line: int | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.source}: {self.message}"
        return _("%(source)s, line %(line)d: %(message)s") % {
            "source": self.source,
            "line": self.line,
            "message": self.message,
        }


class OrganizationImportError(Exception):
    """Raised with every problem found; nothing was written."""

    def __init__(self, problems: Sequence[ImportProblem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


@dataclass
class _Row:
    source: str
    line: int
    country: str
    values: dict[str, Any]
    parent_ref: str
    # A row with problems of its own still counts for duplicates and as a parent's name.
    valid: bool = True
    existing: Organization | None = None
    parent_row: _Row | None = field(default=None, repr=False)
    parent_existing: Organization | None = None


def organizations_import(*, sources: Iterable[ImportSource], actor: Any = None) -> ImportResult:
    """Validate every row of every source; if all are valid, create or update in one transaction."""
    sources = list(sources)
    problems: list[ImportProblem] = []
    rows: list[_Row] = []
    for source in sources:
        rows.extend(_parse_source(source, problems))
    _check_rows(rows, problems)
    if problems:
        order = {source.name: index for index, source in enumerate(sources)}
        problems.sort(key=lambda problem: (order[problem.source], problem.line or 0))
        raise OrganizationImportError(problems)
    with transaction.atomic():
        result = _write_rows(rows)
        log_action(
            "organizations.import.completed",
            actor=actor,
            data={**result.as_dict(), "files": [source.name for source in sources]},
        )
    return result


def organizations_import_paths(*, paths: Iterable[str | Path], actor: Any = None) -> ImportResult:
    return organizations_import(
        sources=[ImportSource.from_path(path) for path in paths], actor=actor
    )


def organization_slug_base(*, country: str, name: str) -> str:
    """`rs-beograd-barajevo`: country code and name, in ASCII."""
    return slugify(f"{country} {name.translate(SLUG_TRANSLITERATION)}")[:200].strip("-")


# Parsing: one source at a time, problems collected rather than raised.


def _parse_source(source: ImportSource, problems: list[ImportProblem]) -> list[_Row]:
    try:
        text = source.content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = source.content.count(b"\n", 0, error.start) + 1
        problems.append(
            ImportProblem(
                source.name,
                None,
                _(
                    "the file is not UTF-8 text (first bad byte on line %(line)d); "
                    "save it as CSV UTF-8 and try again."
                )
                % {"line": line},
            )
        )
        return []
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [column.strip().lower() for column in (reader.fieldnames or [])]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        problems.append(
            ImportProblem(
                source.name,
                1,
                _("missing required columns: %(columns)s.") % {"columns": ", ".join(missing)},
            )
        )
        return []
    reader.fieldnames = header
    rows = []
    for record in reader:
        if not any((value or "").strip() for value in record.values() if isinstance(value, str)):
            continue  # blank lines and rows of empty cells are not data
        row, row_problems = _parse_record(source.name, reader.line_num, record)
        problems.extend(ImportProblem(source.name, reader.line_num, p) for p in row_problems)
        rows.append(row)
    return rows


def _cell(record: dict, column: str) -> str:
    value = record.get(column)
    return value.strip() if isinstance(value, str) else ""


def _parse_record(source: str, line: int, record: dict) -> tuple[_Row, list[str]]:
    problems = []
    country = _cell(record, "country").upper()
    if country not in Country.values:
        problems.append(
            _("unknown country “%(value)s” (expected one of %(choices)s).")
            % {"value": _cell(record, "country"), "choices": ", ".join(Country.values)}
        )
    kind = _cell(record, "kind").lower()
    if kind not in OrganizationKind.values:
        problems.append(
            _("unknown kind “%(value)s” (expected one of %(choices)s).")
            % {"value": _cell(record, "kind"), "choices": ", ".join(OrganizationKind.values)}
        )
    name = _cell(record, "name")
    if not name:
        problems.append(_("the name is empty."))
    for column, field_name in TEXT_COLUMNS.items():
        limit = Organization._meta.get_field(field_name).max_length
        if len(_cell(record, column)) > limit:
            problems.append(
                _("the %(column)s is too long: %(length)d characters, at most %(limit)d.")
                % {"column": column, "length": len(_cell(record, column)), "limit": limit}
            )
    population = _parse_population(_cell(record, "population"), problems)
    website = _cell(record, "website")
    if website and not _is_valid(URLValidator(schemes=["http", "https"]), website):
        problems.append(_("“%(value)s” is not a valid web address.") % {"value": website})
    email = _cell(record, "email")
    if email and not _is_valid(EmailValidator(), email):
        problems.append(_("“%(value)s” is not a valid email address.") % {"value": email})
    if problems:
        values = {"name": name, "official_code": _cell(record, "code")}
        return _Row(source, line, country, values, parent_ref="", valid=False), problems
    values = {
        "name": name,
        "name_cyrillic": _cell(record, "name_cyrillic"),
        "kind": kind,
        "official_code": _cell(record, "code"),
        "population": population,
    }
    # An optional column the file leaves out keeps what organisers entered in the admin.
    optional = {"region": _cell(record, "region"), "website": website, "email": email}
    values.update({column: value for column, value in optional.items() if column in record})
    row = _Row(source, line, country, values, parent_ref=_cell(record, "parent"))
    return row, []


def _parse_population(value: str, problems: list[str]) -> int | None:
    if not value:
        return None
    try:
        population = int(value)
    except ValueError:
        population = -1
    if population < 0:
        problems.append(
            _("the population “%(value)s” is not a whole number of zero or more.")
            % {"value": value}
        )
        return None
    if population > POPULATION_MAX:
        problems.append(
            _("the population %(value)s is too large (at most %(max)d).")
            % {"value": value, "max": POPULATION_MAX}
        )
        return None
    return population


def _is_valid(validator, value: str) -> bool:
    try:
        validator(value)
    except ValidationError:
        return False
    return True


# Checking across rows and against the database.


def _check_rows(rows: list[_Row], problems: list[ImportProblem]) -> None:
    def report(row: _Row, message: str) -> None:
        problems.append(ImportProblem(row.source, row.line, message))

    by_code: dict[tuple[str, str], _Row] = {}
    by_name: dict[tuple[str, str], _Row] = {}
    for row in rows:
        code, name = row.values["official_code"], row.values["name"]
        if code and (first := by_code.get((row.country, code))):
            report(
                row,
                _("the code %(code)s is also used on %(source)s, line %(line)d.")
                % {"code": code, "source": first.source, "line": first.line},
            )
        elif code:
            by_code[(row.country, code)] = row
        if not name:
            continue
        if first := by_name.get((row.country, name.casefold())):
            report(
                row,
                _("“%(name)s” (%(country)s) is also on %(source)s, line %(line)d.")
                % {
                    "name": name,
                    "country": row.country,
                    "source": first.source,
                    "line": first.line,
                },
            )
        else:
            by_name[(row.country, name.casefold())] = row
    existing = _existing_organizations({row.country for row in rows})
    for row in rows:
        if row.valid:
            _match_existing(row, existing, report)
            _resolve_parent(row, by_code, by_name, existing, report)
    rows_by_pk = {row.existing.pk: row for row in rows if row.valid and row.existing}
    in_database = {
        organization.pk: organization
        for by_key in existing.values()
        for organization in by_key.values()
    }
    for row in rows:
        through = _parent_cycle(row, rows_by_pk, in_database)
        if through is None:
            continue
        if all(isinstance(step, _Row) for step in through):
            report(row, _("the parent chain of “%(name)s” loops back to it.") % row.values)
        else:
            report(
                row,
                _(
                    "the parent chain of “%(name)s” loops back to it through institutions "
                    "already in the database: %(chain)s."
                )
                % {"name": row.values["name"], "chain": " → ".join(map(_step_name, through))},
            )


def _existing_organizations(countries: set[str]) -> dict[str, dict]:
    """Existing organizations of the given countries, indexed by code and by folded name."""
    index: dict[str, dict] = {"code": {}, "name": {}}
    for organization in Organization.objects.filter(country__in=countries):
        if organization.official_code:
            index["code"][(organization.country, organization.official_code)] = organization
        index["name"][(organization.country, organization.name.casefold())] = organization
    return index


def _match_existing(row: _Row, existing: dict[str, dict], report) -> None:
    code, name = row.values["official_code"], row.values["name"]
    by_code = existing["code"].get((row.country, code)) if code else None
    by_name = existing["name"].get((row.country, name.casefold()))
    if by_code is not None:
        row.existing = by_code
        if by_name is not None and by_name.pk != by_code.pk:
            report(
                row,
                _("the name “%(name)s” already belongs to another organization (code %(code)s).")
                % {"name": name, "code": by_name.official_code or "—"},
            )
    elif by_name is not None:
        if code and by_name.official_code:
            report(
                row,
                _("“%(name)s” already exists with the code %(existing)s, not %(code)s.")
                % {"name": name, "existing": by_name.official_code, "code": code},
            )
        row.existing = by_name


def _resolve_parent(row: _Row, by_code, by_name, existing, report) -> None:
    ref = row.parent_ref
    if not ref:
        return
    key_name, key_code = (row.country, ref.casefold()), (row.country, ref)
    target = by_name.get(key_name) or by_code.get(key_code)
    if target is row:
        report(row, _("an organization cannot be its own parent."))
    elif target is not None:
        row.parent_row = target
    elif found := existing["name"].get(key_name) or existing["code"].get(key_code):
        row.parent_existing = found
    else:
        report(
            row,
            _("unknown parent “%(parent)s”: no organization in %(country)s has that name or code.")
            % {"parent": ref, "country": row.country},
        )


def _parent_cycle(row: _Row, rows_by_pk: dict, in_database: dict) -> list | None:
    """The parent chain from `row` as it will be after the import (rows of the files, and
    institutions already in the database that no row changes), up to the first step seen
    twice; None when it ends. A row that updates an institution stands for it in the chain."""
    chain: list = [row]
    seen = {id(row)}
    step: Any = row
    while (step := _next_parent(step, rows_by_pk, in_database)) is not None:
        chain.append(step)
        if id(step) in seen:
            return chain
        seen.add(id(step))
    return None


def _next_parent(step, rows_by_pk: dict, in_database: dict):
    if isinstance(step, _Row):
        parent = step.parent_row or step.parent_existing
        if parent is None or isinstance(parent, _Row):
            return parent
        parent_id = parent.pk
    else:
        parent_id = step.parent_id
    if parent_id is None:
        return None
    if parent_id in rows_by_pk:
        return rows_by_pk[parent_id]
    if parent_id not in in_database:
        # An institution of another country (the admin allows it): read when a chain gets there.
        in_database[parent_id] = Organization.objects.only("pk", "name", "parent_id").get(
            pk=parent_id
        )
    return in_database[parent_id]


def _step_name(step) -> str:
    return step.values["name"] if isinstance(step, _Row) else step.name


# Writing: fields first, then parents, so a row may name a parent that comes later.


def _write_rows(rows: list[_Row]) -> ImportResult:
    created = updated = 0
    changed: set[int] = set()
    renamed: list[int] = []
    saved: dict[int, Organization] = {}
    taken_slugs = set(Organization.objects.values_list("slug", flat=True))
    for row in rows:
        organization = row.existing
        if organization is None:
            organization = Organization(country=row.country, **row.values)
            organization.slug = _unique_slug(row.country, row.values["name"], taken_slugs)
            organization.search_name = _search_text(organization)
            organization.save()
            created += 1
        else:
            fields = [
                name
                for name in ROW_FIELDS
                if name in row.values and getattr(organization, name) != row.values[name]
            ]
            for name in fields:
                setattr(organization, name, row.values[name])
            if {"name", "name_cyrillic"} & set(fields):
                organization.search_name = _search_text(organization)
                fields.append("search_name")
                renamed.append(organization.pk)
            if fields:
                organization.save(update_fields=[*fields, "updated_at"])
                changed.add(organization.pk)
        saved[id(row)] = organization
    for row in rows:
        organization = saved[id(row)]
        parent = saved[id(row.parent_row)] if row.parent_row else row.parent_existing
        parent_id = parent.pk if parent is not None else None
        if organization.parent_id != parent_id:
            organization.parent_id = parent_id
            organization.save(update_fields=["parent", "updated_at"])
            if row.existing is not None:
                changed.add(organization.pk)
    if renamed:
        organization_renamed.send(sender=Organization, organization_ids=renamed)
    updated = len(changed)
    return ImportResult(created=created, updated=updated, unchanged=len(rows) - created - updated)


def _search_text(organization: Organization) -> str:
    return organization_search_text(
        name=organization.name, name_cyrillic=organization.name_cyrillic
    )


def _unique_slug(country: str, name: str, taken: set[str]) -> str:
    base = organization_slug_base(country=country, name=name) or country.lower()
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    taken.add(slug)
    return slug
