from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from glasnik.core.cache import public_page

from .fields import QUERY_SUFFIX, html_name_or, institution_choices
from .forms import OrganizationFilterForm
from .models import Country, OrganizationKind
from .rows import organization_rows
from .selectors import (
    organization_children_public,
    organization_list_public,
    organization_public_by_slug,
    organization_regions,
)

PAGE_SIZE = 50


@public_page
def organization_list(request):
    country = request.GET.get("country", "")
    regions = organization_regions(country=country if country in Country.values else "")
    form = OrganizationFilterForm(request.GET, regions=regions)
    filters = form.filters()
    organizations = organization_list_public(
        country=filters.get("country", ""),
        kind=filters.get("kind", ""),
        region=filters.get("region", ""),
        search=filters.get("q", ""),
    )
    # Only the numbers of a page's institutions: their rows are kept (organization_rows).
    page = Paginator(organizations.values_list("pk", flat=True), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = urlencode({name: value for name, value in filters.items() if value})
    context = {
        "page": page,
        "rows": organization_rows(page.object_list),
        "form": form,
        "query": query,
        "is_filtered": bool(query),
    }
    return render(request, "organizations/organization_list.html", context)


@public_page
def organization_detail(request, slug: str):
    organization = organization_public_by_slug(slug)
    children, children_count = organization_children_public(organization)
    context = {
        "organization": organization,
        "children": children,
        "children_count": children_count,
    }
    return render(request, "organizations/organization_detail.html", context)


@login_required
@require_GET
def institution_search(request):
    """The matches for an institution search field as the person types (an htmx fragment): no
    more than the public list of institutions shows, for the forms of signed-in people."""
    name = html_name_or(request.GET.get("name", ""), "organization")
    kinds = tuple(kind for kind in request.GET.getlist("kind") if kind in OrganizationKind.values)
    choices = institution_choices(
        name=name,
        id_prefix=html_name_or(request.GET.get("id", ""), f"id_{name}"),
        query=request.GET.get(name + QUERY_SUFFIX, ""),
        kinds=tuple(dict.fromkeys(kinds)),
    )
    context = {"choices": choices, "oob": True}
    return render(request, "organizations/widgets/institution_results.html", context)
