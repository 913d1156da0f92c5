from django.db.models import Q, QuerySet
from django.http import Http404

from .models import Organization
from .search import search_terms

DETAIL_CHILDREN_LIMIT = 50
CHOICE_LIMIT = 20
CHOICE_QUERY_MIN_LENGTH = 2
CHOICE_QUERY_MAX_LENGTH = 100


def organization_public_by_slug(slug: str) -> Organization:
    """Institutions are public facts: anyone may read one."""
    try:
        return Organization.objects.select_related("parent").get(slug=slug)
    except Organization.DoesNotExist as error:
        raise Http404 from error


def organization_list_public(
    *, country: str = "", kind: str = "", region: str = "", search: str = ""
) -> QuerySet[Organization]:
    """Organizations matching every given filter; `search` looks in both scripts of the name."""
    organizations = Organization.objects.select_related("parent")
    if country:
        organizations = organizations.filter(country=country)
    if kind:
        organizations = organizations.filter(kind=kind)
    if region:
        organizations = organizations.filter(region=region)
    if search:
        # The plain fields also catch organizations saved without a search text.
        matches = Q(name__icontains=search) | Q(name_cyrillic__icontains=search)
        for term in search_terms(search):
            matches |= Q(search_name__contains=term)
        organizations = organizations.filter(matches)
    return organizations.order_by("country", "name")


def organizations_matching(
    query: str, *, kinds: tuple[str, ...] = (), limit: int = CHOICE_LIMIT
) -> tuple[list[Organization], int]:
    """Up to `limit` institutions whose name matches, in either script, and how many match: the
    choices of an institution search field. Nothing for fewer than two letters."""
    query = query.strip()[:CHOICE_QUERY_MAX_LENGTH]
    if len(query) < CHOICE_QUERY_MIN_LENGTH:
        return [], 0
    organizations = organization_list_public(search=query).select_related(None)
    if kinds:
        organizations = organizations.filter(kind__in=kinds)
    found = list(organizations[:limit])
    return found, len(found) if len(found) < limit else organizations.count()


def organization_choosable(pk: int | None, *, kinds: tuple[str, ...] = ()) -> Organization | None:
    """The institution with this id, if a field limited to `kinds` may take it."""
    if pk is None:
        return None
    organizations = Organization.objects.filter(pk=pk)
    if kinds:
        organizations = organizations.filter(kind__in=kinds)
    return organizations.first()


def organization_regions(*, country: str = "") -> list[str]:
    """The regions in use, for a filter's choices."""
    organizations = Organization.objects.exclude(region="")
    if country:
        organizations = organizations.filter(country=country)
    return list(organizations.order_by("region").values_list("region", flat=True).distinct())


def organization_children_public(
    organization: Organization, *, limit: int = DETAIL_CHILDREN_LIMIT
) -> tuple[list[Organization], int]:
    """The first `limit` children by name, and how many there are in all."""
    children = organization.children.order_by("name")
    return list(children[:limit]), children.count()
