"""An institution's content calendar: the month and the list of posts at 50 and 500 posts.

    .venv/bin/python benchmarks/content_month.py [--posts 500] [--runs 30]

Needs PostgreSQL on 127.0.0.1:5432 (user `postgres`, trust auth; DATABASE_URL's server if
set). Drops and recreates its own database `glasnik_content_bench`, migrates it, gives two
institutions a PR officer each and a month of planned posts (a tenth of --posts and all of
them, over every day of next month, with pillars and owners), then opens each institution's
month and list pages through Django's test client as its officer: the query count of each,
and the median and 95th percentile of the render time over --runs after one warm-up. Exits
non-zero when a page's query count grows with the number of posts.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

DATABASE_NAME = "glasnik_content_bench"
ROOT = Path(__file__).resolve().parent.parent


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


def create_institution(name: str, posts: int):
    """Written in bulk, as the services would leave it: drafts, approved and published posts
    spread over every day of next month."""
    from datetime import date, datetime, time, timedelta

    from glasnik.accounts.models import Position, User
    from glasnik.content.calendar_time import institution_time_zone, institution_today
    from glasnik.content.models import Pillar, Post
    from glasnik.organizations.models import Organization

    organization = Organization.objects.create(
        name=name, slug=name, country="RS", kind="municipality"
    )
    officer = User.objects.create(email=f"{name}@example.invalid", first_name="Marko")
    Position.objects.create(person=officer, organization=organization, title="PR")
    pillars = Pillar.objects.bulk_create(
        Pillar(organization=organization, name=f"Pillar {n}") for n in range(4)
    )
    today = institution_today(organization)
    first = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    zone = institution_time_zone(organization)
    statuses = ("idea", "draft", "in_review", "approved", "scheduled")
    Post.objects.bulk_create(
        Post(
            organization=organization,
            owner=officer,
            platforms=["facebook", "instagram"][: 1 + n % 2],
            publish_at=datetime.combine(
                first + timedelta(days=n % 28), time(8 + n % 10), tzinfo=zone
            ),
            text=f"Objava broj {n}: radovi, konkursi i događaji u gradu.",
            status=statuses[n % len(statuses)],
            pillar=pillars[n % 4],
        )
        for n in range(posts)
    )
    return organization, officer, date(first.year, first.month, 1)


def measure(client, url: str, runs: int) -> tuple[int, float, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return len(queries), statistics.median(times), p95


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=500)
    parser.add_argument("--runs", type=int, default=30)
    options = parser.parse_args()
    admin_url, url = database_urls()
    recreate_database(admin_url)
    setup_django(url)
    from django.test import Client
    from django.urls import reverse

    counts: dict[str, set[int]] = {"month": set(), "list": set()}
    for posts in (options.posts // 10, options.posts):
        organization, officer, first = create_institution(f"bench-{posts}", posts)
        client = Client(HTTP_HOST="localhost")
        client.force_login(officer)
        pages = {
            "month": reverse("content:month_of", args=[organization.slug, first.year, first.month]),
            "list": reverse("content:list", args=[organization.slug]),
        }
        for page, page_url in pages.items():
            queries, median, p95 = measure(client, page_url, options.runs)
            counts[page].add(queries)
            print(
                f"{posts} posts, {page}: {queries} queries, "
                f"median {median:.1f} ms, p95 {p95:.1f} ms"
            )
    ok = all(len(found) == 1 for found in counts.values())
    if not ok:
        print(f"FAIL: the query count grows with the posts: {counts}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
