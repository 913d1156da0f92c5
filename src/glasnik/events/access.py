"""Access helpers: fetch and authorise in one step; 404 for missing and forbidden alike."""

from django.http import Http404

from glasnik.access.helpers import get_for_user_or_404
from glasnik.networks.access import network_for_user
from glasnik.networks.models import Network

from .models import Event, EventSeries
from .selectors.materials import is_team


def event_for_user(user, pk: int, *, permission: str = "events.view_event") -> Event:
    """An event the user may see (or, with another permission, act on)."""
    return get_for_user_or_404(
        Event.objects.select_related("network__organization", "program__organization", "series"),
        user=user,
        permission=permission,
        pk=pk,
    )


def event_with_owner_or_404(pk: int) -> Event:
    """Any event, with its network and programme, for a page that decides itself what each
    reader may see of it (e.g. the public materials, or nothing: 404)."""
    return get_for_user_or_404(
        Event.objects.select_related("network__organization", "program__organization"),
        user=None,
        permission=None,
        pk=pk,
    )


def event_for_team(user, pk: int) -> Event:
    """An event the user organises or teaches at: check-in, codes, materials and assignments."""
    event = event_with_owner_or_404(pk)
    if not is_team(user, event):
        raise Http404
    return event


def network_for_meetings(user, slug: str, *, manage: bool = False) -> Network:
    """The network whose meetings are listed: anyone may look (public meetings only);
    `manage` for the organisers' forms."""
    return network_for_user(user, slug, permission="networks.manage_network" if manage else None)


def series_for_organiser(user, pk: int) -> EventSeries:
    series = get_for_user_or_404(
        EventSeries.objects.select_related("network"), user=user, permission=None, pk=pk
    )
    if series.network is None or not user.has_perm("networks.manage_network", series.network):
        raise Http404
    return series
