"""The member directory: who is in a network, found by name or institution in either script."""

import hashlib
import secrets
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from glasnik.core.transliteration import search_key

from ..models import Interest, Membership, MembershipStatus, Network

SEARCH_TEXT_LENGTH = 700
SEARCH_WORDS = 5

# The columns a directory row shows; nothing else is read.
DIRECTORY_COLUMNS = (
    "id",
    "network_id",
    "person_id",
    "organization_id",
    "position_title",
    "show_email",
    "show_phone",
    "joined_at",
    "person__first_name",
    "person__last_name",
    "person__email",
    "person__phone",
    "person__experience_level",
    "organization__name",
    "organization__name_cyrillic",
    "organization__slug",
    "organization__country",
    "organization__kind",
    "organization__region",
)


def membership_search_text(membership: Membership) -> str:
    """What `Membership.search_text` holds: the search keys of the person's name and of both
    names of the institution."""
    person = membership.person
    names = [f"{person.first_name} {person.last_name}"]
    organization = membership.organization
    if organization is not None:
        names += [organization.name, organization.name_cyrillic]
    keys = dict.fromkeys(search_key(name.strip()) for name in names if name.strip())
    return " | ".join(key for key in keys if key)[:SEARCH_TEXT_LENGTH]


@dataclass(frozen=True)
class DirectoryFilters:
    country: str = ""
    region: str = ""
    kind: str = ""
    position: str = ""
    experience: str = ""
    interests: tuple[int, ...] = field(default_factory=tuple)
    search: str = ""


def directory_members(network: Network, *, filters: DirectoryFilters | None = None) -> QuerySet:
    """The network's current members matching every filter, by surname; interests prefetched.

    Only the shown columns are read, and a page costs the same number of queries however many
    rows it has: the rows (with person and institution joined) and their interests.
    """
    filters = filters or DirectoryFilters()
    members = Membership.objects.filter(network=network, status=MembershipStatus.MEMBER)
    if filters.country:
        members = members.filter(organization__country=filters.country)
    if filters.region:
        members = members.filter(organization__region=filters.region)
    if filters.kind:
        members = members.filter(organization__kind=filters.kind)
    if filters.position:
        members = members.filter(position_title__icontains=filters.position)
    if filters.experience:
        members = members.filter(person__experience_level=filters.experience)
    if filters.interests:
        chosen = Membership.interests.through.objects.filter(
            membership_id=OuterRef("pk"), interest_id__in=filters.interests
        )
        members = members.filter(Exists(chosen))
    if filters.search:
        members = members.filter(_search_condition(filters.search))
    return (
        members.select_related("person", "organization")
        .only(*DIRECTORY_COLUMNS)
        .prefetch_related(Prefetch("interests", queryset=Interest.objects.order_by("name")))
        .order_by("person__last_name", "person__first_name", "pk")
    )


def _search_condition(search: str) -> Q:
    """Every word of the query must appear in the name or the institution, in either script.

    The plain fields also catch a name changed since the search text was last written.
    """
    condition = Q()
    for word in search.split()[:SEARCH_WORDS]:
        key = search_key(word)
        if key:
            condition &= (
                Q(search_text__contains=key)
                | Q(person__last_name__icontains=word)
                | Q(person__first_name__icontains=word)
            )
    return condition


# The directory's pages are kept this long at most: membership changes drop them at once
# (directory_forget); a change to a person's profile (name, phone) shows within this time.
DIRECTORY_CACHE_SECONDS = 60


def _directory_version_key(network_id: int) -> str:
    return f"networks:directory-version:v1:{network_id}"


def directory_version(network_id: int) -> str:
    """A token that changes whenever the network's membership changes."""
    key = _directory_version_key(network_id)
    version = cache.get(key)
    if version is None:
        version = secrets.token_hex(4)
        cache.set(key, version, None)
    return version


def directory_forget(network_id: int) -> None:
    """Drop the cached directory pages of the network, now and once the change commits."""
    key = _directory_version_key(network_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def directory_cache_key(network: Network, *, part: str, variant: str = "") -> str:
    digest = hashlib.sha256(variant.encode()).hexdigest()[:24]
    return f"networks:directory:{network.pk}:{directory_version(network.pk)}:{part}:{digest}"


def directory_regions(network: Network) -> list[str]:
    """The regions of the members' institutions, for the filter's choices."""
    key = directory_cache_key(network, part="regions")
    regions = cache.get(key)
    if regions is None:
        regions = list(
            Membership.objects.filter(network=network, status=MembershipStatus.MEMBER)
            .exclude(organization__region="")
            .exclude(organization__isnull=True)
            .order_by("organization__region")
            .values_list("organization__region", flat=True)
            .distinct()
        )
        cache.set(key, regions, DIRECTORY_CACHE_SECONDS)
    return regions


def directory_interests() -> list[Interest]:
    # Interests are reference data that change rarely (in the admin).
    interests = cache.get("networks:interests:v1")
    if interests is None:
        interests = list(Interest.objects.order_by("name"))
        cache.set("networks:interests:v1", interests, DIRECTORY_CACHE_SECONDS)
    return interests


def members_for_export(network: Network, *, status: str = "") -> QuerySet:
    """The network's memberships for the organisers' export, every status unless one is given."""
    memberships = Membership.objects.filter(network=network)
    if status:
        memberships = memberships.filter(status=status)
    return (
        memberships.select_related("person", "organization")
        .prefetch_related(Prefetch("interests", queryset=Interest.objects.order_by("name")))
        .order_by("person__last_name", "person__first_name", "pk")
    )
