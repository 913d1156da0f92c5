"""Who may do what in a competition: the organisers of its programme set it up, preview and
publish its results; jurors (a place on its jury and the juror's role, which asks for two-factor
authentication) score their entries; an institution's people make its entries. Everyone may read
a competition of a published programme, and an imported one (an open archive)."""

import rules

from glasnik.access.models import Role
from glasnik.access.rules import is_platform_admin
from glasnik.access.selectors import user_has_role

from .models import Juror


@rules.predicate
def manages_competition(user, competition) -> bool:
    if competition is None:
        return False
    if competition.program_id is None:
        return user_is_admin(user)
    return user.has_perm("programs.manage_program", competition.program)


def user_is_admin(user) -> bool:
    return is_platform_admin.test(user)


@rules.predicate
def may_read_competition(user, competition) -> bool:
    if competition is None:
        return False
    if competition.program_id is None:
        return True
    return user.has_perm("programs.view_program", competition.program)


@rules.predicate
def is_juror(user, competition) -> bool:
    """On the jury, and holding the juror's role on the competition, its programme or the
    programme's institution (the role brings two-factor authentication with it)."""
    if competition is None or not getattr(user, "is_authenticated", False):
        return False
    if not Juror.objects.filter(competition=competition, person=user).exists():
        return False
    scopes = [competition]
    if competition.program_id is not None:
        scopes += [competition.program, competition.program.organization]
    return any(user_has_role(user, Role.JUROR, scope) for scope in scopes if scope is not None)


@rules.predicate
def results_published(user, competition) -> bool:
    return competition is not None and competition.results_published


rules.add_perm("competitions.view_competition", may_read_competition | manages_competition)
rules.add_perm("competitions.manage_competition", manages_competition)
rules.add_perm("competitions.judge", is_juror)
rules.add_perm(
    "competitions.view_results",
    manages_competition | (may_read_competition & results_published),
)
