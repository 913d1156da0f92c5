from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.core.cache import cache
from django.db import transaction

# Authenticators change through allauth, which signals it (see apps.py); the timeout bounds
# what a change made elsewhere (the admin, a shell) can leave stale.
MFA_STATE_CACHE_SECONDS = 300


def mfa_cache_key(user_id: int) -> str:
    return f"accounts:has-mfa:v1:{user_id}"


def user_has_mfa(user) -> bool:
    """Whether the person has an authenticator app; the authentication backend may have read
    it from the cache already, together with the person."""
    has_mfa = getattr(user, "_glasnik_has_mfa", None)
    if has_mfa is not None:
        return has_mfa
    key = mfa_cache_key(user.pk)
    has_mfa = cache.get(key)
    if has_mfa is None:
        has_mfa = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        cache.set(key, has_mfa, MFA_STATE_CACHE_SECONDS)
    user._glasnik_has_mfa = has_mfa
    return has_mfa


def session_passed_second_factor(request) -> bool:
    """Whether this session's sign-in (or a later confirmation) included the second factor.

    allauth records every step of authentication in the session; "mfa" is the code from the
    authenticator app or a recovery code, at login or when asked again.
    """
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def forget_mfa_state(user) -> None:
    user.__dict__.pop("_glasnik_has_mfa", None)
    cache.delete(mfa_cache_key(user.pk))


# Positions change only through accounts.services (which forget this); the timeout bounds how
# long a renamed institution keeps its old name on the dashboard.
POSITIONS_CACHE_SECONDS = 300


def positions_cache_key(user_id: int) -> str:
    return f"accounts:positions:v1:{user_id}"


def positions_of(person):
    return person.positions.select_related("organization").order_by("-since", "pk")


def position_summaries(person) -> list[dict]:
    """Title and institution of each position, as the dashboard shows them, from the cache."""
    summaries = getattr(person, "_glasnik_positions", None)
    if summaries is not None:
        return summaries
    key = positions_cache_key(person.pk)
    summaries = cache.get(key)
    if summaries is None:
        summaries = list(
            person.positions.order_by("-since", "pk").values(
                "title", "organization__name", "organization__slug"
            )
        )
        cache.set(key, summaries, POSITIONS_CACHE_SECONDS)
    person._glasnik_positions = summaries
    return summaries


def forget_positions(person_id: int) -> None:
    key = positions_cache_key(person_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))
