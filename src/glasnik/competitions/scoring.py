"""The scoring rules of a competition (issue 14, item 4), on plain data: the shape of a
`glasnik-competition/1` archive (see `archive.py`), so that anyone can recompute published
results from the archive alone, and so that results from the database and from an archive
are computed by the same code.

Arithmetic is in binary floating point with `math.fsum`; values are rounded only where the
rules compare them (9 decimals) and where they are printed (4 decimals, `round_score`).

One extension of the archive's shape, for data read from the database: a juror may carry
`"orgs"` (a list: a person can hold positions at several institutions) instead of `"org"`.
"""

import math
import statistics
from dataclasses import dataclass, field

METHODS = ("mean", "trimmed", "zscore")
COMPARE_DECIMALS = 9
PRINT_DECIMALS = 4
TRIM_FROM = 5  # sheets needed before the trimmed mean drops the highest and the lowest


@dataclass
class EntryResult:
    key: str
    category: str
    # Counted juror totals by juror key, in the order of the sheets.
    totals: dict[str, float] = field(default_factory=dict)
    # Mean score per criterion over the counted sheets (for the entrant's score sheet).
    criterion_means: dict[str, float] = field(default_factory=dict)
    # Jurors whose sheets were left out, with why: "conflict" or "incomplete".
    excluded: dict[str, str] = field(default_factory=dict)
    jury_value: float | None = None  # mean / trimmed mean / mean z, before the percentile
    jury: float | None = None
    median: float | None = None
    metric: float = 0.0
    votes: int = 0
    vote: float = 0.0
    final: float | None = None
    rank: int | None = None

    @property
    def ranked(self) -> bool:
        return self.rank is not None


def round_score(value: float | None) -> float | None:
    return None if value is None else round(value, PRINT_DECIMALS)


def percentile_rank(value: float, values: list[float]) -> float:
    """`100 × (values below + 0.5 × other values equal) / (n − 1)`, 100 when n = 1. `values`
    includes `value` itself once; equality is judged at 9 decimals."""
    n = len(values)
    if n <= 1:
        return 100.0
    x = round(value, COMPARE_DECIMALS)
    rounded = [round(v, COMPARE_DECIMALS) for v in values]
    below = sum(1 for v in rounded if v < x)
    equal_others = sum(1 for v in rounded if v == x) - 1
    return 100.0 * (below + 0.5 * equal_others) / (n - 1)


def juror_total(scores: dict[str, float], criteria: list[dict]) -> float:
    """`100 × Σ(weight × score / max) / Σ weight` over every criterion."""
    return _total_of(_rubric(criteria))(scores)


def _rubric(criteria: list[dict]) -> tuple[list[tuple[str, float, float]], float]:
    return (
        [(c["key"], float(c["weight"]), float(c["max"])) for c in criteria],
        math.fsum(float(c["weight"]) for c in criteria),
    )


def _total_of(rubric):
    """The total of one sheet, with the criteria's numbers converted once per competition."""
    terms, weights = rubric

    def total(scores: dict[str, float]) -> float:
        return 100.0 * math.fsum(w * float(scores[k]) / m for k, w, m in terms) / weights

    return total


def _juror_orgs(juror: dict) -> set[str]:
    if "orgs" in juror:
        return {org for org in juror["orgs"] if org is not None}
    return {juror["org"]} if juror.get("org") is not None else set()


def _related(org: str, org_parent: dict[str, str]) -> set[str]:
    """An institution, its parent and its children."""
    related = {org}
    if org_parent.get(org) is not None:
        related.add(org_parent[org])
    related.update(child for child, parent in org_parent.items() if parent == org)
    return related


def conflicted_pairs(data: dict) -> set[tuple[str, str]]:
    """(juror, entry) pairs whose sheets do not count: declared conflicts, and jurors from the
    entrant's institution or from its parent or child institution."""
    pairs = {(juror, entry) for juror, entry in data.get("conflicts", [])}
    org_parent = data.get("org_parent") or {}
    related_by_org: dict[str, set[str]] = {}
    for entry in data["entries"]:
        org = entry.get("org")
        if org is None:
            continue
        if org not in related_by_org:
            related_by_org[org] = _related(org, org_parent)
        for juror in data["jurors"]:
            if _juror_orgs(juror) & related_by_org[org]:
                pairs.add((juror["key"], entry["key"]))
    return pairs


def _mean(values: list[float]) -> float:
    return math.fsum(values) / len(values)


def _trimmed_mean(values: list[float]) -> float:
    if len(values) < TRIM_FROM:
        return _mean(values)
    return _mean(sorted(values)[1:-1])


def _zscores(results: dict[str, EntryResult]) -> dict[str, float]:
    """Each entry's mean z over its counted sheets, with each juror's mean and population
    standard deviation taken over all of the juror's counted totals in the competition."""
    by_juror: dict[str, list[float]] = {}
    for result in results.values():
        for juror, total in result.totals.items():
            by_juror.setdefault(juror, []).append(total)
    moments = {
        juror: (_mean(totals), statistics.pstdev(totals)) for juror, totals in by_juror.items()
    }
    values = {}
    for key, result in results.items():
        if not result.totals:
            continue
        zs = []
        for juror, total in result.totals.items():
            mean, sd = moments[juror]
            zs.append(0.0 if sd == 0 else (total - mean) / sd)
        values[key] = _mean(zs)
    return values


def _rank(results: list[EntryResult]) -> None:
    """1, 2, 2, 4 by final, then jury, then median juror total, compared at 9 decimals."""

    def sort_key(result: EntryResult) -> tuple[float, float, float]:
        return tuple(
            round(value, COMPARE_DECIMALS) for value in (result.final, result.jury, result.median)
        )

    ranked = sorted(
        (result for result in results if result.jury is not None),
        key=lambda result: (tuple(-v for v in sort_key(result)), result.key),
    )
    previous = None
    for position, result in enumerate(ranked, start=1):
        current = sort_key(result)
        result.rank = previous.rank if previous and sort_key(previous) == current else position
        previous = result


def compute(data: dict) -> dict[str, list[EntryResult]]:
    """Results per category (in the order the entries first name them), each list ranked
    entries first by rank (then key), then the entries that are not ranked, by key."""
    criteria = data["criteria"]
    criterion_keys = [c["key"] for c in criteria]
    alpha, beta = float(data.get("alpha") or 0), float(data.get("beta") or 0)
    method = data["method"]
    conflicts = conflicted_pairs(data)
    sheet_total = _total_of(_rubric(criteria))
    results: dict[str, EntryResult] = {}
    for entry in data["entries"]:
        results[entry["key"]] = EntryResult(
            key=entry["key"], category=entry["category"], votes=int(entry.get("votes") or 0)
        )
    counted_scores: dict[str, list[dict]] = {}
    for sheet in data["sheets"]:
        result = results[sheet["entry"]]
        scores = sheet["scores"]
        if (sheet["juror"], sheet["entry"]) in conflicts:
            result.excluded[sheet["juror"]] = "conflict"
        elif any(scores.get(key) is None for key in criterion_keys):
            result.excluded[sheet["juror"]] = "incomplete"
        else:
            result.totals[sheet["juror"]] = sheet_total(scores)
            counted_scores.setdefault(sheet["entry"], []).append(scores)
    for key, sheets in counted_scores.items():
        results[key].criterion_means = {
            criterion: _mean([float(scores[criterion]) for scores in sheets])
            for criterion in criterion_keys
        }
    for result in results.values():
        if result.totals:
            totals = list(result.totals.values())
            result.median = float(statistics.median(totals))
            if method == "trimmed":
                result.jury_value = _trimmed_mean(totals)
            elif method == "mean":
                result.jury_value = _mean(totals)
    if method == "zscore":
        for key, value in _zscores(results).items():
            results[key].jury_value = value

    by_category: dict[str, list[EntryResult]] = {}
    metric_by_key = {entry["key"]: float(entry.get("metric") or 0) for entry in data["entries"]}
    for result in results.values():
        by_category.setdefault(result.category, []).append(result)
    for category_results in by_category.values():
        metrics = [metric_by_key[result.key] for result in category_results]
        most_votes = max(result.votes for result in category_results)
        with_jury = [r.jury_value for r in category_results if r.jury_value is not None]
        for result in category_results:
            result.metric = percentile_rank(metric_by_key[result.key], metrics)
            result.vote = 100.0 * result.votes / most_votes if most_votes else 0.0
            if result.jury_value is None:
                continue
            if method == "zscore":
                result.jury = percentile_rank(result.jury_value, with_jury)
            else:
                result.jury = result.jury_value
            result.final = (
                (1 - alpha - beta) * result.jury + alpha * result.metric + beta * (result.vote)
            )
        _rank(category_results)
        category_results.sort(
            key=lambda r: (r.rank is None, r.rank if r.rank is not None else 0, r.key)
        )
    return by_category


def results_rows(by_category: dict[str, list[EntryResult]]) -> dict[str, list[dict]]:
    """What `competition_results --format json` prints."""
    return {
        category: [
            {
                "entry": result.key,
                "rank": result.rank,
                "final": round_score(result.final),
                "jury": round_score(result.jury),
            }
            for result in results
        ]
        for category, results in by_category.items()
    }
