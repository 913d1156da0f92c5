from django.core.paginator import Paginator
from django.shortcuts import render

from glasnik.core.cache import public_page

from .models import Organization
from .selectors import organization_public_by_slug


@public_page
def organization_list(request):
    page = Paginator(Organization.objects.all(), 50).get_page(request.GET.get("page"))
    return render(request, "organizations/organization_list.html", {"page": page})


@public_page
def organization_detail(request, slug: str):
    organization = organization_public_by_slug(slug)
    return render(request, "organizations/organization_detail.html", {"organization": organization})
