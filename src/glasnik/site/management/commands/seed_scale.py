"""Bulk data for load tests: institutions and people with positions, and one big network whose
members fill the member directory, in proportion to --factor.

Rows are written with bulk_create and bypass the services (and so the audit log) on purpose:
this is synthetic data, and 20,000 audit entries would only slow the run down.
"""

from itertools import islice

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core.management import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from glasnik.access.models import Role, RoleGrant
from glasnik.accounts.models import ExperienceLevel, Position, Script, User
from glasnik.core.transliteration import search_key
from glasnik.networks.demo import INTERESTS
from glasnik.networks.models import Interest, Membership, MembershipStatus, Network
from glasnik.organizations.models import Country, Organization, OrganizationKind
from glasnik.organizations.search import organization_search_text

from ...scale_programs import PROGRAM_SLUG, seed_program
from ...scale_surveys import SURVEY_SLUG, seed_survey

INSTITUTIONS_PER_FACTOR = 2_000
PEOPLE_PER_FACTOR = 20_000
MEMBERS_PER_FACTOR = 3_000
NETWORK_SLUG = "seed-network"
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
# As people in the region write them: the directory shows titles as written.
TITLES = ["Službenik za odnose s javnošću", "Urednica društvenih mreža", "Šef kabineta"]
REGIONS = ["Beogradski okrug", "Nišavski okrug", "Sarajevski kanton", "Gorenjska", "Podravska"]
LEVELS = list(ExperienceLevel.values)


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
            region=REGIONS[number % len(REGIONS)],
            population=1_000 + (number * 7919) % 300_000,
            search_name=organization_search_text(
                name=f"Seed institution {number:06d}", name_cyrillic=""
            ),
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
        experience_level=LEVELS[number % len(LEVELS)],
    )


def seed_network(target: int, institution_ids: list[int]) -> int:
    """One big network whose members are the first `target` seeded people, each with the
    institution of their position, a position title, interests and a member role; returns how
    many memberships are new."""
    network, _ = Network.objects.get_or_create(
        slug=NETWORK_SLUG,
        defaults={
            "name": "Seed network of communicators",
            "organization_id": institution_ids[0],
            "summary": "Synthetic network for load tests.",
        },
    )
    interests = [
        Interest.objects.get_or_create(network=network, slug=slug, defaults={"name": name})[0].pk
        for slug, name in INTERESTS["mreza-komunikatora-srbija"]
    ]
    scope_type = ContentType.objects.get_for_model(Network)
    members = (
        User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")
        .exclude(memberships__network=network)
        .order_by("email")
        .values_list("pk", "email", "first_name", "last_name")
    )
    missing = target - Membership.objects.filter(network=network).count()
    names = dict(Organization.objects.filter(pk__in=institution_ids).values_list("pk", "name"))
    now = timezone.now()
    created = 0
    for batch in _batches(members[: max(missing, 0)]):
        memberships = []
        for person_id, email, first_name, last_name in batch:
            number = int(email.split("@")[0].rsplit("-", 1)[1])
            organization_id = institution_ids[(number - 1) % len(institution_ids)]
            name_key = search_key(f"{first_name} {last_name}")
            memberships.append(
                Membership(
                    network=network,
                    person_id=person_id,
                    organization_id=organization_id,
                    position_title=TITLES[number % len(TITLES)],
                    status=MembershipStatus.MEMBER,
                    show_email=number % 3 == 0,
                    show_phone=number % 5 == 0,
                    joined_at=now,
                    search_text=f"{name_key} | {search_key(names[organization_id])}",
                )
            )
        Membership.objects.bulk_create(memberships)
        ids = dict(
            Membership.objects.filter(
                network=network, person_id__in=[m.person_id for m in memberships]
            ).values_list("person_id", "pk")
        )
        Membership.interests.through.objects.bulk_create(
            Membership.interests.through(membership_id=ids[m.person_id], interest_id=interest)
            for index, m in enumerate(memberships)
            for interest in interests[index % len(interests) :: 3]
        )
        RoleGrant.objects.bulk_create(
            (
                RoleGrant(
                    person_id=m.person_id,
                    role=Role.MEMBER,
                    scope_type=scope_type,
                    scope_id=network.pk,
                )
                for m in memberships
            ),
            ignore_conflicts=True,
        )
        created += len(memberships)
    return created


class Command(BaseCommand):
    help = (
        "Create synthetic institutions and people for load tests: factor 1 gives 2,000 "
        "institutions, 20,000 people with positions, a network with 3,000 members and a "
        "programme whose 30-question survey has 100,000 responses. "
        "Running again tops up to the factor."
    )

    def add_arguments(self, parser):
        parser.add_argument("--factor", type=float, default=1.0)

    def handle(self, *args, factor: float, **options):
        if factor <= 0:
            raise CommandError("--factor must be greater than zero.")
        institutions = max(1, round(INSTITUTIONS_PER_FACTOR * factor))
        people = round(PEOPLE_PER_FACTOR * factor)
        members = min(people, round(MEMBERS_PER_FACTOR * factor))
        with transaction.atomic():
            institution_ids = seed_institutions(institutions)
            created = seed_people(people, institution_ids)
            new_members = seed_network(members, institution_ids)
            registrations = seed_program(
                email_domain=EMAIL_DOMAIN, organization_id=institution_ids[0]
            )
            responses = seed_survey(
                email_domain=EMAIL_DOMAIN, organization_id=institution_ids[0], factor=factor
            )
        self.stdout.write(
            f"Seeded {len(institution_ids)} institutions and {people} people "
            f"({created} new); network {NETWORK_SLUG} with {members} members "
            f"({new_members} new); programme {PROGRAM_SLUG} with {registrations} registrations; "
            f"survey {SURVEY_SLUG} with 30 questions and {responses} responses; "
            f"password {SEED_PASSWORD}."
        )
