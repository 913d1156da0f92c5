"""Authentication backend: allauth's, with the signed-in person's state read from the cache.

Loading the person for a request is one cache round trip for their role grants, their MFA
state and their positions (and, where the cache is shared by every process, the person),
instead of a database query plus one cache read each.
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.conf import settings

from glasnik.access.selectors import GRANTS_ENTRY, remember_grants
from glasnik.core.object_cache import object_cache_clear, object_cache_read

from . import selectors

PERSON_CACHE_SECONDS = 300
# Kept under the person's namespace (glasnik.core.object_cache), with their grants and the rest.
PERSON_ENTRY = "person:record"


def forget_person(user_id) -> None:
    """Everything kept about the person goes once the change commits."""
    object_cache_clear("person", user_id)


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
    user.request_state.session_auth_hash = stored["session_auth_hash"]
    return user


class AuthenticationBackend(AllauthBackend):
    def get_user(self, user_id):
        # A cache of each process's own would keep a deactivated person, or one whose
        # password changed, signed in there: the person is read from the database each
        # request unless every process shares the cache (SHARED_CACHE).
        keep_person = settings.SHARED_CACHE
        names = [GRANTS_ENTRY, selectors.MFA_ENTRY, selectors.POSITIONS_ENTRY]
        if keep_person:
            names.append(PERSON_ENTRY)
        kept = object_cache_read("person", user_id, names)
        model = self._user_model()
        user = _person_from_cache(model, kept.get(PERSON_ENTRY)) if keep_person else None
        if user is None:
            user = super().get_user(user_id)
            if user is None:
                return None
            if keep_person:
                kept.keep(PERSON_ENTRY, _person_for_cache(user), PERSON_CACHE_SECONDS)
        if not self.user_can_authenticate(user):
            return None
        # Grants are used only if they are of the person's current access_version.
        remember_grants(user, kept.get(GRANTS_ENTRY))
        state = user.request_state
        state.has_mfa = kept.get(selectors.MFA_ENTRY)
        state.positions = kept.get(selectors.POSITIONS_ENTRY)
        return user

    @staticmethod
    def _user_model():
        from django.contrib.auth import get_user_model

        return get_user_model()
