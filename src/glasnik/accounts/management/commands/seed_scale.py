"""Bulk data for load tests: institutions and people with positions, in proportion to --factor.

Rows are written with bulk_create and bypass the services (and so the audit log) on purpose:
this is synthetic data, and 20,000 audit entries would only slow the run down.
"""

from itertools import islice

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.core.management import BaseCommand, CommandError
from django.db import transaction

from glasnik.accounts.models import Position, Script, User
from glasnik.organizations.models import Country, Organization, OrganizationKind

INSTITUTIONS_PER_FACTOR = 2_000
PEOPLE_PER_FACTOR = 20_000
BATCH_SIZE = 1_000
SLUG_PREFIX = "seed-"
EMAIL_DOMAIN = "scale.glasnik.test"
SEED_PASSWORD = "glasnik-seed-2026"  # noqa: S105 - synthetic load-test accounts only

COUNTRIES = [Country.SERBIA, Country.BOSNIA_AND_HERZEGOVINA, Country.SLOVENIA]
KINDS = [
    OrganizationKind.MUNICIPALITY,
    OrganizationKind.CITY,
    OrganizationKind.PUBLIC_INSTITUTE,
    OrganizationKind.STATE_BODY,
]
FIRST_NAMES = ["Ana", "Marko", "Jelena", "Nikola", "Amra", "Luka", "Milica", "Dragan", "Mojca"]
LAST_NAMES = ["Petrović", "Jovanović", "Hodžić", "Novak", "Kovač", "Ilić", "Marković", "Horvat"]
LANGUAGES = ["sr", "sr-latn", "bs", "sl", "hr", "en"]
TITLES = ["Public relations officer", "Social media editor", "Head of communications"]


def _batches(items, size=BATCH_SIZE):
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def seed_institutions(target: int) -> list[int]:
    """Top the seeded institutions up to `target`; return their ids in creation order."""
    existing = Organization.objects.filter(slug__startswith=SLUG_PREFIX).count()
    new = (
        Organization(
            name=f"Seed institution {number:06d}",
            slug=f"{SLUG_PREFIX}{number:06d}",
            country=COUNTRIES[number % len(COUNTRIES)],
            kind=KINDS[number % len(KINDS)],
            population=1_000 + (number * 7919) % 300_000,
        )
        for number in range(existing + 1, target + 1)
    )
    for batch in _batches(new):
        Organization.objects.bulk_create(batch)
    return list(
        Organization.objects.filter(slug__startswith=SLUG_PREFIX)
        .order_by("slug")
        .values_list("pk", flat=True)[:target]
    )


def seed_people(target: int, institution_ids: list[int]) -> int:
    """Top the seeded people up to `target`, each with a verified address and a position."""
    suffix = f"@{EMAIL_DOMAIN}"
    existing = User.objects.filter(email__endswith=suffix).count()
    password = make_password(SEED_PASSWORD)  # hashed once: hashing 20,000 times takes minutes
    created = 0
    for numbers in _batches(range(existing + 1, target + 1)):
        people = [_person(number, suffix, password) for number in numbers]
        User.objects.bulk_create(people)
        ids = dict(
            User.objects.filter(email__in=[person.email for person in people]).values_list(
                "email", "pk"
            )
        )
        EmailAddress.objects.bulk_create(
            EmailAddress(user_id=ids[person.email], email=person.email, verified=True, primary=True)
            for person in people
        )
        Position.objects.bulk_create(
            Position(
                person_id=ids[person.email],
                organization_id=institution_ids[(number - 1) % len(institution_ids)],
                title=TITLES[number % len(TITLES)],
            )
            for number, person in zip(numbers, people, strict=True)
        )
        created += len(people)
    return created


def _person(number: int, suffix: str, password: str) -> User:
    language = LANGUAGES[number % len(LANGUAGES)]
    return User(
        email=f"seed-person-{number:07d}{suffix}",
        password=password,
        first_name=FIRST_NAMES[number % len(FIRST_NAMES)],
        last_name=LAST_NAMES[(number // len(FIRST_NAMES)) % len(LAST_NAMES)],
        preferred_language=language,
        preferred_script=Script.LATIN if language == "sr-latn" else Script.CYRILLIC,
    )


class Command(BaseCommand):
    help = (
        "Create synthetic institutions and people for load tests: factor 1 gives 2,000 "
        "institutions and 20,000 people with positions. Running again tops up to the factor."
    )

    def add_arguments(self, parser):
        parser.add_argument("--factor", type=float, default=1.0)

    def handle(self, *args, factor: float, **options):
        if factor <= 0:
            raise CommandError("--factor must be greater than zero.")
        institutions = max(1, round(INSTITUTIONS_PER_FACTOR * factor))
        people = round(PEOPLE_PER_FACTOR * factor)
        with transaction.atomic():
            institution_ids = seed_institutions(institutions)
            created = seed_people(people, institution_ids)
        self.stdout.write(
            f"Seeded {len(institution_ids)} institutions and {people} people "
            f"({created} new); password {SEED_PASSWORD}."
        )
