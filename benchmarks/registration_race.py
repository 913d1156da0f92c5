"""The last seat is given once: N people register for an event with S seats at the same moment.

    .venv/bin/python benchmarks/registration_race.py [--people 300] [--seats 30] [--workers 60]

Needs PostgreSQL on 127.0.0.1:5432 (user `postgres`, trust auth; DATABASE_URL's server if
set). Drops and recreates its own database `glasnik_race`, migrates it, creates a programme
with N enrolled participants and a training with S seats, then starts every attempt at once
on a pool of threads, each thread with its own database connection, all going through the
same service the registration page uses (`registration_create`). Prints the outcome and exits
non-zero unless exactly S are confirmed, N−S wait, nothing failed and nobody is registered
twice. Uses the test settings (emails to memory, tasks run at once) so that no worker or mail
server is needed; the emails are still rendered inside each attempt.
"""

import argparse
import os
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

DATABASE_NAME = "glasnik_race"
ROOT = Path(__file__).resolve().parent.parent


def database_urls() -> tuple[str, str]:
    """The server's maintenance database and the race's own database."""
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


def setup_django(race_url: str) -> None:
    os.environ["DATABASE_URL"] = race_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "glasnik.settings.test"
    sys.path.insert(0, str(ROOT / "src"))
    import django  # only after the environment names the database

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def create_event(people: int, seats: int):
    from django.utils import timezone

    from glasnik.access.models import Role
    from glasnik.access.services import role_grant
    from glasnik.accounts.models import User
    from glasnik.events.models import Event, EventKind, EventMode
    from glasnik.organizations.models import Organization
    from glasnik.programs.models import Enrolment, EnrolmentStatus, Program

    organizer = Organization.objects.create(
        name="Stalna konferencija", slug="skgo", country="RS", kind="association"
    )
    towns = Organization.objects.bulk_create(
        Organization(name=f"Opština {n}", slug=f"opstina-{n}", country="RS", kind="municipality")
        for n in range(people)
    )
    program = Program.objects.create(
        name="Društvene mreže", slug="drustvene-mreze", organization=organizer, is_published=True
    )
    persons = User.objects.bulk_create(
        User(email=f"ucesnik{n}@race.glasnik.test", preferred_language="sr-latn", password="!")  # noqa: S106 - unusable
        for n in range(people)
    )
    Enrolment.objects.bulk_create(
        Enrolment(program=program, person=p, organization=t, status=EnrolmentStatus.ENROLLED)
        for p, t in zip(persons, towns, strict=True)
    )
    for person in persons:
        role_grant(person=person, role=Role.MEMBER, scope=program)
    starts_at = timezone.now() + timedelta(days=14)
    event = Event.objects.create(
        program=program,
        kind=EventKind.TRAINING,
        title="Obuka: društvene mreže",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(days=1, hours=8),
        mode=EventMode.IN_PERSON,
        venue_name="Centar za obuku",
        registration_enabled=True,
        capacity=seats,
    )
    return event, persons


def race(event, persons, workers: int) -> tuple[list[str], float]:
    from django.db import connections

    from glasnik.events.services.registration import registration_create

    start = threading.Event()

    def attempt(person) -> str:
        start.wait()
        try:
            return registration_create(event=event, person=person).registration.status
        except Exception as error:  # every failure is counted; the check says none may happen
            return f"error: {type(error).__name__}: {error}"
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(attempt, person) for person in persons]
        began = time.perf_counter()
        start.set()
        results = [future.result() for future in futures]
    return results, time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--seats", type=int, default=30)
    # PostgreSQL's default max_connections is 100: every worker holds one connection.
    parser.add_argument("--workers", type=int, default=60)
    args = parser.parse_args()

    admin_url, race_url = database_urls()
    recreate_database(admin_url)
    setup_django(race_url)
    event, persons = create_event(args.people, args.seats)
    results, seconds = race(event, persons, args.workers)

    from django.db.models import Count

    from glasnik.events.models import Registration, RegistrationStatus

    returned = Counter(result if not result.startswith("error") else "error" for result in results)
    stored = Counter(Registration.objects.filter(event=event).values_list("status", flat=True))
    duplicates = (
        Registration.objects.filter(event=event)
        .values("person")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
    )
    confirmed = stored[RegistrationStatus.CONFIRMED]
    waitlisted = stored[RegistrationStatus.WAITLISTED]
    errors = returned["error"]
    print(
        f"{args.people} attempts for {args.seats} seats on {args.workers} threads "
        f"(PostgreSQL, one connection each) in {seconds:.2f} s"
    )
    print(f"confirmed:  {confirmed}")
    print(f"waitlisted: {waitlisted}")
    print(f"errors:     {errors}")
    print(f"duplicates: {duplicates}")
    for result in sorted({r for r in results if r.startswith("error")})[:5]:
        print(f"  {result}")
    ok = (
        confirmed == args.seats
        and waitlisted == args.people - args.seats
        and errors == 0
        and duplicates == 0
        and returned[RegistrationStatus.CONFIRMED] == args.seats
    )
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
