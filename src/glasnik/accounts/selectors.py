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
