"""Authentication backend: allauth's, with the signed-in person's state read from the cache.

Loading the person for a request is one cache round trip for the person, their role grants,
their MFA state and their positions, instead of a database query plus one cache read each.
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.core.cache import cache
from django.db import transaction

from glasnik.access.selectors import grants_cache_key, remember_grants

from . import selectors

PERSON_CACHE_SECONDS = 300


def person_cache_key(user_id) -> str:
    return f"accounts:person:v1:{user_id}"


def forget_person(user_id) -> None:
    key = person_cache_key(user_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


class AuthenticationBackend(AllauthBackend):
    def get_user(self, user_id):
        keys = {
            "person": person_cache_key(user_id),
            "grants": grants_cache_key(user_id),
            "mfa": selectors.mfa_cache_key(user_id),
            "positions": selectors.positions_cache_key(user_id),
        }
        found = cache.get_many(list(keys.values()))
        user = found.get(keys["person"])
        if user is None:
            user = super().get_user(user_id)
            if user is None:
                return None
            cache.set(keys["person"], user, PERSON_CACHE_SECONDS)
        if not self.user_can_authenticate(user):
            return None
        if keys["grants"] in found:
            remember_grants(user, found[keys["grants"]])
        if keys["mfa"] in found:
            user._glasnik_has_mfa = found[keys["mfa"]]
        if keys["positions"] in found:
            user._glasnik_positions = found[keys["positions"]]
        return user
