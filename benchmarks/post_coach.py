"""The post coach's check of a realistic 600-character post for 4 platforms.

    .venv/bin/python benchmarks/post_coach.py [--runs 500]

Needs PostgreSQL on 127.0.0.1:5432 (user `postgres`, trust auth; DATABASE_URL's server if
set). Drops and recreates its own database `glasnik_coach_bench`, migrates it, writes one
institution with a PR officer (a current position) whose coach has one rule turned off, then
times, after a warm-up, `coach_check` itself and the htmx endpoint `coach:check` through
Django's test client (signed in as the officer: access check, the institution's rules, the
form, the rules, the tips partial), --runs times each, and prints the median and p95. Exits
non-zero unless each p95 is under 30 ms (the issue's goal for each debounced keystroke).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

DATABASE_NAME = "glasnik_coach_bench"
ROOT = Path(__file__).resolve().parent.parent
LIMIT_MS = 30
PLATFORMS = ["facebook", "instagram", "x", "linkedin"]
# An announcement as a municipality writes one: date, time, place, hashtags, a link, emoji.
POST = (
    "Poštovani sugrađani, Grad Kragujevac vas poziva na javnu raspravu o nacrtu budžeta za "
    "2027. godinu, koja će se održati u sredu, 12. 3. 2027. u 18 časova u velikoj sali "
    "Skupštine grada, Trg slobode 3. Na raspravi će gradonačelnik i članovi Gradskog veća "
    "predstaviti najvažnije investicije: obnovu škola, nove autobuske linije i uređenje "
    "parkova u svim mesnim zajednicama. Vaše predloge možete poslati i elektronskom poštom do "
    "10. marta, a sve dokumente pročitajte na https://www.kragujevac.rs/budzet-2027 😊 "
    "Dođite, vaše mišljenje je VAŽNO! Prenos uživo pratite na našoj stranici. "
    "#Kragujevac #budzet2027 #javnarasprava 🏛️"
)


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


def create_officer():
    from glasnik.accounts.models import Position, User
    from glasnik.coach.services import coach_settings_update
    from glasnik.organizations.models import Organization

    organization = Organization.objects.create(
        name="Grad Kragujevac", slug="bench-kragujevac", country="RS", kind="city"
    )
    officer = User.objects.create_user(email="bench-officer@example.invalid", password=None)
    Position.objects.create(person=officer, organization=organization, title="PR")
    coach_settings_update(organization=organization, disabled=["emoji_density"], actor=officer)
    return organization, officer


def timed(call, runs: int) -> list[float]:
    for _ in range(10):
        call()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return times


def report(name: str, times: list[float]) -> bool:
    median = statistics.median(times)
    p95 = statistics.quantiles(times, n=100)[94]
    met = p95 < LIMIT_MS
    print(f"{name:<40} median {median:6.2f} ms   p95 {p95:6.2f} ms   {'met' if met else 'MISSED'}")
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=500)
    options = parser.parse_args()
    admin_url, url = database_urls()
    recreate_database(admin_url)
    setup_django(url)
    from django.test import Client
    from django.urls import reverse
    from django.utils import translation

    from glasnik.coach.rules import coach_check

    organization, officer = create_officer()
    client = Client(HTTP_HOST="localhost")
    client.force_login(officer)
    with translation.override("sr-latn"):
        address = reverse("coach:check", args=[organization.slug])
    form = {"text": POST, "platforms": PLATFORMS, "is_announcement": "on", "language": "sr"}
    tips = coach_check(text=POST, platforms=PLATFORMS, is_announcement=True, language="sr")
    print(
        f"{len(POST)} characters, {len(PLATFORMS)} platforms, {len(tips)} tips, {options.runs} runs"
    )

    def check():
        with translation.override("sr-latn"):
            coach_check(text=POST, platforms=PLATFORMS, is_announcement=True, language="sr")

    def endpoint():
        response = client.post(address, form, headers={"HX-Request": "true"})
        assert response.status_code == 200, response.status_code

    results = [
        report("coach_check", timed(check, options.runs)),
        report("POST coach:check (test client, htmx)", timed(endpoint, options.runs)),
    ]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
