"""Topic proposals: the list sorted by votes, proposing, voting (an htmx button) and the
organisers' marking of a proposal as planned or done."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..access import network_for_user
from ..forms.network import TopicProposalForm, TopicStatusFilterForm
from ..models import TopicStatus
from ..selectors.topics import topic_for_network, topic_list
from ..services.topics import topic_propose, topic_status_set, topic_vote_cast, topic_vote_withdraw

MEMBERS_AREA = "networks.view_members_area"


def _context(request, network) -> dict:
    user = request.user
    return {
        "network": network,
        "can_vote": user.has_perm("networks.vote_topic", network),
        "can_propose": user.has_perm("networks.propose_topic", network),
        "can_manage": user.has_perm("networks.manage_network", network),
        "statuses": TopicStatus.choices,
    }


@login_required
def topics(request, network_slug: str):
    network = network_for_user(request.user, network_slug, permission=MEMBERS_AREA)
    form = TopicStatusFilterForm(request.GET)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    context = _context(request, network) | {
        "proposals": topic_list(network, viewer=request.user, status=status),
        "filter_form": form,
        "status": status,
    }
    return render(request, "networks/topics.html", context)


@login_required
def topic_create(request, network_slug: str):
    network = network_for_user(request.user, network_slug, permission="networks.propose_topic")
    form = TopicProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        topic_propose(network=network, author=request.user, **form.cleaned_data)
        messages.success(request, _("Thank you: your topic has been proposed."))
        return redirect("networks:topics", network_slug=network.slug)
    return render(request, "networks/topic_form.html", {"network": network, "form": form})


@login_required
@require_POST
def topic_vote(request, network_slug: str, pk: int):
    """Vote or withdraw, as the button says: a double click on "Vote" still leaves one vote."""
    network = network_for_user(request.user, network_slug, permission="networks.vote_topic")
    proposal = topic_for_network(network, pk, viewer=request.user)
    error = ""
    try:
        if request.POST.get("action") == "withdraw":
            topic_vote_withdraw(proposal=proposal, person=request.user)
        else:
            topic_vote_cast(proposal=proposal, person=request.user)
    except ValidationError as refusal:
        error = refusal.messages[0]
    if request.htmx:
        proposal = topic_for_network(network, pk, viewer=request.user)
        context = _context(request, network) | {"proposal": proposal, "vote_error": error}
        return render(request, "networks/topics.html#vote", context)
    if error:
        messages.error(request, error)
    return redirect("networks:topics", network_slug=network.slug)


@login_required
@require_POST
def topic_status(request, network_slug: str, pk: int):
    network = network_for_user(request.user, network_slug, permission="networks.manage_network")
    proposal = topic_for_network(network, pk, viewer=request.user)
    status = request.POST.get("status", "")
    if status not in TopicStatus.values:
        raise Http404
    topic_status_set(proposal=proposal, status=status, actor=request.user)
    messages.success(
        request,
        _("“%(topic)s” is now marked %(status)s.")
        % {"topic": proposal.title, "status": TopicStatus(status).label.lower()},
    )
    return redirect("networks:topics", network_slug=network.slug)
