"""Programmes, their phases, and enrolments."""

from datetime import timedelta

import factory
from django.utils import timezone

from glasnik.access.models import Role
from glasnik.access.services import role_grant
from glasnik.programs.models import Enrolment, EnrolmentStatus, Phase, PhaseKind, Program
from glasnik.programs.selectors import forget_person_programs

from .accounts import PersonFactory
from .organizations import AssociationFactory, OrganizationFactory


class ProgramFactory(factory.django.DjangoModelFactory):
    """A published programme of training and mentoring run by an association, in Belgrade's
    time zone. Written directly: `program_create` needs an acting administrator and writes an
    audit entry that the programme tests count."""

    class Meta:
        model = Program

    name = "Društvene mreže – obuka i mentorstvo"
    slug = factory.Sequence(lambda number: f"drustvene-mreze-{number}")
    organization = factory.SubFactory(AssociationFactory)
    time_zone = "Europe/Belgrade"
    is_published = True


class PhaseFactory(factory.django.DjangoModelFactory):
    """A phase of a programme, by default the one under way (the last thirty days and the
    next thirty)."""

    class Meta:
        model = Phase

    program = factory.SubFactory(ProgramFactory)
    kind = PhaseKind.TRAINING
    title = "Obuka"
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))


class EnrolmentFactory(factory.django.DjangoModelFactory):
    """An enrolled participant from an institution. As `enrolment_approve` does, an enrolled
    person also holds the programme's member role; other states hold none. Written directly:
    the enrolment services email the person and log the decision."""

    class Meta:
        model = Enrolment
        skip_postgeneration_save = True

    program = factory.SubFactory(ProgramFactory)
    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)
    status = EnrolmentStatus.ENROLLED

    @factory.post_generation
    def member_role(enrolment, create, extracted, **kwargs):  # noqa: N805 - factory_boy's hook
        if create and enrolment.status == EnrolmentStatus.ENROLLED:
            role_grant(person=enrolment.person, role=Role.MEMBER, scope=enrolment.program)
        forget_person_programs(enrolment.person_id)
