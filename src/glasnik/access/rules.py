"""Predicates shared by every app: roles scoped to the object being checked."""

import rules

from .models import Role
from .selectors import user_has_role, user_is_platform_admin


@rules.predicate
def is_platform_admin(user) -> bool:
    return user_is_platform_admin(user)


def has_scoped_role(role: str):
    """A predicate: the user holds `role` on the object under check."""

    @rules.predicate(name=f"has_{role}_role")
    def predicate(user, obj) -> bool:
        return obj is not None and user_has_role(user, role, obj)

    return predicate


is_organiser_of = has_scoped_role(Role.ORGANISER)
is_trainer_of = has_scoped_role(Role.TRAINER)
is_juror_of = has_scoped_role(Role.JUROR)
is_member_of = has_scoped_role(Role.MEMBER)
is_approver_of = has_scoped_role(Role.APPROVER)


@rules.predicate
def is_any_organiser(user) -> bool:
    return user_has_role(user, Role.ORGANISER)


rules.add_perm("audit.view_log", is_platform_admin | is_any_organiser)
