"""Who may do what with a survey: the organisers of its programme or network manage it and read
its results; the programme's participants or the network's members answer it."""

import rules


def _owner_check(user, survey, *, program_perm: str, network_perm: str) -> bool:
    if survey is None:
        return False
    if survey.program_id is not None:
        return user.has_perm(program_perm, survey.program)
    return user.has_perm(network_perm, survey.network)


@rules.predicate
def manages_survey_owner(user, survey) -> bool:
    return _owner_check(
        user, survey, program_perm="programs.manage_program", network_perm="networks.manage_network"
    )


@rules.predicate
def takes_part_in_survey_owner(user, survey) -> bool:
    return _owner_check(
        user,
        survey,
        program_perm="programs.take_part",
        network_perm="networks.view_members_area",
    )


@rules.predicate
def is_not_draft(user, survey) -> bool:
    return survey is not None and survey.status != "draft"


rules.add_perm("surveys.manage_survey", manages_survey_owner)
rules.add_perm("surveys.view_results", manages_survey_owner)
# Drafts are the organisers' alone; an open or closed survey is shown to those who take part.
rules.add_perm("surveys.answer_survey", takes_part_in_survey_owner & is_not_draft)
