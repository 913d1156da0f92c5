"""The network's public page and list, and what organisers and members do with the network."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from glasnik.core.cache import public_page

from ..access import network_for_user
from ..forms.network import (
    DirectoryEntryForm,
    MembershipDecisionForm,
    MemberStatusFilterForm,
    NetworkPageForm,
    OrganiserAddForm,
)
from ..selectors.calls import calls_change_at, calls_public_for_network
from ..selectors.network import (
    current_membership_or_404,
    members_for_organiser,
    membership_for_organiser,
    membership_of,
    membership_status_counts,
    network_list_public,
    network_member_count,
    network_organisers,
)
from ..services.members import (
    membership_decide,
    membership_entry_update,
    membership_leave_by_member,
)
from ..services.network import (
    PAGE_FIELDS,
    network_organiser_add,
    network_organiser_remove,
    network_update,
)

MANAGE = "networks.manage_network"
MEMBERS_PAGE_SIZE = 50


@public_page
def network_list(request):
    return render(request, "networks/network_list.html", {"networks": network_list_public()})


@public_page
def network_detail(request, network_slug: str):
    network = network_for_user(request.user, network_slug)
    user = request.user
    # What every reader sees is kept with the network ({% kept %}): read only when drawn.
    calls = SimpleLazyObject(lambda: calls_public_for_network(network))
    context = {
        "network": network,
        "calls": calls,
        "calls_change_at": lambda: calls_change_at(calls),
        "now": timezone.now(),
        "learning_topics": [
            line.strip() for line in network.learning_topics.splitlines() if line.strip()
        ],
        "member_count": lambda: network_member_count(network),
        "membership": membership_of(network, user),
        "can_manage": user.is_authenticated and user.has_perm(MANAGE, network),
    }
    with timezone.override(network.time_zone):
        return render(request, "networks/network_detail.html", context)


@login_required
def network_edit(request, network_slug: str):
    network = network_for_user(request.user, network_slug, permission=MANAGE)
    form = NetworkPageForm(request.POST or None, instance=network)
    if request.method == "POST" and form.is_valid():
        # The form validated against a copy, so the service sees what really changed.
        network.refresh_from_db()
        network_update(
            network=network,
            actor=request.user,
            learning_topics=form.cleaned_data["learning_topics"],
            **{name: form.cleaned_data[name] for name in PAGE_FIELDS},
        )
        messages.success(request, _("The network's page has been saved."))
        return redirect("networks:detail", network_slug=network.slug)
    return render(request, "networks/network_form.html", {"network": network, "form": form})


@login_required
def network_organisers_manage(request, network_slug: str):
    network = network_for_user(request.user, network_slug, permission=MANAGE)
    form = OrganiserAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        network_organiser_add(network=network, person=form.person, actor=request.user)
        messages.success(
            request,
            _("%(person)s is now an organiser of the network.") % {"person": form.person},
        )
        return redirect("networks:organisers", network_slug=network.slug)
    context = {"network": network, "form": form, "organisers": list(network_organisers(network))}
    return render(request, "networks/organisers.html", context)


@login_required
@require_POST
def network_organiser_delete(request, network_slug: str, person_id: int):
    network = network_for_user(request.user, network_slug, permission=MANAGE)
    person = network_organisers(network).filter(pk=person_id).first()
    if person is None:
        messages.error(request, _("This person is not an organiser of the network."))
    else:
        try:
            network_organiser_remove(network=network, person=person, actor=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request, _("%(person)s no longer organises the network.") % {"person": person}
            )
    return redirect("networks:organisers", network_slug=network.slug)


@login_required
def network_members(request, network_slug: str):
    network = network_for_user(request.user, network_slug, permission=MANAGE)
    form = MemberStatusFilterForm(request.GET)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    page = Paginator(members_for_organiser(network, status=status), MEMBERS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "network": network,
        "form": form,
        "page": page,
        "status": status,
        "query": f"status={status}" if status else "",
        "counts": membership_status_counts(network),
    }
    with timezone.override(network.time_zone):
        return render(request, "networks/members.html", context)


@login_required
def network_membership(request, network_slug: str, pk: int):
    network = network_for_user(request.user, network_slug, permission=MANAGE)
    membership = membership_for_organiser(network, pk)
    form = MembershipDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership_decide(
                membership=membership,
                status=form.cleaned_data["status"],
                actor=request.user,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            form.add_error("status", error)
        else:
            messages.success(
                request,
                _("The decision has been saved and %(person)s has been told by email.")
                % {"person": membership.person},
            )
            return redirect("networks:membership", network_slug=network.slug, pk=membership.pk)
    context = {"network": network, "membership": membership, "form": form}
    with timezone.override(network.time_zone):
        return render(request, "networks/membership_detail.html", context)


@login_required
def my_entry(request, network_slug: str):
    network = network_for_user(request.user, network_slug, permission="networks.view_members_area")
    membership = current_membership_or_404(network, request.user)
    form = DirectoryEntryForm(request.POST or None, instance=membership, person=request.user)
    if request.method == "POST" and form.is_valid():
        membership.refresh_from_db()
        membership_entry_update(
            membership=membership,
            actor=request.user,
            organization=form.cleaned_data["organization"],
            position_title=form.cleaned_data["position_title"],
            interests=list(form.cleaned_data["interests"]),
            show_email=form.cleaned_data["show_email"],
            show_phone=form.cleaned_data["show_phone"],
        )
        messages.success(request, _("Your directory entry has been saved."))
        return redirect("networks:directory", network_slug=network.slug)
    return render(
        request,
        "networks/my_entry.html",
        {"network": network, "membership": membership, "form": form},
    )


@login_required
def network_leave(request, network_slug: str):
    network = network_for_user(request.user, network_slug, permission="networks.view_members_area")
    membership = current_membership_or_404(network, request.user)
    if request.method == "POST":
        membership_leave_by_member(membership=membership, person=request.user)
        messages.success(request, _("You have left the network."))
        return redirect("networks:detail", network_slug=network.slug)
    return render(request, "networks/leave.html", {"network": network, "membership": membership})
