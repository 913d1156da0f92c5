"""Access helpers: fetch and authorise in one step; 404 for missing and forbidden alike."""

from django.http import Http404

from glasnik.access.helpers import get_for_user_or_404

from .models import Call, Network, Statement
from .selectors.directory import CachedDirectory, directory_from_cache


def network_for_user(user, slug: str, *, permission: str | None = None) -> Network:
    """A network by its address. Network pages are public; pass a permission for the rest."""
    return get_for_user_or_404(
        Network.objects.select_related("organization"), user=user, permission=permission, slug=slug
    )


def directory_for_user(
    user, network_slug: str, *, fragment: str, page_keys: list[str]
) -> CachedDirectory:
    """The member directory's network and cached pages; 404 when there is no such network or
    the user may not see its members."""
    cached = directory_from_cache(network_slug, fragment=fragment, page_keys=page_keys)
    if cached.network is None or not user.has_perm("networks.view_members_area", cached.network):
        raise Http404
    return cached


def call_for_user(user, network_slug: str, slug: str, *, manage: bool = False) -> Call:
    """A call: published calls for everyone, drafts only for those who manage the network."""
    call = get_for_user_or_404(
        Call.objects.select_related("network", "network__organization"),
        user=user,
        permission="networks.manage_call" if manage else None,
        network__slug=network_slug,
        slug=slug,
    )
    if not call.is_published and not user.has_perm("networks.manage_call", call):
        raise Http404
    return call


def statement_for_organiser(user, call: Call, pk: int) -> Statement:
    """A statement of `call`, for the people who review the call's statements."""
    if not user.has_perm("networks.manage_call", call):
        raise Http404
    return get_for_user_or_404(
        Statement.objects.filter(call=call).select_related("person", "organization", "call"),
        user=user,
        permission=None,
        pk=pk,
    )
