from dataclasses import dataclass, field

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator

from glasnik.core.object_cache import object_cache_clear, object_cache_read

# Authenticators change through allauth, which signals it (see apps.py); the timeout bounds
# what a change made elsewhere (the admin, a shell) can leave stale.
MFA_STATE_CACHE_SECONDS = 300
# Kept under the person's namespace (glasnik.core.object_cache), with the person's grants.
MFA_ENTRY = "person:has-mfa"
POSITIONS_ENTRY = "person:positions"


def user_has_mfa(user) -> bool:
    """Whether the person has an authenticator app; the authentication backend may have read
    it from the cache already, together with the person."""
    state = user.request_state
    if state.has_mfa is None:
        read = object_cache_read("person", user.pk, [MFA_ENTRY])
        if MFA_ENTRY in read:
            state.has_mfa = read.get(MFA_ENTRY)
        else:
            state.has_mfa = Authenticator.objects.filter(
                user=user, type=Authenticator.Type.TOTP
            ).exists()
            read.keep(MFA_ENTRY, state.has_mfa, MFA_STATE_CACHE_SECONDS)
    return state.has_mfa


def session_passed_second_factor(request) -> bool:
    """Whether this session's sign-in (or a later confirmation) included the second factor.

    allauth records every step of authentication in the session; "mfa" is the code from the
    authenticator app or a recovery code, at login or when asked again.
    """
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def forget_mfa_state(user) -> None:
    user.request_state.has_mfa = None
    object_cache_clear("person", user.pk)


# Positions change only through accounts.services (which forget this); the timeout bounds how
# long a renamed institution keeps its old name on the dashboard.
POSITIONS_CACHE_SECONDS = 300


def positions_of(person):
    return person.positions.select_related("organization").order_by("-since", "pk")


def position_summaries(person) -> list[dict]:
    """Title and institution of each position, as the dashboard shows them, from the cache."""
    state = person.request_state
    if state.positions is None:
        read = object_cache_read("person", person.pk, [POSITIONS_ENTRY])
        if POSITIONS_ENTRY in read:
            state.positions = read.get(POSITIONS_ENTRY)
        else:
            state.positions = list(
                person.positions.order_by("-since", "pk").values(
                    "title", "organization__name", "organization__slug"
                )
            )
            read.keep(POSITIONS_ENTRY, state.positions, POSITIONS_CACHE_SECONDS)
    return state.positions


def forget_positions(person_id: int) -> None:
    object_cache_clear("person", person_id)


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
    from glasnik.access.selectors import organised_ids
    from glasnik.events.selectors import upcoming_events_of
    from glasnik.networks.models import Network
    from glasnik.networks.selectors.calls import networks_with_calls_waiting
    from glasnik.programs.models import Program
    from glasnik.programs.selectors import programs_with_enrolments_waiting

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
    from glasnik.access.selectors import user_is_platform_admin, user_roles
    from glasnik.networks.selectors.network import PERSON_NETWORKS_ENTRY, person_networks
    from glasnik.programs.selectors import PERSON_PROGRAMS_ENTRY, person_programs

    # Both panels in one cache round trip; either selector reads the database on a miss.
    kept = object_cache_read("person", user.pk, [PERSON_NETWORKS_ENTRY, PERSON_PROGRAMS_ENTRY])
    networks = person_networks(user, kept=kept)
    organising = organising_for_user(user)
    joined = {network["network__slug"] for network in networks}
    return {
        "roles": sorted(user_roles(user)),
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
    }
