"""Who may do what with an event. A network's event follows the network's permissions; a
programme's event will follow the programme's."""

import rules

from glasnik.access.rules import is_platform_admin

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
# The event's team (organisers and trainers) runs it: check-in, codes, materials, exercises.
runs_event = manages_event_network | manages_event_program | teaches_in_event_program
rules.add_perm("events.run_event", runs_event)


@rules.predicate
def runs_event_of_material(user, material) -> bool:
    return material is not None and runs_event(user, material.event)


@rules.predicate
def runs_event_of_submission(user, submission) -> bool:
    return submission is not None and runs_event(user, submission.assignment.event)


@rules.predicate
def wrote_submission(user, submission) -> bool:
    return submission is not None and submission.person_id == getattr(user, "pk", None)


rules.add_perm("events.change_material", runs_event_of_material)
rules.add_perm("events.view_submission", wrote_submission | runs_event_of_submission)
rules.add_perm("events.comment_submission", runs_event_of_submission)


@rules.predicate
def manages_series_network(user, series) -> bool:
    return (
        series is not None
        and series.network_id is not None
        and user.has_perm("networks.manage_network", series.network)
    )


rules.add_perm("events.manage_series", manages_series_network)


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
    is_platform_admin
    | (rules.is_authenticated & (is_the_lecturer | organises_where_lecturer_teaches)),
)
