"""Who may do what in a network. Objects are networks; call-level permissions take a call."""

import rules

from glasnik.access.rules import is_member_of, is_organiser_of, is_platform_admin


@rules.predicate
def is_organiser_of_call_network(user, call) -> bool:
    return call is not None and is_organiser_of(user, call.network)


can_manage_network = is_platform_admin | is_organiser_of
can_manage_call = is_platform_admin | is_organiser_of_call_network

rules.add_perm("networks.manage_network", can_manage_network)
# Members-only parts: the directory, topic proposals and votes, meetings' details.
rules.add_perm("networks.view_members_area", can_manage_network | is_member_of)
rules.add_perm("networks.propose_topic", is_member_of | can_manage_network)
rules.add_perm("networks.vote_topic", is_member_of)
rules.add_perm("networks.export_members", can_manage_network)
rules.add_perm("networks.manage_call", can_manage_call)
