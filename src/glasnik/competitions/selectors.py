"""Reads: a competition as plain data (the archive's shape) for the scoring rules, its
results, and who is conflicted, each in a fixed number of queries."""

import secrets
from decimal import Decimal

from django.db import connections
from django.db.models import Count, FloatField, Prefetch, Q
from django.db.models.functions import Cast
from django.utils import timezone

from glasnik.accounts.models import Position
from glasnik.core.object_cache import object_cache_get
from glasnik.organizations.models import Organization

from . import scoring
from .models import (
    Competition,
    Conflict,
    Criterion,
    Entry,
    EntryStatus,
    Juror,
    Score,
    ScoreSheet,
    Vote,
)


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def rows_fetch(queryset) -> list[tuple]:
    """The rows of a `values_list` queryset as the database driver gives them, without
    Django's per-value converters: for the scores, which are plain numbers and ids, those
    took a fifth of the time."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def entry_key(entry_id: int) -> str:
    """An entry's key in the plain data and the archive of a competition made in Glasnik."""
    return str(entry_id)


def juror_key(juror_id: int) -> str:
    return f"J{juror_id}"


def person_organization_ids(person_ids) -> dict[int, set[int]]:
    """The institutions where each person holds a position today."""
    today = timezone.localdate()
    positions = (
        Position.objects.filter(person_id__in=list(person_ids))
        .filter(
            Q(since__isnull=True) | Q(since__lte=today),
            Q(until__isnull=True) | Q(until__gte=today),
        )
        .order_by()
    )
    orgs: dict[int, set[int]] = {}
    for person_id, organization_id in positions.values_list("person_id", "organization_id"):
        orgs.setdefault(person_id, set()).add(organization_id)
    return orgs


def competition_data(competition: Competition, *, org_keys: dict[int, str] | None = None) -> dict:
    """The competition's submitted entries, jurors, conflicts and sheets as plain data for
    `scoring.compute`, in seven queries however many entries there are. An imported
    competition's data is its archive. Institutions are keyed `org<id>` unless `org_keys`
    says otherwise; a juror's `orgs` are the institutions of their current positions."""
    if competition.is_imported:
        return competition.archive
    # Every query here is ordered explicitly or not at all: the models' default orderings
    # follow foreign keys and would join and sort every score row by its competition.
    criteria = list(
        Criterion.objects.filter(competition=competition)
        .order_by("position", "pk")
        .values("pk", "key", "weight", "max")
    )
    criterion_keys = {c["pk"]: c["key"] for c in criteria}
    entries = list(
        Entry.objects.filter(competition=competition, status=EntryStatus.SUBMITTED)
        .annotate(vote_count=Count("votes"))
        .order_by("category__position", "category_id", "pk")
        .values(
            "pk",
            "category__key",
            "institution_id",
            "institution__parent_id",
            "metric",
            "vote_count",
        )
    )
    jurors = list(
        Juror.objects.filter(competition=competition).order_by("pk").values_list("pk", "person_id")
    )
    positions = person_organization_ids(person_id for _, person_id in jurors)
    parent_of = dict(
        Organization.objects.filter(pk__in={o for orgs in positions.values() for o in orgs})
        .order_by()
        .values_list("pk", "parent_id")
    )
    conflicts = (
        Conflict.objects.filter(juror__competition=competition)
        .order_by("juror_id", "entry_id")
        .values_list("juror_id", "entry_id")
    )
    scores = (
        Score.objects.filter(
            sheet__entry__competition=competition, sheet__entry__status=EntryStatus.SUBMITTED
        )
        .order_by()
        # As floats: the scores are on small scales with two decimals at most, and turning
        # thirty thousand Decimals into numbers took a third of the time.
        .values_list(
            "sheet__juror_id", "sheet__entry_id", "criterion_id", Cast("value", FloatField())
        )
    )
    scores = rows_fetch(scores)

    def org(organization_id: int | None) -> str | None:
        if organization_id is None:
            return None
        if org_keys is not None:
            return org_keys[organization_id]
        return f"org{organization_id}"

    for entry in entries:
        parent_of[entry["institution_id"]] = entry["institution__parent_id"]
    sheets: dict[tuple[int, int], dict] = {}
    for juror_id, entry_id, criterion, value in scores:
        sheet = sheets.setdefault(
            (juror_id, entry_id),
            {"juror": juror_key(juror_id), "entry": entry_key(entry_id), "scores": {}},
        )
        sheet["scores"][criterion_keys[criterion]] = int(value) if value.is_integer() else value
    data = {
        "format": "glasnik-competition/1",
        "slug": competition.slug,
        "title": competition.title,
        "method": competition.method,
        "alpha": float(competition.alpha),
        "beta": float(competition.beta),
        "criteria": [
            {"key": c["key"], "weight": _number(c["weight"]), "max": c["max"]} for c in criteria
        ],
        "entries": [],
        "jurors": [
            {"key": juror_key(pk), "orgs": sorted(org(o) for o in positions.get(person, ()))}
            for pk, person in jurors
        ],
        "conflicts": [[juror_key(j), entry_key(e)] for j, e in conflicts],
        "org_parent": {
            org(child): org(parent) for child, parent in parent_of.items() if parent is not None
        },
        "sheets": [sheet for _, sheet in sorted(sheets.items(), key=lambda item: item[0][::-1])],
    }
    for entry in entries:
        row = {
            "key": entry_key(entry["pk"]),
            "category": entry["category__key"],
            "org": org(entry["institution_id"]),
            "votes": entry["vote_count"],
        }
        if entry["metric"] is not None:
            row["metric"] = _number(entry["metric"])
        data["entries"].append(row)
    return data


def competition_results(
    competition: Competition, *, method: str | None = None
) -> dict[str, list[scoring.EntryResult]]:
    """Results per category key. `method` previews another aggregation method than the
    competition's own, without saving it."""
    data = competition_data(competition)
    if method is not None:
        data = {**data, "method": method}
    return scoring.compute(data)


def entry_feedback(entry: Entry) -> list[str]:
    """The jurors' written feedback on the entry, for the entrant: without names, from the
    sheets that count (not from a juror with a declared conflict), in a stable order."""
    declared = Conflict.objects.filter(entry=entry).values("juror_id")
    return list(
        ScoreSheet.objects.filter(entry=entry)
        .exclude(juror_id__in=declared)
        .exclude(feedback="")
        .order_by("pk")
        .values_list("feedback", flat=True)
    )


def juror_progress(competition: Competition) -> dict[int, tuple[int, int]]:
    """For each juror (by id): how many sheets are complete (every criterion scored) and how
    many sheets were started, in two queries."""
    criteria = Criterion.objects.filter(competition=competition).count()
    sheets = (
        ScoreSheet.objects.filter(juror__competition=competition)
        .order_by()
        .annotate(scored=Count("scores"))
        .values_list("juror_id", "scored")
    )
    progress: dict[int, tuple[int, int]] = {}
    for juror_id, scored in sheets:
        complete, started = progress.get(juror_id, (0, 0))
        progress[juror_id] = (complete + (scored == criteria), started + 1)
    return progress


def organization_pseudonyms(organization_ids) -> dict[int, str]:
    """Keys `org01`, `org02` … given in a random order, so a key tells nothing of who it is."""
    ids = list(organization_ids)
    order = sorted(ids, key=lambda _: secrets.randbits(64))
    width = max(2, len(str(len(ids))))
    return {pk: f"org{number:0{width}d}" for number, pk in enumerate(order, start=1)}


def juror_for_person(competition: Competition, person) -> Juror | None:
    return Juror.objects.filter(competition=competition, person=person).first()


def juror_conflicted(juror: Juror, entry: Entry) -> bool:
    """Declared, or by institution: the juror holds a position at the entrant's institution,
    at its parent, or at one of its children."""
    if Conflict.objects.filter(juror=juror, entry=entry).exists():
        return True
    orgs = person_organization_ids([juror.person_id]).get(juror.person_id, set())
    if not orgs:
        return False
    institution = entry.institution
    related = {institution.pk, institution.parent_id} | set(
        institution.children.values_list("pk", flat=True)
    )
    return bool(orgs & related)


def juror_may_score(juror: Juror, entry: Entry) -> bool:
    """Assigned to the entry: to everything, to its category, or to the entry itself."""
    categories = set(juror.categories.values_list("pk", flat=True))
    entries = set(juror.entries.values_list("pk", flat=True))
    if not categories and not entries:
        return True
    return entry.category_id in categories or entry.pk in entries


def juror_worklist(juror: Juror) -> list[dict]:
    """The submitted entries the juror scores, each with how many criteria are scored and
    whether the juror is in conflict with it, in a fixed number of queries."""
    competition = juror.competition
    entries = list(
        Entry.objects.filter(competition=competition, status=EntryStatus.SUBMITTED)
        .select_related("category", "institution")
        .order_by("category__position", "category_id", "pk")
    )
    categories = set(juror.categories.values_list("pk", flat=True))
    named = set(juror.entries.values_list("pk", flat=True))
    if categories or named:
        entries = [e for e in entries if e.category_id in categories or e.pk in named]
    criteria = Criterion.objects.filter(competition=competition).count()
    scored = dict(
        ScoreSheet.objects.filter(juror=juror)
        .order_by()
        .annotate(scored=Count("scores"))
        .values_list("entry_id", "scored")
    )
    declared = set(Conflict.objects.filter(juror=juror).values_list("entry_id", flat=True))
    orgs = person_organization_ids([juror.person_id]).get(juror.person_id, set())
    children: dict[int, set[int]] = {}
    for pk, parent in Organization.objects.filter(
        parent_id__in=[e.institution_id for e in entries]
    ).values_list("pk", "parent_id"):
        children.setdefault(parent, set()).add(pk)
    rows = []
    for entry in entries:
        institution = entry.institution
        related = {institution.pk, institution.parent_id} | children.get(institution.pk, set())
        rows.append(
            {
                "entry": entry,
                "scored": scored.get(entry.pk, 0),
                "criteria": criteria,
                "complete": criteria > 0 and scored.get(entry.pk, 0) == criteria,
                "declared": entry.pk in declared,
                "conflicted": entry.pk in declared or bool(orgs & related),
            }
        )
    return rows


def entries_by_key(competition: Competition) -> dict[str, Entry]:
    """The competition's entries by their key in the results (an imported one has none)."""
    if competition.is_imported:
        return {}
    return {
        entry_key(entry.pk): entry
        for entry in Entry.objects.filter(competition=competition).select_related(
            "institution", "category"
        )
    }


def jurors_by_key(competition: Competition) -> dict[str, Juror]:
    if competition.is_imported:
        return {}
    return {
        juror_key(juror.pk): juror
        for juror in Juror.objects.filter(competition=competition).select_related("person")
    }


def category_names(competition: Competition) -> dict[str, str]:
    return dict(competition.categories.values_list("key", "name"))


def entry_result(entry: Entry) -> scoring.EntryResult | None:
    """The entry's line of the results, by the competition's own method."""
    results = competition_results(entry.competition)
    key = entry_key(entry.pk)
    for result in results.get(entry.category.key, []):
        if result.key == key:
            return result
    return None


PROGRAMME_COMPETITIONS_SECONDS = 24 * 3600


def programme_competitions(program) -> list[tuple[str, str]]:
    """The title and address of each of the programme's competitions, kept with the
    programme (its page shows them to everyone) until a competition of it is saved or
    deleted (`CompetitionsConfig.ready`)."""
    return object_cache_get(
        "program",
        program.pk,
        "competitions",
        lambda: list(
            Competition.objects.filter(program=program)
            .order_by("created_at")
            .values_list("title", "slug")
        ),
        PROGRAMME_COMPETITIONS_SECONDS,
    )


def entrant_entries(user) -> list[Entry]:
    """Entries of the institutions where the person holds a position today."""
    orgs = person_organization_ids([user.pk]).get(user.pk, set())
    if not orgs:
        return []
    return list(
        Entry.objects.filter(institution_id__in=orgs)
        .select_related("competition", "category", "institution")
        .order_by("-competition__created_at", "pk")
    )


def juror_places(user) -> list[tuple[Juror, int]]:
    """The person's jury places in competitions still scoring, with the sheets left to do."""
    places = []
    for juror in Juror.objects.filter(person=user).select_related("competition"):
        if not juror.competition.scoring_open():
            continue
        rows = juror_worklist(juror)
        places.append((juror, sum(1 for r in rows if not r["complete"] and not r["conflicted"])))
    return places


def juror_sheet(juror: Juror, entry: Entry) -> tuple[ScoreSheet | None, dict]:
    """The juror's sheet for the entry, if started, and its scores by criterion id (two
    queries at most)."""
    sheet = ScoreSheet.objects.filter(juror=juror, entry=entry).first()
    if sheet is None:
        return None, {}
    return sheet, {score.criterion_id: score for score in Score.objects.filter(sheet=sheet)}


def vote_ballot(competition: Competition, person, *, with_counts: bool) -> list[dict]:
    """Each category of the public vote with its submitted entries (their vote counts once
    the vote has closed) and whether the person has voted in it (three queries)."""
    entries = Entry.objects.filter(status=EntryStatus.SUBMITTED).select_related("institution")
    if with_counts:
        entries = entries.annotate(vote_count=Count("votes"))
    voted = set(
        Vote.objects.filter(person_id=person.pk, category__competition=competition).values_list(
            "category_id", flat=True
        )
    )
    categories = competition.categories.prefetch_related(
        Prefetch("entries", queryset=entries, to_attr="ballot_entries")
    )
    return [
        {"category": category, "entries": category.ballot_entries, "voted": category.pk in voted}
        for category in categories
    ]
