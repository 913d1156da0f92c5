"""An institution's team for the toolkit's tests: a municipality, its PR officer (a current
position), its approver (the mayor's head of cabinet), the mentor paired with it in a
programme it takes part in, that programme's organiser, and an outsider."""

from dataclasses import dataclass

from factories.accounts import PersonFactory, PositionFactory, organiser_of, with_second_factor
from factories.organizations import OrganizationFactory
from factories.programs import EnrolmentFactory, ProgramFactory
from glasnik.access.models import Role
from glasnik.access.services import role_grant
from glasnik.accounts.models import User
from glasnik.mentoring.models import MentoringPair
from glasnik.organizations.models import Organization, OrganizationKind


@dataclass
class InstitutionTeam:
    organization: Organization
    officer: User  # staff: writes the plans
    colleague: User  # staff too
    approver: User
    mentor: User
    organiser: User
    outsider: User


def institution_team(**organization_fields) -> InstitutionTeam:
    organization = OrganizationFactory(
        **({"name": "Grad Kragujevac", "kind": OrganizationKind.CITY} | organization_fields)
    )
    officer = PersonFactory(first_name="Marko", last_name="Petrović", preferred_language="sr-latn")
    colleague = PersonFactory(first_name="Jovana", last_name="Ilić", preferred_language="sr")
    for person in (officer, colleague):
        PositionFactory(person=person, organization=organization, title="PR")
    approver = with_second_factor(
        PersonFactory(first_name="Nenad", last_name="Pavlović", preferred_language="sr")
    )
    role_grant(person=approver, role=Role.APPROVER, scope=organization)
    program = ProgramFactory()
    EnrolmentFactory(program=program, person=officer, organization=organization)
    organiser = organiser_of(program)
    mentor = PersonFactory(first_name="Dragan", last_name="Ilić", preferred_language="sr-latn")
    role_grant(person=mentor, role=Role.TRAINER, scope=program)
    MentoringPair.objects.create(program=program, mentor=mentor, organization=organization)
    outsider = PersonFactory(first_name="Luka", last_name="Kovač", preferred_language="sl")
    return InstitutionTeam(organization, officer, colleague, approver, mentor, organiser, outsider)
