import pytest
from factories.toolkit import institution_team

from glasnik.proposals.sections import TemplateKind
from glasnik.proposals.services import proposal_create, section_save


@pytest.fixture
def team(db):
    return institution_team()


@pytest.fixture
def proposal(team):
    return proposal_create(
        organization=team.organization,
        template=TemplateKind.MUNICIPALITY,
        title="Strategija komunikacije 2027.",
        actor=team.officer,
    )


def write(proposal, key: str, text: str, person):
    section = proposal.sections.get(key=key)
    return section_save(section=section, text=text, revision=section.revision, actor=person)
