"""What members change about themselves and what organisers decide about members."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from glasnik.audit.services import log_action
from glasnik.core.email import email_send
from glasnik.core.languages import written_in_text

from ..models import Membership, MembershipStatus
from ..selectors.directory import directory_cache_clear, membership_search_text
from ..selectors.network import forget_person_networks
from .memberships import membership_approve, membership_decline, membership_leave

# What an organiser may set, and the service that does it.
ORGANISER_DECISIONS = {
    MembershipStatus.MEMBER: membership_approve,
    MembershipStatus.DECLINED: membership_decline,
    MembershipStatus.LEFT: membership_leave,
}

ENTRY_FIELDS = ("organization", "position_title", "show_email", "show_phone")


@transaction.atomic
def membership_entry_update(
    *,
    membership: Membership,
    actor,
    organization,
    position_title: str,
    interests,
    show_email: bool,
    show_phone: bool,
) -> Membership:
    """A member edits their own directory entry: institution, position, interests and what
    other members see of their contact details."""
    before = {name: getattr(membership, name) for name in ENTRY_FIELDS}
    before_interests = set(membership.interests.values_list("pk", flat=True))
    membership.organization = organization
    membership.position_title = position_title.strip()
    membership.show_email = show_email
    membership.show_phone = show_phone
    membership.search_text = membership_search_text(membership)
    membership.save(update_fields=[*ENTRY_FIELDS, "search_text", "updated_at"])
    membership.interests.set(interests)
    directory_cache_clear(membership.network_id)  # e.g. an email address no longer shown
    changed = [name for name in ENTRY_FIELDS if getattr(membership, name) != before[name]]
    if {interest.pk for interest in interests} != before_interests:
        changed.append("interests")
    if changed:
        log_action(
            "networks.membership.entry_changed",
            actor=actor,
            target=membership,
            scope=membership.network,
            data={"fields": sorted(changed)},
        )
    return membership


@transaction.atomic
def membership_leave_by_member(*, membership: Membership, person) -> Membership:
    """A member leaves the network of their own accord."""
    if membership.person_id != person.pk or membership.status != MembershipStatus.MEMBER:
        raise ValidationError(_("Only a current member can leave the network."))
    return membership_leave(membership=membership, actor=person)


@transaction.atomic
def membership_decide(
    *, membership: Membership, status: str, actor, message: str = ""
) -> Membership:
    """An organiser approves, declines or removes a member; the person is told by email in
    their language, with the organiser's message."""
    if status not in ORGANISER_DECISIONS:
        raise ValidationError(_("Choose approve, decline or remove."))
    if status == membership.status:
        raise ValidationError(_("The membership already has this status."))
    if status == MembershipStatus.LEFT and membership.status != MembershipStatus.MEMBER:
        raise ValidationError(_("Only a current member can be removed."))
    membership = ORGANISER_DECISIONS[status](
        membership=membership, actor=actor, message=message.strip()
    )
    forget_person_networks(membership.person_id)
    directory_cache_clear(membership.network_id)
    person = membership.person
    email_send(
        to=person.email,
        template="networks/email/membership_status",
        context={
            "user": person,
            "network_name": written_in_text(membership.network.name, membership.network),
            "network_slug": membership.network.slug,
            "status": status,
            "message": written_in_text(message.strip(), membership.network),
        },
        language=person.preferred_language,
    )
    return membership


def memberships_refresh_search_text(
    *, person_ids: Iterable[int] = (), organization_ids: Iterable[int] = ()
) -> int:
    """Rewrite the search text of the memberships of renamed people or institutions, so the
    directory finds them by their new names at once. Returns how many memberships changed."""
    person_ids, organization_ids = set(person_ids), set(organization_ids)
    if not person_ids and not organization_ids:
        return 0
    memberships = Membership.objects.filter(
        Q(person_id__in=person_ids) | Q(organization_id__in=organization_ids)
    ).select_related("person", "organization")
    changed = []
    for membership in memberships:
        text = membership_search_text(membership)
        if text != membership.search_text:
            membership.search_text = text
            changed.append(membership)
    Membership.objects.bulk_update(changed, ["search_text"])
    for network_id in {membership.network_id for membership in changed}:
        directory_cache_clear(network_id)
    return len(changed)
