"""Who does what in an institution's content calendar, on top of the toolkit's one definition
(`glasnik.toolkit.access`): its team reads and comments (others get 404), its staff plan."""

from django.http import Http404

from glasnik.toolkit.access import InstitutionAccess, institution_for_user


def calendar_for_user(user, slug: str) -> InstitutionAccess:
    return institution_for_user(user, slug)


def calendar_for_planner(user, slug: str) -> InstitutionAccess:
    """The institution for someone who plans its posts (its staff); 404 for everyone else."""
    access = institution_for_user(user, slug)
    if not access.may_edit:
        raise Http404
    return access
