"""The open archive and the three commands: export, import (checked in full, nothing written
when refused) and results, as issue 14, item 7 prints them."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from factories.competitions import (
    CategoryFactory,
    CompetitionFactory,
    CriterionFactory,
    EntryFactory,
    JurorFactory,
)
from factories.organizations import OrganizationFactory

from glasnik.accounts.models import Position
from glasnik.competitions import services
from glasnik.competitions.archive import KEYS, archive_export, archive_problems
from glasnik.competitions.models import Category, Competition, Criterion, Method
from glasnik.competitions.scoring import conflicted_pairs

pytestmark = pytest.mark.django_db

ARCHIVE = {
    "format": "glasnik-competition/1",
    "slug": "zlatni-lajk",
    "title": "Zlatni lajk",
    "method": "mean",
    "alpha": 0.2,
    "beta": 0.1,
    "criteria": [
        {"key": "content", "weight": 3, "max": 4, "name": "Sadržaj"},
        {"key": "form", "weight": 1, "max": 5},
    ],
    "entries": [
        {"key": "E01", "category": "under-20k", "org": "org01", "metric": 5.86, "votes": 258},
        {"key": "E02", "category": "under-20k", "org": "org02", "votes": 100},
        {"key": "E03", "category": "over-20k", "org": "org03"},
    ],
    "jurors": [{"key": "J1", "org": "org21"}, {"key": "J2", "org": None}],
    "conflicts": [["J2", "E02"]],
    "org_parent": {"org21": "org01"},
    "sheets": [
        {"juror": "J1", "entry": "E01", "scores": {"content": 2, "form": 3}},
        {"juror": "J2", "entry": "E01", "scores": {"content": 4, "form": 5}},
        {"juror": "J1", "entry": "E02", "scores": {"content": 3, "form": 4}},
        {"juror": "J2", "entry": "E02", "scores": {"content": 1, "form": 1}},
        {"juror": "J1", "entry": "E03", "scores": {"content": 1, "form": 5}},
        {"juror": "J2", "entry": "E03", "scores": {"content": 4}},
    ],
}


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def archive_file(tmp_path):
    path = tmp_path / "archive.json"
    path.write_text(json.dumps(ARCHIVE), encoding="utf-8")
    return path


def test_import_then_results_follow_the_rules(archive_file):
    assert run("competition_import", str(archive_file)) == "Imported “Zlatni lajk” as zlatni-lajk\n"
    competition = Competition.objects.get(slug="zlatni-lajk")
    assert competition.is_imported
    assert competition.program is None
    assert list(Category.objects.filter(competition=competition).values_list("key", flat=True)) == [
        "under-20k",
        "over-20k",
    ]
    assert Criterion.objects.get(competition=competition, key="content").name == "Sadržaj"
    # E01: J1 works at org21, the child of org01, so only J2 counts: 100. metric percentile
    # 100 (5.86 against a missing 0), votes 258/258 → 0.7 × 100 + 0.2 × 100 + 0.1 × 100 = 100.
    # E02: J2 declared a conflict; J1 100 × (3 × 3/4 + 1 × 4/5) / 4 = 76.25; metric 0, votes
    # 100/258 → 0.7 × 76.25 + 0.1 × 38.7597 = 57.2510.
    # E03: J2's sheet is incomplete; J1 100 × (3/4 + 1) / 4 = 43.75, alone: metric 100,
    # no votes → 0.7 × 43.75 + 0.2 × 100 = 50.625.
    printed = json.loads(run("competition_results", "zlatni-lajk", "--format", "json"))
    assert printed == {
        "under-20k": [
            {"entry": "E01", "rank": 1, "final": 100.0, "jury": 100.0},
            {"entry": "E02", "rank": 2, "final": 57.251, "jury": 76.25},
        ],
        "over-20k": [{"entry": "E03", "rank": 1, "final": 50.625, "jury": 43.75}],
    }
    assert run("competition_results", "zlatni-lajk", "--format", "csv") == (
        "category,rank,entry,final,jury\n"
        "under-20k,1,E01,100.0,100.0\n"
        "under-20k,2,E02,57.251,76.25\n"
        "over-20k,1,E03,50.625,43.75\n"
    )


def test_imported_competition_is_read_only(archive_file):
    run("competition_import", str(archive_file))
    competition = Competition.objects.get(slug="zlatni-lajk")
    with pytest.raises(Exception, match="imported"):
        services.competition_method_set(competition=competition, method=Method.ZSCORE, actor=None)


def test_import_under_next_free_address(archive_file):
    run("competition_import", str(archive_file))
    assert run("competition_import", str(archive_file)).endswith("as zlatni-lajk-2\n")


def test_malformed_archive_lists_every_problem_and_writes_nothing(tmp_path):
    broken = json.loads(json.dumps(ARCHIVE))
    broken["alpha"], broken["beta"] = 0.7, 0.6
    del broken["org_parent"]
    broken["sheets"][0]["juror"] = "J9"
    broken["sheets"][1]["scores"]["content"] = 5
    broken["sheets"][2]["scores"]["style"] = 1
    broken["format"] = "glasnik-competition/2"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        run("competition_import", str(path))
    assert str(error.value).splitlines() == [
        "The archive is refused:",
        "- Keys missing: org_parent.",
        "- The format is “glasnik-competition/2”, not “glasnik-competition/1”.",
        "- alpha + beta must not be more than 1.",
        "- Sheet 1: unknown juror “J9”.",
        "- Sheet 2: the score 5 for “content” is outside 0 to 4.",
        "- Sheet 3: unknown criterion “style”.",
    ]
    assert not Competition.objects.exists()


def test_empty_archive_lists_every_missing_key(tmp_path):
    """CommandError: the command line prints the problems and exits with status 1."""
    path = tmp_path / "broken.json"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        run("competition_import", str(path))
    assert str(error.value).splitlines()[1] == f"- Keys missing: {', '.join(KEYS)}."
    assert not Competition.objects.exists()


def test_not_json_refused(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(CommandError, match="not valid JSON"):
        run("competition_import", str(path))


def test_archive_problems_of_sound_archive_is_empty():
    assert archive_problems(ARCHIVE) == []


@pytest.fixture
def made_in_glasnik():
    competition = CompetitionFactory(method=Method.ZSCORE)
    small, large = (CategoryFactory(competition=competition) for _ in range(2))
    criteria = [
        CriterionFactory(competition=competition, key="a", weight=3, max=4, name="A"),
        CriterionFactory(competition=competition, key="b", weight=1, max=5, name="B"),
    ]
    city = OrganizationFactory()
    entries = [
        EntryFactory(category=small, institution=city),
        EntryFactory(category=small, institution=OrganizationFactory(parent=city)),
        EntryFactory(category=small),
        EntryFactory(category=large),
        EntryFactory(category=large),
    ]
    jurors = [JurorFactory(competition=competition) for _ in range(3)]
    # The first juror works at the city and at another institution.
    Position.objects.create(person=jurors[0].person, organization=OrganizationFactory(), title="PR")
    Position.objects.create(person=jurors[0].person, organization=city, title="PR")
    services.entry_metric_set(entry=entries[2], value="4.5", actor=None)
    for j, juror in enumerate(jurors):
        for e, entry in enumerate(entries):
            if j == 0 and e < 2:
                continue  # refused: conflicted
            for c, criterion in enumerate(criteria):
                value = (j + e + c) % (criterion.max + 1)
                services.score_set(
                    juror=juror, entry=entry, criterion=criterion, value=value, actor=None
                )
    services.conflict_declare(juror=jurors[1], entry=entries[3], actor=None)
    return competition


def test_round_trip_gives_the_same_results(made_in_glasnik, tmp_path):
    path = tmp_path / "out.json"
    run("competition_export", made_in_glasnik.slug, str(path))
    exported = json.loads(path.read_text(encoding="utf-8"))
    assert list(exported) == list(KEYS)
    assert exported["format"] == "glasnik-competition/1"
    assert archive_problems(exported) == []
    original_slug = made_in_glasnik.slug
    out = run("competition_import", str(path))
    imported_slug = out.rsplit(" ", 1)[1].strip()
    assert imported_slug != original_slug
    before = run("competition_results", original_slug, "--format", "json")
    after = run("competition_results", imported_slug, "--format", "json")
    assert json.loads(before) == json.loads(after)
    assert before == after
    assert sum(len(rows) for rows in json.loads(before).values()) == 5


def test_pseudonymous_export_names_no_institution(made_in_glasnik):
    archive = archive_export(made_in_glasnik, pseudonymous=True)
    slugs = {entry.institution.slug for entry in made_in_glasnik.entries.all()}
    text = json.dumps(archive)
    assert not any(slug in text for slug in slugs)
    assert all(entry["org"].startswith("org") for entry in archive["entries"])
    assert archive_problems(archive) == []


def test_export_keeps_conflicts_of_a_juror_at_several_institutions(made_in_glasnik):
    archive = archive_export(made_in_glasnik)
    first_juror = archive["jurors"][0]
    entries = [entry["key"] for entry in archive["entries"]]
    found_in_archive = {tuple(pair) for pair in archive["conflicts"]}
    # The declared conflict is there; so is whichever of the city conflicts the juror's one
    # archived institution does not already cause.
    assert (archive["jurors"][1]["key"], entries[3]) in found_in_archive
    assert {(first_juror["key"], entries[0]), (first_juror["key"], entries[1])} <= (
        conflicted_pairs(archive)
    )
