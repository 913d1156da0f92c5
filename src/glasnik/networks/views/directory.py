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
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from glasnik.access.models import Role
from glasnik.access.selectors import user_has_role, user_is_platform_admin
from glasnik.core.exports import EXPORT_FORMATS, export_dataset, export_response
from glasnik.core.languages import written_in_text
from glasnik.core.reader_script import html_in_reader_script

from ..access import directory_for_user, network_for_user
from ..forms.network import DirectoryFilterForm, MemberStatusFilterForm
from ..selectors.directory import (
    directory_cache_page,
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
    membership and then served from the cache: one cache round trip brings the network and the
    page, and the layout is drawn around it."""
    fragment = "results" if request.htmx else "content"
    asked = (urlencode(_asked_filters(request.GET)), request.GET.get("page", ""))
    question = "|".join([get_language(), *asked])
    page_keys = {viewer: f"{viewer.name}|{question}" for viewer in _possible_viewers(request.user)}
    cached = directory_for_user(
        request.user, network_slug, fragment=fragment, page_keys=[*page_keys.values()]
    )
    network = cached.network
    viewer = _DirectoryViewer(
        # Organisers see every member's contact details; members what each member allows.
        sees_all_contacts=request.user.has_perm("networks.manage_network", network),
        can_export=request.user.has_perm("networks.export_members", network),
    )
    html = cached.pages.get(page_keys.get(viewer, ""))
    if html is None:
        html, answered = _directory_html(request, network, viewer, fragment=fragment)
        if answered == asked and viewer in page_keys:  # junk in the address is not kept
            directory_cache_page(cached, fragment=fragment, page_key=page_keys[viewer], html=html)
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


MEMBER = _DirectoryViewer(sees_all_contacts=False, can_export=False)
ORGANISER = _DirectoryViewer(sees_all_contacts=True, can_export=True)


def _possible_viewers(user) -> list[_DirectoryViewer]:
    """Who the user can be on any network's directory, known before the network is: most people
    organise nothing, so only the members' page is looked up for them."""
    if user_is_platform_admin(user) or user_has_role(user, Role.ORGANISER):
        return [MEMBER, ORGANISER]
    return [MEMBER]


def _asked_filters(params) -> list[tuple[str, str]]:
    """The filters as asked, in the form's order, without empty values."""
    return [
        (name, value.strip())
        for name in DirectoryFilterForm.base_fields
        for value in params.getlist(name)
        if value.strip()
    ]


def _directory_html(request, network, viewer: _DirectoryViewer, *, fragment: str):
    """The main element's content (or, for htmx, just the results) in the reader's script,
    and the question it answers: the valid filters and the page shown."""
    form = DirectoryFilterForm(
        request.GET, regions=directory_regions(network), interests=directory_interests(network)
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
    if fragment == "content":
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
        pgettext("job", "Position"),
        _("Experience with social media"),
        _("Interests"),
        _("Status"),
        _("Member since"),
    ]
    with timezone.override(network.time_zone):
        rows = [
            _export_row(membership, network)
            for membership in members_for_export(network, status=status)
        ]
    dataset = export_dataset(headers=headers, rows=rows, title=_("Members"))
    return export_response(
        dataset=dataset, file_format=file_format, filename=f"{network.slug}-members"
    )


def _export_row(membership, network) -> list:
    """What people wrote is marked with its language (institutions' and the network's), so
    the export converts it to the reader's script only where that language is read in both."""
    person, organization = membership.person, membership.organization
    joined = timezone.localtime(membership.joined_at) if membership.joined_at else None
    written_at = organization or network
    return [
        person.last_name,
        person.first_name,
        person.email,
        person.phone,
        written_in_text(organization.name, organization) if organization else "",
        organization.get_country_display() if organization else "",
        written_in_text(organization.region, organization) if organization else "",
        written_in_text(membership.position_title, written_at),
        person.get_experience_level_display(),
        written_in_text(
            ", ".join(interest.name for interest in membership.interests.all()), network
        ),
        membership.get_status_display(),
        joined.strftime("%Y-%m-%d %H:%M") if joined else "",
    ]
