from django.http import Http404

from .models import Organization


def organization_public_by_slug(slug: str) -> Organization:
    """Institutions are public facts: anyone may read one."""
    try:
        return Organization.objects.select_related("parent").get(slug=slug)
    except Organization.DoesNotExist as error:
        raise Http404 from error
