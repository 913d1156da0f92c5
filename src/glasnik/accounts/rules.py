import rules


@rules.predicate
def is_own_position(user, position) -> bool:
    return position is not None and position.person_id == user.pk


rules.add_perm("accounts.change_position", rules.is_authenticated & is_own_position)
