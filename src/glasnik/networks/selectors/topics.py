"""Topic proposals sorted by votes, each with its count and whether the reader voted."""

from django.db.models import Count, Exists, OuterRef, QuerySet, Value
from django.http import Http404

from ..models import Network, TopicProposal, TopicVote


def topic_list(network: Network, *, viewer, status: str = "") -> QuerySet[TopicProposal]:
    """The network's proposals, most votes first; one query however many there are."""
    proposals = TopicProposal.objects.filter(network=network)
    if status:
        proposals = proposals.filter(status=status)
    return _annotated(proposals, viewer).order_by("-vote_count", "-created_at", "pk")


def topic_for_network(network: Network, pk: int, *, viewer) -> TopicProposal:
    try:
        return _annotated(TopicProposal.objects.filter(network=network), viewer).get(pk=pk)
    except (TopicProposal.DoesNotExist, ValueError, TypeError) as error:
        raise Http404 from error


def _annotated(proposals: QuerySet, viewer) -> QuerySet:
    voted = (
        Exists(TopicVote.objects.filter(proposal=OuterRef("pk"), person_id=viewer.pk))
        if getattr(viewer, "is_authenticated", False)
        else Value(False)
    )
    return proposals.select_related("author", "network").annotate(
        vote_count=Count("votes", distinct=True), viewer_voted=voted
    )
