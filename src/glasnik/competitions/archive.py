"""The open archive of a competition, format `glasnik-competition/1` (issue 14, item 7): all a
reader needs to recompute the results with `scoring.compute`. Exported from a competition
made in Glasnik, checked in full, and imported as a new, read-only competition."""

import json
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from glasnik.audit.services import log_action
from glasnik.organizations.models import Organization

from . import selectors
from .models import Category, Competition, Criterion
from .scoring import METHODS, conflicted_pairs
from .services import competition_slug_free, filed_under

FORMAT = "glasnik-competition/1"
KEYS = (
    "format",
    "slug",
    "title",
    "method",
    "alpha",
    "beta",
    "criteria",
    "entries",
    "jurors",
    "conflicts",
    "org_parent",
    "sheets",
)


def archive_export(competition: Competition, *, pseudonymous: bool = False) -> dict:
    """The archive of a competition. Institutions are keyed by their address, or with
    `pseudonymous` by keys that tell nothing of who they are. A juror holding positions at
    several institutions is given the first as `org`; the conflicts the others cause are
    added to `conflicts`, so the archive recomputes the same results."""
    if competition.is_imported:
        return competition.archive
    data = selectors.competition_data(competition)
    org_ids = {int(key[3:]) for key in _org_keys(data)}
    if pseudonymous:
        names = selectors.organization_pseudonyms(org_ids)
    else:
        names = dict(Organization.objects.filter(pk__in=org_ids).values_list("pk", "slug"))

    def rename(key):
        return None if key is None else names[int(key[3:])]

    every_conflict = conflicted_pairs(data)
    jurors = [
        {"key": j["key"], "org": rename(j["orgs"][0]) if j["orgs"] else None}
        for j in data["jurors"]
    ]
    entries = [{**entry, "org": rename(entry["org"])} for entry in data["entries"]]
    org_parent = {rename(child): rename(parent) for child, parent in data["org_parent"].items()}
    archive = {
        **data,
        "entries": entries,
        "jurors": jurors,
        "org_parent": org_parent,
        "conflicts": [],
    }
    found = conflicted_pairs({**archive, "conflicts": []})
    archive["conflicts"] = sorted(
        [list(pair) for pair in every_conflict - found], key=lambda pair: (pair[0], pair[1])
    )
    archive["criteria"] = [
        {**c, "name": name}
        for c, name in zip(
            data["criteria"],
            competition.criteria.values_list("name", flat=True),
            strict=True,
        )
    ]
    return {key: archive[key] for key in KEYS}


def _org_keys(data: dict) -> set[str]:
    keys = {entry["org"] for entry in data["entries"] if entry["org"]}
    keys.update(org for juror in data["jurors"] for org in juror["orgs"])
    keys.update(data["org_parent"])
    keys.update(data["org_parent"].values())
    return keys


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _list_of_dicts(data: dict, key: str, problems: list[str]) -> list[dict]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        problems.append(_("“%(key)s” must be a list of objects.") % {"key": key})
        return []
    return value


def _keys_check(items: list[dict], where: str, required: tuple, problems: list[str]) -> set:
    keys = set()
    for number, item in enumerate(items, start=1):
        for name in required:
            if name not in item:
                problems.append(
                    _("%(where)s %(number)s: the key “%(key)s” is missing.")
                    % {"where": where, "number": number, "key": name}
                )
        key = item.get("key")
        if key is not None:
            if key in keys:
                problems.append(
                    _("%(where)s %(number)s: the key “%(key)s” is used twice.")
                    % {"where": where, "number": number, "key": key}
                )
            keys.add(key)
    return keys


def archive_problems(data) -> list[str]:
    """Every way the archive breaks the format, in words for people; empty when it is sound."""
    if not isinstance(data, dict):
        return [_("The archive must be a JSON object.")]
    problems = []
    missing = [key for key in KEYS if key not in data]
    if missing:
        problems.append(_("Keys missing: %(keys)s.") % {"keys": ", ".join(missing)})
    if "format" in data and data["format"] != FORMAT:
        problems.append(
            _("The format is “%(found)s”, not “%(expected)s”.")
            % {"found": data["format"], "expected": FORMAT}
        )
    if "method" in data and data["method"] not in METHODS:
        problems.append(
            _("The method must be one of: %(methods)s.") % {"methods": ", ".join(METHODS)}
        )
    weights = {}
    for key in ("alpha", "beta"):
        if key in data:
            if not _is_number(data[key]) or not 0 <= data[key] <= 1:
                problems.append(_("“%(key)s” must be a number from 0 to 1.") % {"key": key})
            else:
                weights[key] = Decimal(str(data[key]))
    if len(weights) == 2 and weights["alpha"] + weights["beta"] > 1:
        problems.append(_("alpha + beta must not be more than 1."))
    for key in ("slug", "title"):
        if key in data and (not isinstance(data[key], str) or not data[key].strip()):
            problems.append(_("“%(key)s” must be a text.") % {"key": key})
    criteria = _list_of_dicts(data, "criteria", problems) if "criteria" in data else []
    entries = _list_of_dicts(data, "entries", problems) if "entries" in data else []
    jurors = _list_of_dicts(data, "jurors", problems) if "jurors" in data else []
    sheets = _list_of_dicts(data, "sheets", problems) if "sheets" in data else []
    criterion_keys = _keys_check(criteria, _("Criterion"), ("key", "weight", "max"), problems)
    entry_keys = _keys_check(entries, _("Entry"), ("key", "category", "org"), problems)
    juror_keys = _keys_check(jurors, _("Juror"), ("key", "org"), problems)
    if "criteria" in data and not criteria:
        problems.append(_("There must be at least one criterion."))
    maxima = {}
    for c in criteria:
        if not _is_number(c.get("weight")) or c.get("weight", 0) <= 0:
            problems.append(
                _("Criterion “%(key)s”: the weight must be a number above 0.")
                % {"key": c.get("key")}
            )
        if not _is_number(c.get("max")) or c.get("max", 0) <= 0:
            problems.append(
                _("Criterion “%(key)s”: the highest score must be a number above 0.")
                % {"key": c.get("key")}
            )
        else:
            maxima[c.get("key")] = c["max"]
    for entry in entries:
        for key in ("metric", "votes"):
            if entry.get(key) is not None and (not _is_number(entry[key]) or entry[key] < 0):
                problems.append(
                    _("Entry “%(entry)s”: “%(key)s” must be a number not below 0.")
                    % {"entry": entry.get("key"), "key": key}
                )
        if not isinstance(entry.get("category"), str) or not entry.get("category"):
            problems.append(
                _("Entry “%(entry)s”: the category must be a text.") % {"entry": entry.get("key")}
            )
    conflicts = data.get("conflicts", [])
    if not isinstance(conflicts, list):
        problems.append(_("“%(key)s” must be a list.") % {"key": "conflicts"})
        conflicts = []
    for pair in conflicts:
        if not isinstance(pair, list) or len(pair) != 2:
            problems.append(_("Each conflict must be a pair [juror, entry]."))
            continue
        problems.extend(
            _reference_problems(pair[0], pair[1], juror_keys, entry_keys, _("Conflict"))
        )
    if "org_parent" in data and not isinstance(data["org_parent"], dict):
        problems.append(_("“%(key)s” must be an object.") % {"key": "org_parent"})
    seen = set()
    for number, sheet in enumerate(sheets, start=1):
        where = _("Sheet %(number)s") % {"number": number}
        problems.extend(
            _reference_problems(
                sheet.get("juror"), sheet.get("entry"), juror_keys, entry_keys, where
            )
        )
        if (sheet.get("juror"), sheet.get("entry")) in seen:
            problems.append(
                _("%(where)s: a second sheet of the same juror for the same entry.")
                % {"where": where}
            )
        seen.add((sheet.get("juror"), sheet.get("entry")))
        scores = sheet.get("scores")
        if not isinstance(scores, dict):
            problems.append(_("%(where)s: “scores” must be an object.") % {"where": where})
            continue
        for criterion, score in scores.items():
            if criterion not in criterion_keys:
                problems.append(
                    _("%(where)s: unknown criterion “%(key)s”.")
                    % {"where": where, "key": criterion}
                )
            elif (
                score is not None
                and criterion in maxima
                and (not _is_number(score) or not 0 <= score <= maxima[criterion])
            ):
                problems.append(
                    _("%(where)s: the score %(score)s for “%(key)s” is outside 0 to %(max)s.")
                    % {"where": where, "score": score, "key": criterion, "max": maxima[criterion]}
                )
    return problems


def _reference_problems(juror, entry, juror_keys, entry_keys, where) -> list[str]:
    problems = []
    if juror not in juror_keys:
        problems.append(_("%(where)s: unknown juror “%(key)s”.") % {"where": where, "key": juror})
    if entry not in entry_keys:
        problems.append(_("%(where)s: unknown entry “%(key)s”.") % {"where": where, "key": entry})
    return problems


def archive_load(text: str) -> dict:
    """The archive in `text`, or `ValidationError` listing every problem."""
    try:
        data = json.loads(text)
    except ValueError as error:
        raise ValidationError(
            [_("The file is not valid JSON: %(error)s") % {"error": error}]
        ) from error
    problems = archive_problems(data)
    if problems:
        raise ValidationError(problems)
    return data


@transaction.atomic
def archive_import(data: dict, *, actor=None, program=None) -> Competition:
    """A new, read-only competition from a sound archive (see `archive_problems`), under the
    archive's address or, when that is taken, the next free one."""
    problems = archive_problems(data)
    if problems:
        raise ValidationError(problems)
    slug = data["slug"]
    if Competition.objects.filter(slug=slug).exists():
        slug = competition_slug_free(slug)
    competition = Competition.objects.create(
        program=program,
        slug=slug,
        title=data["title"],
        method=data["method"],
        alpha=Decimal(str(data["alpha"])),
        beta=Decimal(str(data["beta"])),
        is_imported=True,
        archive=data,
    )
    categories = list(dict.fromkeys(entry["category"] for entry in data["entries"]))
    Category.objects.bulk_create(
        Category(competition=competition, key=key[:60], name=key, position=position)
        for position, key in enumerate(categories)
    )
    Criterion.objects.bulk_create(
        Criterion(
            competition=competition,
            key=c["key"][:60],
            name=c.get("name") or c["key"],
            weight=Decimal(str(c["weight"])),
            max=max(1, round(c["max"])),
            position=position,
        )
        for position, c in enumerate(data["criteria"])
    )
    log_action(
        "competitions.competition.imported",
        actor=actor,
        target=competition,
        scope=filed_under(competition),
        data={"archive_slug": data["slug"]},
    )
    return competition
