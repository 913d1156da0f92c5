"""The scoring rules of issue 14, item 4, on plain data, each against a hand-computed example.
Criterion `q` (weight 1, max 10) makes a juror's total ten times the score."""

import math

import pytest

from glasnik.competitions.scoring import (
    EntryResult,
    _rank,
    compute,
    conflicted_pairs,
    juror_total,
    percentile_rank,
    results_rows,
)

ONE = [{"key": "q", "weight": 1, "max": 10}]


def archive(
    entries,
    sheets,
    *,
    method="mean",
    alpha=0,
    beta=0,
    jurors=None,
    conflicts=(),
    org_parent=None,
    criteria=ONE,
):
    """Entries as (key, category[, extra fields]); sheets as (juror, entry, score or dict)."""
    entry_rows = []
    for entry in entries:
        key, category, *extra = entry
        entry_rows.append(
            {"key": key, "category": category, "org": f"org-{key}", **(extra[0] if extra else {})}
        )
    juror_keys = sorted({juror for juror, _, _ in sheets})
    return {
        "format": "glasnik-competition/1",
        "slug": "t",
        "title": "T",
        "method": method,
        "alpha": alpha,
        "beta": beta,
        "criteria": criteria,
        "entries": entry_rows,
        "jurors": jurors or [{"key": key, "org": None} for key in juror_keys],
        "conflicts": [list(pair) for pair in conflicts],
        "org_parent": org_parent or {},
        "sheets": [
            {
                "juror": juror,
                "entry": entry,
                "scores": score if isinstance(score, dict) else {"q": score},
            }
            for juror, entry, score in sheets
        ],
    }


def by_key(results):
    return {result.key: result for rows in results.values() for result in rows}


def test_juror_total_weighted_over_scales():
    criteria = [{"key": "content", "weight": 3, "max": 4}, {"key": "form", "weight": 1, "max": 5}]
    # 100 × (3 × 2/4 + 1 × 5/5) / 4 = 62.5
    assert juror_total({"content": 2, "form": 5}, criteria) == 62.5


def test_percentile_rank_counts_below_and_half_of_other_equals():
    values = [1, 2, 2, 3]
    assert [percentile_rank(v, values) for v in values] == [0.0, 50.0, 50.0, 100.0]


def test_percentile_rank_of_one_value_is_100():
    assert percentile_rank(7, [7]) == 100.0


def test_mean_method_averages_totals():
    data = archive(
        [("E1", "A"), ("E2", "A")],
        [("J1", "E1", 8), ("J2", "E1", 6), ("J1", "E2", 5), ("J2", "E2", 4)],
    )
    results = by_key(compute(data))
    assert results["E1"].totals == {"J1": 80.0, "J2": 60.0}
    assert results["E1"].jury == 70.0
    assert results["E1"].final == 70.0
    assert results["E2"].jury == 45.0
    assert (results["E1"].rank, results["E2"].rank) == (1, 2)
    assert results["E1"].criterion_means == {"q": 7.0}


def test_trimmed_drops_highest_and_lowest_from_five_sheets():
    sheets = [(f"J{n}", "E1", score) for n, score in enumerate([1, 2, 3, 4, 10], start=1)]
    results = by_key(compute(archive([("E1", "A")], sheets, method="trimmed")))
    assert results["E1"].jury == pytest.approx(30.0)  # (20 + 30 + 40) / 3; the mean is 40
    assert results["E1"].median == 30.0


def test_trimmed_is_the_mean_below_five_sheets():
    sheets = [(f"J{n}", "E1", score) for n, score in enumerate([1, 2, 3, 10], start=1)]
    results = by_key(compute(archive([("E1", "A")], sheets, method="trimmed")))
    assert results["E1"].jury == 40.0
    assert results["E1"].median == 25.0


def test_zscore_per_juror_over_whole_competition_then_percentile_in_category():
    # J1 gives 80, 60 in A and 100 in B: mean 80, population sd √(800/3).
    # J2 gives 50 and 50: sd 0, so z = 0.
    data = archive(
        [("E1", "A"), ("E2", "A"), ("E3", "B")],
        [("J1", "E1", 8), ("J1", "E2", 6), ("J1", "E3", 10), ("J2", "E1", 5), ("J2", "E2", 5)],
        method="zscore",
    )
    results = by_key(compute(data))
    sd = math.sqrt(800 / 3)
    assert results["E1"].jury_value == 0.0  # (0 + 0) / 2; per category it would be 0.5
    assert results["E2"].jury_value == pytest.approx((-20 / sd + 0) / 2)
    assert results["E3"].jury_value == pytest.approx(20 / sd)
    assert (results["E1"].jury, results["E2"].jury) == (100.0, 0.0)
    assert results["E3"].jury == 100.0  # alone in its category


def test_zscore_of_juror_with_equal_totals_is_zero():
    data = archive([("E1", "A"), ("E2", "A")], [("J1", "E1", 5), ("J1", "E2", 5)], method="zscore")
    results = by_key(compute(data))
    assert results["E1"].jury_value == results["E2"].jury_value == 0.0
    assert results["E1"].jury == results["E2"].jury == 50.0  # equal: half of one other
    assert results["E1"].rank == results["E2"].rank == 1


def test_metric_percentile_with_missing_as_zero_and_vote_share():
    data = archive(
        [
            ("E1", "A", {"metric": 5, "votes": 10}),
            ("E2", "A", {"votes": 0}),
            ("E3", "A", {"metric": 3, "votes": 5}),
        ],
        [("J1", "E1", 5), ("J1", "E2", 5), ("J1", "E3", 5)],
        alpha=0.2,
        beta=0.1,
    )
    results = by_key(compute(data))
    assert [results[k].metric for k in ("E1", "E2", "E3")] == [100.0, 0.0, 50.0]
    assert [results[k].vote for k in ("E1", "E2", "E3")] == [100.0, 0.0, 50.0]
    # 0.7 × 50 + 0.2 × 100 + 0.1 × 100 = 65; 0.7 × 50 = 35; 35 + 10 + 5 = 50
    assert results["E1"].final == pytest.approx(65.0)
    assert results["E2"].final == pytest.approx(35.0)
    assert results["E3"].final == pytest.approx(50.0)
    assert [results[k].rank for k in ("E1", "E3", "E2")] == [1, 2, 3]


def test_vote_score_is_zero_when_nobody_voted():
    data = archive([("E1", "A"), ("E2", "A")], [("J1", "E1", 5), ("J1", "E2", 4)], beta=0.5)
    results = by_key(compute(data))
    assert results["E1"].vote == results["E2"].vote == 0.0
    assert results["E1"].final == 25.0


def test_incomplete_sheet_does_not_count():
    criteria = [{"key": "a", "weight": 1, "max": 4}, {"key": "b", "weight": 1, "max": 4}]
    data = archive(
        [("E1", "A")], [("J1", "E1", {"a": 4, "b": 4}), ("J2", "E1", {"a": 0})], criteria=criteria
    )
    results = by_key(compute(data))
    assert results["E1"].totals == {"J1": 100.0}
    assert results["E1"].excluded == {"J2": "incomplete"}
    assert results["E1"].jury == 100.0


def test_conflicts_by_institution_parent_child_and_declaration():
    jurors = [
        {"key": "Jsame", "org": "org-E1"},  # works at the entrant
        {"key": "Jparent", "org": "city"},  # works at the entrant's parent
        {"key": "Jchild", "org": "institute"},  # works at the entrant's child
        {"key": "Jdeclared", "org": None},
        {"key": "Jfree", "org": "elsewhere"},
    ]
    org_parent = {"org-E1": "city", "institute": "org-E1"}
    sheets = [(juror["key"], "E1", 1) for juror in jurors]
    data = archive(
        [("E1", "A")], sheets, jurors=jurors, org_parent=org_parent, conflicts=[("Jdeclared", "E1")]
    )
    assert conflicted_pairs(data) == {
        ("Jsame", "E1"),
        ("Jparent", "E1"),
        ("Jchild", "E1"),
        ("Jdeclared", "E1"),
    }
    results = by_key(compute(data))
    assert results["E1"].totals == {"Jfree": 10.0}
    assert set(results["E1"].excluded) == {"Jsame", "Jparent", "Jchild", "Jdeclared"}


def test_juror_with_several_institutions_is_conflicted_by_any():
    data = archive(
        [("E1", "A")], [("J1", "E1", 1)], jurors=[{"key": "J1", "orgs": ["other", "org-E1"]}]
    )
    assert conflicted_pairs(data) == {("J1", "E1")}


def test_entry_without_counted_sheet_is_not_ranked():
    data = archive(
        [("E1", "A"), ("E2", "A")], [("J1", "E1", 5), ("J1", "E2", 4)], conflicts=[("J1", "E2")]
    )
    rows = results_rows(compute(data))
    assert rows == {
        "A": [
            {"entry": "E1", "rank": 1, "final": 50.0, "jury": 50.0},
            {"entry": "E2", "rank": None, "final": None, "jury": None},
        ]
    }


def test_ties_share_rank_and_next_rank_skips():
    data = archive(
        [("E1", "A"), ("E2", "A"), ("E3", "A"), ("E4", "A")],
        [("J1", "E1", 9), ("J1", "E2", 7), ("J1", "E3", 7), ("J1", "E4", 3)],
    )
    rows = results_rows(compute(data))["A"]
    assert [(row["entry"], row["rank"]) for row in rows] == [
        ("E1", 1),
        ("E2", 2),
        ("E3", 2),
        ("E4", 4),
    ]


def test_equal_final_and_jury_broken_by_median():
    # E1 totals 50, 50, 80 (mean 60, median 50); E2 60, 60, 60 (mean 60, median 60).
    data = archive(
        [("E1", "A"), ("E2", "A")],
        [
            ("J1", "E1", 5),
            ("J2", "E1", 5),
            ("J3", "E1", 8),
            ("J1", "E2", 6),
            ("J2", "E2", 6),
            ("J3", "E2", 6),
        ],
    )
    results = by_key(compute(data))
    assert results["E1"].final == pytest.approx(results["E2"].final)
    assert (results["E2"].rank, results["E1"].rank) == (1, 2)


def test_equal_final_broken_by_jury_score():
    # alpha 0.5: E1 jury 100, metric percentile 0 → 50; E2 jury 0, metric percentile 100 → 50.
    data = archive(
        [("E1", "A", {"metric": 1}), ("E2", "A", {"metric": 2})],
        [("J1", "E1", 10), ("J1", "E2", 0)],
        alpha=0.5,
    )
    results = by_key(compute(data))
    assert results["E1"].final == results["E2"].final == 50.0
    assert (results["E1"].rank, results["E2"].rank) == (1, 2)


def test_ranks_compare_at_nine_decimals():
    first = EntryResult(key="a", category="A", jury=1.0, median=1.0, final=50.0000000001)
    second = EntryResult(key="b", category="A", jury=1.0, median=1.0, final=50.0)
    third = EntryResult(key="c", category="A", jury=1.0, median=1.0, final=49.99999)
    _rank([third, second, first])
    assert (first.rank, second.rank, third.rank) == (1, 1, 3)


def test_results_rows_round_to_four_decimals():
    data = archive(
        [("E1", "A")],
        [("J1", "E1", {"a": 1, "b": 0})],
        criteria=[{"key": "a", "weight": 1, "max": 3}, {"key": "b", "weight": 2, "max": 3}],
    )
    # 100 × (1/3) / 3 = 11.111…
    assert results_rows(compute(data))["A"][0]["jury"] == 11.1111
