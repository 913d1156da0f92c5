"""Who may do what with an event. A network's event follows the network's permissions; a
programme's event will follow the programme's."""

import rules

from .models import Visibility


def _network_perm(permission: str):
    @rules.predicate(name=f"event_network_{permission.split('.')[-1]}")
    def predicate(user, event) -> bool:
        return (
            event is not None
            and event.network_id is not None
            and user.has_perm(permission, event.network)
        )

    return predicate


@rules.predicate
def is_public_event(user, event) -> bool:
    return event is not None and event.visibility == Visibility.PUBLIC


def _program_perm(permission: str):
    @rules.predicate(name=f"event_program_{permission.split('.')[-1]}")
    def predicate(user, event) -> bool:
        return (
            event is not None
            and event.program_id is not None
            and user.has_perm(permission, event.program)
        )

    return predicate


manages_event_network = _network_perm("networks.manage_network")
takes_part_in_event_network = _network_perm("networks.view_members_area")
manages_event_program = _program_perm("programs.manage_program")
teaches_in_event_program = _program_perm("programs.teach_program")
takes_part_in_event_program = _program_perm("programs.take_part")

rules.add_perm("events.manage_event", manages_event_network | manages_event_program)
# Everyone sees public events; members, participants and organisers see the rest.
rules.add_perm(
    "events.view_event",
    is_public_event | takes_part_in_event_network | takes_part_in_event_program,
)
# Taking part is not seeing: a public event is seen by everyone, but only the network's members
# and the programme's enrolled participants (and their organisers) take part in it, which is
# what non-public materials and exercises of an event without registration ask for.
rules.add_perm("events.take_part_event", takes_part_in_event_network | takes_part_in_event_program)
# Members (and organisers) answer whether they come.
rules.add_perm("events.rsvp_event", takes_part_in_event_network)
# Trainers of the programme: materials, assignments and comments, check-in.
rules.add_perm("events.teach_event", teaches_in_event_program | manages_event_network)


@rules.predicate
def is_the_lecturer(user, lecturer) -> bool:
    return lecturer is not None and lecturer.person_id is not None and lecturer.person_id == user.pk


@rules.predicate
def organises_where_lecturer_teaches(user, lecturer) -> bool:
    """An organiser keeps the profile of a lecturer who teaches (or has yet to teach) in a
    programme they organise; a profile that teaches nowhere yet is open to every organiser."""
    from glasnik.access.models import Role
    from glasnik.access.selectors import user_has_role

    if lecturer is None or not user_has_role(user, Role.ORGANISER):
        return False
    programs = {
        item.event.program
        for item in lecturer.agenda_items.select_related("event__program")
        if item.event.program_id is not None
    }
    if not programs:
        return True
    return any(user.has_perm("programs.manage_program", program) for program in programs)


rules.add_perm(
    "events.edit_lecturer",
    rules.is_authenticated & (is_the_lecturer | organises_where_lecturer_teaches),
)
