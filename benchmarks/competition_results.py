"""A competition's results from the database: 200 entries, 15 jurors, 10 criteria.

    .venv/bin/python benchmarks/competition_results.py [--entries 200] [--jurors 15]
        [--criteria 10] [--runs 20]

Needs PostgreSQL on 127.0.0.1:5432 (user `postgres`, trust auth; DATABASE_URL's server if
set). Drops and recreates its own database `glasnik_competition_bench`, migrates it, writes a
competition with two categories and every juror's complete sheet for every entry (one
declared conflict per juror, and jurors at some entrants' institutions), then times
`competition_results` for every method (median of --runs after one warm-up) and counts its
queries at a quarter of the entries and at all of them. Exits non-zero unless every median
is under 200 ms and the query counts are the same.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

DATABASE_NAME = "glasnik_competition_bench"
ROOT = Path(__file__).resolve().parent.parent
LIMIT_MS = 200


def database_urls() -> tuple[str, str]:
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    parts = urlsplit(base)
    return (
        urlunsplit(parts._replace(path="/postgres")),
        urlunsplit(parts._replace(path=f"/{DATABASE_NAME}")),
    )


def recreate_database(admin_url: str) -> None:
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE_NAME}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE_NAME}"')


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "glasnik.settings.test"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def create_competition(slug: str, entries: int, jurors: int, criteria: int):
    """Written in bulk, as the services would leave it."""
    import random
    from decimal import Decimal

    from django.utils import timezone

    from glasnik.accounts.models import Position, User
    from glasnik.competitions.models import (
        Category,
        Competition,
        Conflict,
        Criterion,
        Entry,
        EntryStatus,
        Juror,
        Score,
        ScoreSheet,
    )
    from glasnik.organizations.models import Organization
    from glasnik.programs.models import Program

    rng = random.Random(slug)
    owner, _ = Organization.objects.get_or_create(
        slug="bench-association",
        defaults={"name": "Bench association", "country": "RS", "kind": "association"},
    )
    program, _ = Program.objects.get_or_create(
        slug="bench-program", defaults={"name": "Bench", "organization": owner}
    )
    competition = Competition.objects.create(program=program, slug=slug, title=slug)
    categories = Category.objects.bulk_create(
        Category(competition=competition, key=key, name=key, position=n)
        for n, key in enumerate(("under-20k", "over-20k"))
    )
    rubric = Criterion.objects.bulk_create(
        Criterion(
            competition=competition,
            key=f"c{n}",
            name=f"C{n}",
            weight=Decimal(1 + n % 3),
            max=4 + n % 3,
            position=n,
        )
        for n in range(criteria)
    )
    orgs = Organization.objects.bulk_create(
        Organization(
            name=f"{slug} org {n}", slug=f"{slug}-org-{n}", country="RS", kind="municipality"
        )
        for n in range(entries)
    )
    rows = Entry.objects.bulk_create(
        Entry(
            competition=competition,
            category=categories[n % 2],
            institution=org,
            status=EntryStatus.SUBMITTED,
            submitted_at=timezone.now(),
            metric=Decimal(rng.randint(0, 900)) / 100 if n % 5 else None,
        )
        for n, org in enumerate(orgs)
    )
    people = User.objects.bulk_create(
        User(email=f"{slug}-juror-{n}@example.invalid", first_name="J") for n in range(jurors)
    )
    Position.objects.bulk_create(
        Position(person=person, organization=orgs[n * 3], title="PR")
        for n, person in enumerate(people)
    )
    panel = Juror.objects.bulk_create(
        Juror(competition=competition, person=person) for person in people
    )
    Conflict.objects.bulk_create(
        Conflict(juror=juror, entry=rows[(n * 7 + 1) % entries]) for n, juror in enumerate(panel)
    )
    sheets = ScoreSheet.objects.bulk_create(
        ScoreSheet(juror=juror, entry=entry) for juror in panel for entry in rows
    )
    Score.objects.bulk_create(
        (
            Score(sheet=sheet, criterion=criterion, value=rng.randint(0, criterion.max))
            for sheet in sheets
            for criterion in rubric
        ),
        batch_size=5000,
    )
    return competition


def measure(competition, runs: int) -> tuple[dict[str, float], dict[str, float], int]:
    """Median wall time per method, and median CPU time of this process (the Python side,
    which a busy machine slows less than the wall clock shows), in ms; the query count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from glasnik.competitions.selectors import competition_results

    medians, cpu = {}, {}
    for method in ("mean", "trimmed", "zscore"):
        competition.method = method
        competition_results(competition)
        times, cpu_times = [], []
        for _ in range(runs):
            start, cpu_start = time.perf_counter(), time.process_time()
            competition_results(competition)
            times.append((time.perf_counter() - start) * 1000)
            cpu_times.append((time.process_time() - cpu_start) * 1000)
        medians[method] = statistics.median(times)
        cpu[method] = statistics.median(cpu_times)
    with CaptureQueriesContext(connection) as queries:
        competition_results(competition)
    return medians, cpu, len(queries)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=200)
    parser.add_argument("--jurors", type=int, default=15)
    parser.add_argument("--criteria", type=int, default=10)
    parser.add_argument("--runs", type=int, default=20)
    options = parser.parse_args()
    admin_url, url = database_urls()
    recreate_database(admin_url)
    setup_django(url)
    ok = True
    counts = {}
    for entries in (options.entries // 4, options.entries):
        competition = create_competition(
            f"bench-{entries}", entries, options.jurors, options.criteria
        )
        medians, cpu, counts[entries] = measure(competition, options.runs)
        shown = ", ".join(
            f"{method} {ms:.1f} ms (CPU {cpu[method]:.1f})" for method, ms in medians.items()
        )
        print(
            f"{entries} entries, {options.jurors} jurors, {options.criteria} criteria: "
            f"{shown}; {counts[entries]} queries"
        )
        if entries == options.entries and max(medians.values()) >= LIMIT_MS:
            print(f"FAIL: slower than {LIMIT_MS} ms")
            ok = False
    if len(set(counts.values())) != 1:
        print(f"FAIL: the query count grows with the entries: {counts}")
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
