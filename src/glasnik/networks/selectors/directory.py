"""The member directory: who is in a network, found by name or institution in either script."""

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

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
    "organization__language",
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

    Only the membership's own search text is read (renames rewrite it), so the members are
    narrowed before anyone's name or institution is joined.
    """
    condition = Q()
    for word in search.split()[:SEARCH_WORDS]:
        key = search_key(word)
        if key:
            condition &= Q(search_text__contains=key)
    return condition


# The directory's pages are kept this long at most: membership changes drop them at once
# (directory_forget); a change to a person's profile (name, phone) shows within this time.
DIRECTORY_CACHE_SECONDS = 60
# The state of a membership outlives its pages; when it expires, the pages are made afresh.
DIRECTORY_VERSION_SECONDS = 7 * 24 * 3600

# Everything the directory keeps is found by the network's address, so that one cache round
# trip brings the network, the state of its membership and the page asked for.


def _network_key(network_slug: str) -> str:
    return f"networks:directory:v3:{network_slug}:network"


def _version_key(network_slug: str) -> str:
    return f"networks:directory:v3:{network_slug}:version"


def _part_key(network_slug: str, part: str, variant: str) -> str:
    digest = hashlib.sha256(variant.encode()).hexdigest()[:24]
    return f"networks:directory:v3:{network_slug}:{part}:{digest}"


@dataclass(frozen=True)
class DirectoryKept:
    """What the cache holds for a directory page: the network at the address (None when there
    is none), the state of its membership, and each asked-for variant of the part (None when
    it has to be made afresh)."""

    network: Network | None
    version: str
    parts: dict[str, Any]


def directory_kept(network_slug: str, *, part: str, variants: Iterable[str]) -> DirectoryKept:
    """The network at an address (only its address and name read) and the kept variants of a
    part of its directory, in one cache round trip.

    A part made before the membership last changed counts as missing; `version` is the state
    that `directory_keep` keeps a fresh part under.
    """
    network_key, version_key = _network_key(network_slug), _version_key(network_slug)
    part_keys = {variant: _part_key(network_slug, part, variant) for variant in variants}
    found = cache.get_many([network_key, version_key, *part_keys.values()])
    network = found.get(network_key) or _network_remember(network_slug)
    if network is None:  # nothing is kept for addresses where there is no network
        return DirectoryKept(network=None, version="", parts=dict.fromkeys(part_keys))
    version = found.get(version_key) or _version_start(network_slug)
    parts = {}
    for variant, key in part_keys.items():
        kept = found.get(key)
        parts[variant] = kept[1] if kept is not None and kept[0] == version else None
    return DirectoryKept(network=network, version=version, parts=parts)


def _network_remember(network_slug: str) -> Network | None:
    network = Network.objects.only("id", "slug", "name").filter(slug=network_slug).first()
    if network is not None:
        cache.set(_network_key(network_slug), network, DIRECTORY_CACHE_SECONDS)
    return network


def _version_start(network_slug: str) -> str:
    version = secrets.token_hex(4)
    if not cache.add(_version_key(network_slug), version, DIRECTORY_VERSION_SECONDS):  # raced
        version = cache.get(_version_key(network_slug), version)
    return version


def directory_keep(
    network_slug: str, *, part: str, variant: str = "", version: str, value: Any
) -> None:
    """Keep a part of the directory, made while the membership was in the state `version`."""
    key = _part_key(network_slug, part, variant)
    cache.set(key, (version, value), DIRECTORY_CACHE_SECONDS)


def directory_forget(network_id: int) -> None:
    """Drop what the network's directory keeps, now and once the change commits."""
    slug = Network.objects.filter(pk=network_id).values_list("slug", flat=True).first()
    if slug is not None:
        directory_forget_address(slug)


def directory_forget_address(network_slug: str) -> None:
    """Drop what the directory keeps at an address: its network (e.g. renamed) and its pages."""
    keys = [_network_key(network_slug), _version_key(network_slug)]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def directory_regions(network: Network) -> list[str]:
    """The regions of the members' institutions, for the filter's choices."""
    kept = directory_kept(network.slug, part="regions", variants=[""])
    regions = kept.parts[""]
    if regions is None:
        regions = list(
            Membership.objects.filter(network=network, status=MembershipStatus.MEMBER)
            .exclude(organization__region="")
            .exclude(organization__isnull=True)
            .order_by("organization__region")
            .values_list("organization__region", flat=True)
            .distinct()
        )
        directory_keep(network.slug, part="regions", version=kept.version, value=regions)
    return regions


def directory_interests(network: Network) -> list[Interest]:
    """The network's interests, the choices its organisers name (in the admin, rarely)."""
    key = f"networks:interests:v2:{network.pk}"
    interests = cache.get(key)
    if interests is None:
        interests = list(Interest.objects.filter(network=network).order_by("name"))
        cache.set(key, interests, DIRECTORY_CACHE_SECONDS)
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
