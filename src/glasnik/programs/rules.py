"""Who may do what in a programme. The team holds scoped roles: organisers (Role.ORGANISER) and
trainers or mentors (Role.TRAINER); enrolled participants hold Role.MEMBER on the programme."""

import rules

from glasnik.access.rules import is_member_of, is_organiser_of, is_platform_admin, is_trainer_of


@rules.predicate
def is_published_program(user, program) -> bool:
    return program is not None and program.is_published


can_manage_program = is_platform_admin | is_organiser_of

rules.add_perm("programs.manage_program", can_manage_program)
rules.add_perm("programs.view_program", is_published_program | can_manage_program)
# Trainers and mentors: materials, assignments, their own feedback.
rules.add_perm("programs.teach_program", is_trainer_of | can_manage_program)
# Enrolled participants: registration for the programme's events, materials, feedback.
rules.add_perm("programs.take_part", is_member_of | can_manage_program)
rules.add_perm("programs.view_reports", can_manage_program)
