"""The member directory, for members and organisers, and the organisers' export of members."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
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

from ..access import network_for_user, network_header_for_user
from ..forms.network import DirectoryFilterForm, MemberStatusFilterForm
from ..selectors.directory import (
    directory_cache_get,
    directory_cache_set,
    directory_interests,
    directory_members,
    directory_regions,
    members_for_export,
)

PAGE_SIZE = 30
# How the results partial (networks/directory.html#results) opens.
RESULTS_OPENING_TAG = '<div id="directory-results" aria-live="polite">'


@login_required
def directory(request, network_slug: str):
    """The directory for a member or organiser. What the main element shows depends only on the
    question asked and on who asks (a member, an organiser), so it is made once per state of the
    membership and then served from the cache: the page costs the network, one cache round trip
    and the layout."""
    network = network_header_for_user(
        request.user, network_slug, permission="networks.view_members_area"
    )
    viewer = _DirectoryViewer(
        # Organisers see every member's contact details; members what each member allows.
        sees_all_contacts=request.user.has_perm("networks.manage_network", network),
        can_export=request.user.has_perm("networks.export_members", network),
    )
    part = "results" if request.htmx else "content"
    asked = (urlencode(_asked_filters(request.GET)), request.GET.get("page", ""))
    variant = "|".join([get_language(), viewer.name, *asked])
    html, version = directory_cache_get(network.pk, part=part, variant=variant)
    if html is None:
        html, answered = _directory_html(request, network, viewer, part=part)
        if answered == asked:  # keep only well-formed questions: junk cannot fill the cache
            directory_cache_set(network.pk, part=part, variant=variant, version=version, value=html)
    html = mark_safe(html)  # noqa: S308 - our own templates' output
    if request.htmx:
        return HttpResponse(html)
    return render(request, "networks/directory.html", {"network": network, "content": html})


@dataclass(frozen=True)
class _DirectoryViewer:
    sees_all_contacts: bool
    can_export: bool

    @property
    def name(self) -> str:
        return f"contacts={self.sees_all_contacts},export={self.can_export}"


def _asked_filters(params) -> list[tuple[str, str]]:
    """The filters as asked, in the form's order, without empty values."""
    return [
        (name, value.strip())
        for name in DirectoryFilterForm.base_fields
        for value in params.getlist(name)
        if value.strip()
    ]


def _directory_html(request, network, viewer: _DirectoryViewer, *, part: str):
    """The main element's content (or, for htmx, just the results) in the reader's script,
    and the question it answers: the valid filters and the page shown."""
    form = DirectoryFilterForm(
        request.GET, regions=directory_regions(network), interests=directory_interests()
    )
    query = urlencode(form.query_items())
    page = Paginator(directory_members(network, filters=form.filters()), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "network": network,
        "form": form,
        "query": query,
        "is_filtered": bool(query),
        "sees_all_contacts": viewer.sees_all_contacts,
        "can_export": viewer.can_export,
        "page": page,
    }
    language = get_language()
    # A table full of names is the costliest part of converting a page: converted here, once,
    # and marked so that the conversion of the page around it skips it.
    results = html_in_reader_script(
        render_to_string("networks/directory.html#results", context, request=request), language
    ).replace(RESULTS_OPENING_TAG, RESULTS_OPENING_TAG[:-1] + ' class="notranslit">', 1)
    html = results
    if part == "content":
        context["results"] = mark_safe(results)  # noqa: S308 - our own template's output
        content = render_to_string("networks/directory.html#content", context, request=request)
        html = f'<div class="notranslit">{html_in_reader_script(content, language)}</div>'
    page_asked = "" if page.number == 1 and not request.GET.get("page") else str(page.number)
    return html, (query, page_asked)


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
