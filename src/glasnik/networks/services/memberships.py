"""A person's membership of a network: applied → member, declined or left; each step kept."""

from django.db import transaction
from django.utils import timezone

from glasnik.access.models import Role
from glasnik.access.services import role_grant, role_revoke
from glasnik.audit.services import log_action

from ..models import Membership, MembershipChange, MembershipStatus, Network
from ..selectors.directory import directory_cache_clear, membership_search_text
from ..selectors.network import forget_person_networks


def _membership_set_status(
    *, membership: Membership, status: str, actor, message: str = ""
) -> Membership:
    membership.status = status
    membership.search_text = membership_search_text(membership)
    fields = ["status", "search_text", "updated_at"]
    if status == MembershipStatus.MEMBER and membership.joined_at is None:
        membership.joined_at = timezone.now()
        fields.append("joined_at")
    membership.save(update_fields=fields)
    MembershipChange.objects.create(
        membership=membership, status=status, actor=actor, message=message
    )
    log_action(
        f"networks.membership.{status}",
        actor=actor,
        target=membership,
        scope=membership.network,
        data={"person": membership.person_id, "status": status},
    )
    if status == MembershipStatus.MEMBER:
        role_grant(person=membership.person, role=Role.MEMBER, scope=membership.network)
    else:
        role_revoke(person=membership.person, role=Role.MEMBER, scope=membership.network)
    forget_person_networks(membership.person_id)
    directory_cache_clear(membership.network_id)
    return membership


@transaction.atomic
def membership_apply(
    *, network: Network, person, organization=None, position_title: str = ""
) -> Membership:
    """Record that a person asks to join. A member stays a member; anyone else applies again."""
    membership, created = Membership.objects.select_for_update().get_or_create(
        network=network,
        person=person,
        defaults={"organization": organization, "position_title": position_title},
    )
    if not created:
        membership.organization = organization or membership.organization
        membership.position_title = position_title or membership.position_title
        membership.search_text = membership_search_text(membership)
        membership.save(
            update_fields=["organization", "position_title", "search_text", "updated_at"]
        )
        if membership.status == MembershipStatus.MEMBER:
            return membership
    return _membership_set_status(
        membership=membership, status=MembershipStatus.APPLIED, actor=person
    )


@transaction.atomic
def membership_approve(*, membership: Membership, actor, message: str = "") -> Membership:
    return _membership_set_status(
        membership=membership, status=MembershipStatus.MEMBER, actor=actor, message=message
    )


@transaction.atomic
def membership_decline(*, membership: Membership, actor, message: str = "") -> Membership:
    return _membership_set_status(
        membership=membership, status=MembershipStatus.DECLINED, actor=actor, message=message
    )


@transaction.atomic
def membership_leave(*, membership: Membership, actor, message: str = "") -> Membership:
    return _membership_set_status(
        membership=membership, status=MembershipStatus.LEFT, actor=actor, message=message
    )
