"""Reads about a network as a whole: the public list and page, organisers, members' states."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from glasnik.access.models import Role
from glasnik.access.selectors import role_holders
from glasnik.core.object_cache import ObjectCacheRead, object_cache_clear, object_cache_read

from ..models import Membership, MembershipChange, MembershipStatus, Network

# A person's networks change only through the membership services, which forget this; the
# timeout bounds what a renamed network can leave stale on the dashboard.
PERSON_NETWORKS_CACHE_SECONDS = 300


def network_list_public() -> QuerySet[Network]:
    """Every network with its organising institution and how many members it has."""
    return (
        Network.objects.select_related("organization")
        .annotate(
            member_count=Count("memberships", filter=Q(memberships__status=MembershipStatus.MEMBER))
        )
        .order_by("name")
    )


def network_member_count(network: Network) -> int:
    return network.memberships.filter(status=MembershipStatus.MEMBER).count()


def membership_of(network: Network, person) -> Membership | None:
    """The person's membership of the network, in any state, or None."""
    if not getattr(person, "is_authenticated", False):
        return None
    return (
        Membership.objects.select_related("organization")
        .prefetch_related("interests")
        .filter(network=network, person=person)
        .first()
    )


def current_membership_or_404(network: Network, person) -> Membership:
    """The person's membership while they are a member; 404 for anyone else."""
    membership = membership_of(network, person)
    if membership is None or membership.status != MembershipStatus.MEMBER:
        raise Http404
    return membership


def network_organisers(network: Network) -> QuerySet:
    return role_holders(Role.ORGANISER, network).order_by("last_name", "first_name", "email")


def members_for_organiser(network: Network, *, status: str = "") -> QuerySet[Membership]:
    """Every membership of the network (or those in one state) for the organisers' list."""
    memberships = Membership.objects.filter(network=network)
    if status:
        memberships = memberships.filter(status=status)
    return memberships.select_related("person", "organization").order_by(
        "person__last_name", "person__first_name", "pk"
    )


def membership_status_counts(network: Network) -> dict[str, int]:
    counts = dict(
        Membership.objects.filter(network=network)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return {status: counts.get(status, 0) for status in MembershipStatus.values}


def membership_for_organiser(network: Network, pk: int) -> Membership:
    """One membership of the network with its history, newest step last; 404 if not there."""
    try:
        return (
            Membership.objects.select_related("person", "organization")
            .prefetch_related(
                "interests",
                Prefetch(
                    "changes",
                    queryset=MembershipChange.objects.select_related("actor").order_by(
                        "created_at", "pk"
                    ),
                ),
            )
            .get(network=network, pk=pk)
        )
    except (Membership.DoesNotExist, ValueError, TypeError) as error:
        raise Http404 from error


# Kept under the person's namespace (glasnik.core.object_cache).
PERSON_NETWORKS_ENTRY = "dashboard:networks"


def person_networks(person, *, kept: ObjectCacheRead | None = None) -> list[dict]:
    """The networks a person is in or has asked to join, with the state, for the dashboard;
    `kept` is the person's namespace when the caller has read it already."""
    kept = kept or object_cache_read("person", person.pk, [PERSON_NETWORKS_ENTRY])
    if PERSON_NETWORKS_ENTRY in kept:
        return kept.get(PERSON_NETWORKS_ENTRY)
    summaries = list(
        Membership.objects.filter(person_id=person.pk)
        .order_by("network__name")
        .values("status", "network__name", "network__slug")
    )
    kept.keep(PERSON_NETWORKS_ENTRY, summaries, PERSON_NETWORKS_CACHE_SECONDS)
    return summaries


def forget_person_networks(person_id: int) -> None:
    object_cache_clear("person", person_id)
