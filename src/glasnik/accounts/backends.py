"""Authentication backend: allauth's, with the signed-in person's state read from the cache.

Loading the person for a request is one cache round trip for their role grants, their MFA
state and their positions (and, where the cache is shared by every process, the person),
instead of a database query plus one cache read each.
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from glasnik.access.selectors import grants_cache_key, remember_grants

from . import selectors

PERSON_CACHE_SECONDS = 300


def person_cache_key(user_id) -> str:
    return f"accounts:person:v2:{user_id}"


def forget_person(user_id) -> None:
    key = person_cache_key(user_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def _person_for_cache(user) -> dict:
    """What the next request needs of the person: every field but the password hash, and the
    session hash that Django checks each request (derived from the password hash)."""
    return {
        "fields": {
            field.attname: getattr(user, field.attname)
            for field in user._meta.concrete_fields
            if field.attname != "password"
        },
        "session_auth_hash": user.get_session_auth_hash(),
    }


def _person_from_cache(model, stored):
    if not isinstance(stored, dict):
        return None
    fields = stored["fields"]
    names = [field.attname for field in model._meta.concrete_fields if field.attname in fields]
    if len(names) != len(fields):  # kept by a release with other fields
        return None
    # The password is left deferred: reading it (set_password, a check) loads it from the database.
    user = model.from_db("default", names, [fields[name] for name in names])
    user._glasnik_session_auth_hash = stored["session_auth_hash"]
    return user


class AuthenticationBackend(AllauthBackend):
    def get_user(self, user_id):
        # A cache of each process's own would keep a deactivated person, or one whose
        # password changed, signed in there: the person is read from the database each
        # request unless every process shares the cache (SHARED_CACHE).
        keep_person = settings.SHARED_CACHE
        keys = {
            "grants": grants_cache_key(user_id),
            "mfa": selectors.mfa_cache_key(user_id),
            "positions": selectors.positions_cache_key(user_id),
        }
        if keep_person:
            keys["person"] = person_cache_key(user_id)
        found = cache.get_many(list(keys.values()))
        model = self._user_model()
        user = _person_from_cache(model, found.get(keys["person"])) if keep_person else None
        if user is None:
            user = super().get_user(user_id)
            if user is None:
                return None
            if keep_person:
                cache.set(keys["person"], _person_for_cache(user), PERSON_CACHE_SECONDS)
        if not self.user_can_authenticate(user):
            return None
        # Grants are used only if they are of the person's current access_version.
        remember_grants(user, found.get(keys["grants"]))
        if keys["mfa"] in found:
            user._glasnik_has_mfa = found[keys["mfa"]]
        if keys["positions"] in found:
            user._glasnik_positions = found[keys["positions"]]
        return user

    @staticmethod
    def _user_model():
        from django.contrib.auth import get_user_model

        return get_user_model()
