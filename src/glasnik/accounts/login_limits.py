"""Limits on failed sign-ins that no attacker can turn against a person or a whole office.

Counted in the shared cache with allauth's rate limiter (rates in ACCOUNT_RATE_LIMITS):

- per client address, to any account (`login_failed`, per ip): an office behind one NAT has
  room, one address cannot try account after account;
- per account at one address (`login_failed`, per key): failures elsewhere do not count, so an
  attacker cannot lock the person out where they are;
- per account from every browser it has never been signed in on (`login_failed_account`):
  guessing one password from many addresses is capped;
- a browser the person has signed in on before (a signed cookie set at login) counts only its
  own failures (`login_failed_known_browser`): nobody else's keep the person out of it.

The client's address is allauth's (GLASNIK_TRUSTED_PROXY_COUNT, GLASNIK_CLIENT_IP_HEADER).
"""

import secrets

from allauth.core.internal import ratelimit
from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac

KNOWN_BROWSER_COOKIE = "glasnik_browser"
KNOWN_BROWSER_SALT = "glasnik.accounts.known-browser"
KNOWN_BROWSER_MAX_AGE = 180 * 24 * 3600
KNOWN_ACCOUNTS_PER_BROWSER = 10  # addresses, of a few accounts
APP = "allauth.account"


def _account(login: str) -> str:
    # The cookie and the cache keys name the account by a keyed digest, not by its address.
    return salted_hmac(KNOWN_BROWSER_SALT, (login or "").strip().lower()).hexdigest()[:32]


def _known_browser(request) -> dict | None:
    value = request.COOKIES.get(KNOWN_BROWSER_COOKIE)
    if not value:
        return None
    try:
        data = signing.loads(value, salt=KNOWN_BROWSER_SALT, max_age=KNOWN_BROWSER_MAX_AGE)
    except signing.BadSignature:
        return None
    if not (
        isinstance(data, dict)
        and isinstance(data.get("browser"), str)
        and isinstance(data.get("accounts"), list)
    ):
        return None
    return data


def _consume(request, action: str, key: str):
    # allauth's own limiter: its usage can be rolled back when the password proves right.
    return ratelimit.consume(request, app=APP, action=action, key=key)


def login_attempt_consume(request, login: str):
    """Count a sign-in attempt for `login`; None when a limit is reached. allauth rolls the
    count back when the password is right, so only failures stay counted."""
    account = _account(login)
    browser = _known_browser(request)
    if browser is not None and account in browser["accounts"]:
        return _consume(request, "login_failed_known_browser", f"{account}:{browser['browser']}")
    usage = _consume(request, "login_failed", f"{account}:{ratelimit.get_ip(request)}")
    if usage is None:
        return None
    account_usage = _consume(request, "login_failed_account", account)
    if account_usage is None:
        usage.rollback()
        return None
    return ratelimit.RateLimitUsage(usage=[*usage.usage, *account_usage.usage])


def login_limits_clear(request, login: str) -> None:
    """After a password reset: the new password may be tried at once, here and elsewhere."""
    account = _account(login)
    ratelimit.clear(
        request, app=APP, action="login_failed", key=f"{account}:{ratelimit.get_ip(request)}"
    )
    ratelimit.clear(request, app=APP, action="login_failed_account", key=account)
    browser = _known_browser(request)
    if browser is not None:
        ratelimit.clear(
            request,
            app=APP,
            action="login_failed_known_browser",
            key=f"{account}:{browser['browser']}",
        )


def browser_remember(request, response, addresses: list[str]) -> None:
    """Mark this browser as one the person signs in on, under each of their addresses (the
    most recent few accounts per browser)."""
    browser = _known_browser(request) or {"browser": secrets.token_urlsafe(16), "accounts": []}
    mine = list(dict.fromkeys(_account(address) for address in addresses))
    accounts = [*mine, *(known for known in browser["accounts"] if known not in mine)]
    value = {"browser": browser["browser"], "accounts": accounts[:KNOWN_ACCOUNTS_PER_BROWSER]}
    response.set_cookie(
        KNOWN_BROWSER_COOKIE,
        signing.dumps(value, salt=KNOWN_BROWSER_SALT),
        max_age=KNOWN_BROWSER_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
