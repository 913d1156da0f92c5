"""The member directory: who is in a network, found by name or institution in either script."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from glasnik.core.object_cache import (
    ObjectCacheRead,
    cache_delete_on_commit,
    cache_turned_off,
    object_cache_clear,
    object_cache_get,
    object_cache_read,
)
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
# (directory_cache_clear); a change to a person's profile (name, phone) shows within this time.
DIRECTORY_CACHE_SECONDS = 60


def _address_key(network_slug: str) -> str:
    return f"networks:address:v1:{network_slug}"


@dataclass(frozen=True)
class CachedDirectory:
    """The network at a directory's address (None when there is none) and, for each page key
    asked for, its cached page fragment (None when it has to be drawn afresh); `read` is the
    network's cache namespace as read, which a fresh page is kept under."""

    network: Network | None
    pages: dict[str, Any]
    read: ObjectCacheRead | None = None


def _page_entry(fragment: str, page_key: str) -> str:
    return f"directory:{fragment}:{page_key}"


def directory_from_cache(
    network_slug: str, *, fragment: str, page_keys: Iterable[str]
) -> CachedDirectory:
    """The network at an address (only its address and name read) and the cached pages of its
    directory, `fragment` ("content", "results") for each page key (who asks, what, in which
    language): the network's namespace in one cache round trip. A page drawn before the
    membership last changed counts as missing."""
    page_keys = list(page_keys)
    network = _network_at(network_slug)
    if network is None:  # nothing is kept for addresses where there is no network
        return CachedDirectory(network=None, pages=dict.fromkeys(page_keys))
    entries = {page_key: _page_entry(fragment, page_key) for page_key in page_keys}
    read = object_cache_read("network", network.pk, entries.values())
    pages = {page_key: read.get(entry) for page_key, entry in entries.items()}
    return CachedDirectory(network=network, pages=pages, read=read)


# What the directory's pages read of the network: its name and address, and the language of
# its texts (`content_language`, which falls back on its organisation's).
NETWORK_FIELDS = (
    "id",
    "slug",
    "name",
    "language",
    "organization__id",
    "organization__language",
    "organization__country",
)


def _network_at(network_slug: str) -> Network | None:
    key = _address_key(network_slug)
    network = None if cache_turned_off("directory") else cache.get(key)
    if network is None:
        # Everything its pages read of it, so that nothing is loaded later, field by field.
        network = (
            Network.objects.select_related("organization")
            .only(*NETWORK_FIELDS)
            .filter(slug=network_slug)
            .first()
        )
        if network is not None and not cache_turned_off("directory"):
            cache.set(key, network, DIRECTORY_CACHE_SECONDS)
    return network


def directory_cache_page(cached: CachedDirectory, *, fragment: str, page_key: str, html) -> None:
    """Keep a page of the directory, drawn while the membership was as `cached` read it."""
    cached.read.keep(_page_entry(fragment, page_key), html, DIRECTORY_CACHE_SECONDS)


def directory_cache_clear(network_id: int, *, old_address: str = "") -> None:
    """Drop every page the network's directory keeps once the change commits; with
    `old_address`, also which network is found there (the network renamed or moved)."""
    object_cache_clear("network", network_id)
    if old_address:
        cache_delete_on_commit(_address_key(old_address))


def directory_regions(network: Network) -> list[str]:
    """The regions of the members' institutions, for the filter's choices."""
    return object_cache_get(
        "network",
        network.pk,
        "directory:regions",
        lambda: list(
            Membership.objects.filter(network=network, status=MembershipStatus.MEMBER)
            .exclude(organization__region="")
            .exclude(organization__isnull=True)
            .order_by("organization__region")
            .values_list("organization__region", flat=True)
            .distinct()
        ),
        DIRECTORY_CACHE_SECONDS,
    )


def directory_interests(network: Network) -> list[Interest]:
    """The network's interests, the choices its organisers name (in the admin, rarely)."""
    return object_cache_get(
        "network",
        network.pk,
        "directory:interests",
        lambda: list(Interest.objects.filter(network=network).order_by("name")),
        DIRECTORY_CACHE_SECONDS,
    )


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
