"""The member directory, for members and organisers, and the organisers' export of members."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from glasnik.core.exports import EXPORT_FORMATS, export_dataset, export_response
from glasnik.core.reader_script import html_in_reader_script

from ..access import network_for_user
from ..forms.network import DirectoryFilterForm, MemberStatusFilterForm
from ..selectors.directory import (
    DIRECTORY_CACHE_SECONDS,
    directory_cache_key,
    directory_interests,
    directory_members,
    directory_regions,
    directory_version,
    members_for_export,
)

PAGE_SIZE = 30
# How the results partial (networks/directory.html#results) opens.
RESULTS_OPENING_TAG = '<div id="directory-results" aria-live="polite">'


@login_required
def directory(request, network_slug: str):
    network = network_for_user(request.user, network_slug, permission="networks.view_members_area")
    form = DirectoryFilterForm(
        request.GET, regions=directory_regions(network), interests=directory_interests()
    )
    query = urlencode(form.query_items())
    # Organisers see every member's contact details; members what each member allows.
    sees_all_contacts = request.user.has_perm("networks.manage_network", network)
    context = {
        "network": network,
        "form": form,
        "query": query,
        "is_filtered": bool(query),
        "sees_all_contacts": sees_all_contacts,
        "can_export": request.user.has_perm("networks.export_members", network),
        "directory_version": directory_version(network.pk),
    }
    context["results"] = _results_html(request, context, form)
    if request.htmx:
        return HttpResponse(context["results"])
    return render(request, "networks/directory.html", context)


def _results_html(request, context: dict, form) -> str:
    """The table of members for this query, as members (or organisers) see it: rendered once
    per state of the network's membership, then served from the cache."""
    network = context["network"]
    variant = "|".join(
        [
            get_language(),
            "all" if context["sees_all_contacts"] else "members",
            context["query"],
            request.GET.get("page", ""),
        ]
    )
    key = directory_cache_key(network, part="results", variant=variant)
    html = cache.get(key)
    if html is None:
        page = Paginator(directory_members(network, filters=form.filters()), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        html = render_to_string(
            "networks/directory.html#results", {**context, "page": page}, request=request
        )
        # Kept already in the reader's script, and marked so that the page's conversion skips
        # it: a table full of names is the costliest part of converting the page.
        html = html_in_reader_script(html, get_language()).replace(
            RESULTS_OPENING_TAG, RESULTS_OPENING_TAG[:-1] + ' class="notranslit">', 1
        )
        cache.set(key, html, DIRECTORY_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - our own template's output


@login_required
def members_export(request, network_slug: str, file_format: str):
    network = network_for_user(request.user, network_slug, permission="networks.export_members")
    if file_format not in EXPORT_FORMATS:
        raise Http404
    form = MemberStatusFilterForm(request.GET)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    headers = [
        _("Surname"),
        _("First name"),
        _("Email"),
        _("Phone"),
        _("Institution"),
        _("Country"),
        _("Region"),
        _("Position"),
        _("Experience with social media"),
        _("Interests"),
        _("Status"),
        _("Member since"),
    ]
    with timezone.override(network.time_zone):
        rows = [
            _export_row(membership) for membership in members_for_export(network, status=status)
        ]
    dataset = export_dataset(headers=headers, rows=rows, title=_("Members"))
    return export_response(
        dataset=dataset, file_format=file_format, filename=f"{network.slug}-members"
    )


def _export_row(membership) -> list:
    person, organization = membership.person, membership.organization
    joined = timezone.localtime(membership.joined_at) if membership.joined_at else None
    return [
        person.last_name,
        person.first_name,
        person.email,
        person.phone,
        organization.name if organization else "",
        organization.get_country_display() if organization else "",
        organization.region if organization else "",
        membership.position_title,
        person.get_experience_level_display(),
        ", ".join(interest.name for interest in membership.interests.all()),
        membership.get_status_display(),
        joined.strftime("%Y-%m-%d %H:%M") if joined else "",
    ]
