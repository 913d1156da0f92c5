"""The one way views fetch an object: fetch and authorise in one step, 404 for missing and
forbidden alike, so an outsider cannot learn what exists."""

from django.db.models import Model, QuerySet
from django.http import Http404


def get_for_user_or_404(queryset: QuerySet, *, user, permission: str | None, **lookup) -> Model:
    try:
        obj = queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as error:
        raise Http404 from error
    if permission is not None and not user.has_perm(permission, obj):
        raise Http404
    return obj
