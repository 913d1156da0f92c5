"""What the site's own pages read from several apps: the dashboard and the audit log."""

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from glasnik.access.selectors import (
    organised_ids,
    organiser_scopes,
    user_is_platform_admin,
    user_roles,
)
from glasnik.accounts.selectors import position_summaries, user_has_mfa
from glasnik.audit.models import AuditLogEntry
from glasnik.competitions.selectors import entrant_entries, juror_places
from glasnik.core.object_cache import object_cache_read
from glasnik.events.selectors import upcoming_events_of
from glasnik.networks.models import Network
from glasnik.networks.selectors.calls import networks_with_calls_waiting
from glasnik.networks.selectors.network import PERSON_NETWORKS_ENTRY, person_networks
from glasnik.programs.models import Program
from glasnik.programs.selectors import (
    PERSON_PROGRAMS_ENTRY,
    person_programs,
    programs_with_enrolments_waiting,
)

# --- the dashboard ----------------------------------------------------------------------------


@dataclass
class Organising:
    """A network or programme the person organises, with what waits for them in it."""

    kind: str  # "network" or "program"
    owner: object
    calls: list = field(default_factory=list)  # a network's open calls and those to decide
    pending_enrolments: int = 0  # a programme's requests to take part
    events_to_approve: list = field(default_factory=list)  # events with registrations waiting
    next_event: object = None
    upcoming_count: int = 0

    @property
    def waits(self) -> bool:
        return bool(
            self.pending_enrolments
            or self.events_to_approve
            or any(call.waiting_count for call in self.calls)
        )


def organising_for_user(user) -> list[Organising]:
    """What waits for an organiser in each network and programme she organises. Never cached,
    so a decision she has just taken shows at once: at most four queries however many networks,
    programmes, calls and events (none for a person who organises nothing)."""
    network_ids, program_ids = organised_ids(user, Network), organised_ids(user, Program)
    if not network_ids and not program_ids:
        return []
    panels = {}
    if network_ids:
        for network in networks_with_calls_waiting(network_ids):
            panels["network", network.pk] = Organising(
                "network", network, calls=network.waiting_calls
            )
    if program_ids:
        for program in programs_with_enrolments_waiting(program_ids):
            panels["program", program.pk] = Organising(
                "program", program, pending_enrolments=program.pending_count
            )
    for event in upcoming_events_of(network_ids=network_ids, program_ids=program_ids):
        panel = panels.get(("network", event.network_id)) or panels.get(
            ("program", event.program_id)
        )
        if panel is None:
            continue
        panel.upcoming_count += 1
        panel.next_event = panel.next_event or event
        if event.pending_count:
            panel.events_to_approve.append(event)
    return list(panels.values())


def dashboard_for_user(user) -> dict:
    """What the dashboard shows: a panel for each role the person holds."""
    # Both panels in one cache round trip; either selector reads the database on a miss.
    kept = object_cache_read("person", user.pk, [PERSON_NETWORKS_ENTRY, PERSON_PROGRAMS_ENTRY])
    networks = person_networks(user, kept=kept)
    organising = organising_for_user(user)
    roles = user_roles(user)
    joined = {network["network__slug"] for network in networks}
    return {
        "roles": sorted(roles),
        "is_platform_admin": user_is_platform_admin(user),
        "positions": position_summaries(user),
        "networks": networks,
        # Networks she organises without being a member: "My networks" lists them too.
        "organised_networks": [
            panel.owner
            for panel in organising
            if panel.kind == "network" and panel.owner.slug not in joined
        ],
        "programs": person_programs(user, kept=kept),
        "has_mfa": user_has_mfa(user),
        "organising": organising,
        "jury_places": juror_places(user) if "juror" in roles else [],
        "competition_entries": entrant_entries(user),
        "approvals": approver_waiting(user) if "approver" in roles else None,
    }


@dataclass
class ApproverWaiting:
    proposals: list  # sent for the approver's decision, the oldest first
    post_count: int  # planned posts at the approver's step of an approval chain


def approver_waiting(user) -> ApproverWaiting:
    """What waits for an institution approver: their institutions' proposals sent for
    approval, and the planned posts whose current step of the approval chain is theirs."""
    from django.contrib.contenttypes.models import ContentType

    from glasnik.access.models import Role, RoleGrant
    from glasnik.content.selectors import posts_waiting_for
    from glasnik.organizations.models import Organization
    from glasnik.proposals.models import Proposal, ProposalStatus

    institutions = RoleGrant.objects.filter(
        person_id=user.pk,
        role=Role.APPROVER,
        scope_type=ContentType.objects.get_for_model(Organization),
    ).values("scope_id")
    proposals = (
        Proposal.objects.filter(
            organization_id__in=institutions, status=ProposalStatus.AWAITING_APPROVAL
        )
        .select_related("organization")
        .order_by("updated_at", "pk")
    )
    return ApproverWaiting(list(proposals), posts_waiting_for(user).count())


# --- the audit log ----------------------------------------------------------------------------


def audit_entries_for_user(user, *, action_prefix: str = "") -> QuerySet[AuditLogEntry]:
    """The entries a person may read: everything for a platform administrator, otherwise the
    entries scoped to what they organise."""
    entries = AuditLogEntry.objects.select_related("actor", "target_type")
    if not user_is_platform_admin(user):
        scopes = organiser_scopes(user)
        if not scopes:
            return entries.none()
        condition = Q()
        for scope_type_id, scope_id in scopes:
            condition |= Q(scope_type_id=scope_type_id, scope_id=scope_id)
        entries = entries.filter(condition)
    if action_prefix:
        entries = entries.filter(action__startswith=action_prefix)
    return entries
