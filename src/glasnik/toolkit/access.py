"""Who works on an institution's plans: the one definition the toolkit's apps (proposal,
content calendar, post coach, cards) share. An institution's plans are seen by its staff (a
current position there), its approvers, the mentors paired with it (or with one of its staff)
and the organisers of a programme it takes part in; nobody else learns that they exist (404).

Views fetch an institution with `institution_for_user(user, slug)`; the answer says in which
capacities the reader is there, and what they may do follows from that in one place."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from glasnik.access.models import Role, RoleGrant
from glasnik.access.selectors import (
    organised_ids,
    role_holders,
    user_has_role,
    user_is_platform_admin,
)
from glasnik.accounts.models import Position, User
from glasnik.mentoring.models import MentoringPair
from glasnik.organizations.models import Organization
from glasnik.programs.models import Enrolment, EnrolmentStatus, Program


@dataclass(frozen=True)
class InstitutionAccess:
    organization: Organization
    is_staff: bool
    is_approver: bool
    is_mentor: bool
    is_organiser: bool
    is_admin: bool = False

    @property
    def may_view(self) -> bool:
        return any(
            (self.is_staff, self.is_approver, self.is_mentor, self.is_organiser, self.is_admin)
        )

    @property
    def may_edit(self) -> bool:
        """Write the proposal, plan posts, make cards, set the coach's rules: the staff."""
        return self.is_staff

    @property
    def may_comment(self) -> bool:
        """Comment on a proposal or a post: everyone who may see it."""
        return self.may_view


def current_positions(*, on=None):
    """Positions held on a day (today by default): begun, not ended."""
    day = on or timezone.localdate()
    return Position.objects.filter(Q(since__isnull=True) | Q(since__lte=day)).filter(
        Q(until__isnull=True) | Q(until__gte=day)
    )


def institution_staff(organization: Organization):
    """The people with a current position at the institution."""
    ids = current_positions().filter(organization=organization).values("person_id")
    return User.objects.filter(pk__in=ids, is_active=True)


def institution_approvers(organization: Organization):
    return role_holders(Role.APPROVER, organization)


def _is_staff(user, organization: Organization) -> bool:
    return current_positions().filter(person_id=user.pk, organization=organization).exists()


def _is_mentor(user, organization: Organization) -> bool:
    staff = current_positions().filter(organization=organization).values("person_id")
    return (
        MentoringPair.objects.filter(mentor_id=user.pk)
        .filter(Q(organization=organization) | Q(mentee_id__in=staff))
        .exists()
    )


def _is_organiser(user, organization: Organization) -> bool:
    programs = organised_ids(user, Program)
    if not programs:
        return False
    return (
        Enrolment.objects.filter(
            program_id__in=programs, organization=organization, status=EnrolmentStatus.ENROLLED
        ).exists()
        or MentoringPair.objects.filter(program_id__in=programs, organization=organization).exists()
    )


def institution_access(user, organization: Organization) -> InstitutionAccess:
    """In which capacities `user` is at the institution (all False for an outsider)."""
    if not user.is_authenticated:
        return InstitutionAccess(organization, False, False, False, False)
    return InstitutionAccess(
        organization,
        is_staff=_is_staff(user, organization),
        is_approver=user_has_role(user, Role.APPROVER, organization),
        is_mentor=_is_mentor(user, organization),
        is_organiser=_is_organiser(user, organization),
        is_admin=user_is_platform_admin(user),
    )


def institution_for_user(user, slug: str) -> InstitutionAccess:
    """The institution by its slug with the reader's access; 404 when they may not see it."""
    organization = Organization.objects.filter(slug=slug).first()
    if organization is None:
        raise Http404
    access = institution_access(user, organization)
    if not access.may_view:
        raise Http404
    return access


def institutions_of(user) -> list[Organization]:
    """The institutions whose plans `user` works on as staff, approver or mentor, by name."""
    if not user.is_authenticated:
        return []
    staff = current_positions().filter(person_id=user.pk).values("organization_id")
    approved = RoleGrant.objects.filter(
        person_id=user.pk,
        role=Role.APPROVER,
        scope_type=ContentType.objects.get_for_model(Organization),
    ).values("scope_id")
    mentored = MentoringPair.objects.filter(mentor_id=user.pk, organization__isnull=False)
    return list(
        Organization.objects.filter(
            Q(pk__in=staff) | Q(pk__in=approved) | Q(pk__in=mentored.values("organization_id"))
        )
        .exclude(kind="association")
        .order_by("name")
    )
