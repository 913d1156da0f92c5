"""Grants, MFA state and positions are cached between requests; every change shows at once,
in every process, whether the processes share a cache (Redis) or each has its own."""

import pytest
from allauth.mfa import signals
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.core.cache import cache
from django.urls import reverse

from glasnik.access.models import Role
from glasnik.access.selectors import user_has_role
from glasnik.access.services import role_grant, role_revoke
from glasnik.accounts.backends import PERSON_ENTRY
from glasnik.accounts.models import User
from glasnik.accounts.selectors import user_has_mfa
from glasnik.accounts.services import position_add, position_remove
from glasnik.core.object_cache import object_cache_read

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=[False, True], ids=["own-cache", "shared-cache"])
def shared_cache(request, settings):
    """Each test runs as with a cache of each process's own and as with a shared one."""
    settings.SHARED_CACHE = request.param
    return request.param


def fresh(person):
    """The same person as the next request would load them."""
    return User.objects.get(pk=person.pk)


def test_role_granted_after_grants_were_cached_is_seen(make_person, make_organization):
    person, network_owner = make_person(), make_organization()
    assert not user_has_role(fresh(person), Role.ORGANISER, network_owner)

    role_grant(person=person, role=Role.ORGANISER, scope=network_owner)

    assert user_has_role(fresh(person), Role.ORGANISER, network_owner)


def test_role_revoked_after_grants_were_cached_is_gone(make_person, make_organization):
    person, organization = make_person(), make_organization()
    role_grant(person=person, role=Role.JUROR, scope=organization)
    assert user_has_role(fresh(person), Role.JUROR, organization)

    role_revoke(person=person, role=Role.JUROR, scope=organization)

    assert not user_has_role(fresh(person), Role.JUROR, organization)


def test_authenticator_added_through_allauth_clears_cached_mfa_state(make_person):
    person = make_person()
    assert user_has_mfa(person) is False
    authenticator = Authenticator.objects.create(
        user=person, type=Authenticator.Type.TOTP, data={"secret": "x"}
    )

    signals.authenticator_added.send(
        sender=Authenticator, request=None, user=person, authenticator=authenticator
    )

    assert user_has_mfa(person) is True


def test_position_added_or_removed_shows_on_dashboard_at_once(
    client, make_person, make_organization
):
    person = make_person()
    organization = make_organization(name="Opština Bor")
    client.force_login(person)
    assert "Opština Bor" not in client.get(reverse("site:dashboard")).content.decode()

    position = position_add(person=person, organization=organization, title="PR", actor=person)
    assert "Opština Bor" in client.get(reverse("site:dashboard")).content.decode()

    position_remove(position=position, actor=person)
    assert "Opština Bor" not in client.get(reverse("site:dashboard")).content.decode()


def test_deactivated_person_is_signed_out_on_the_next_request(client, make_person):
    person = make_person()
    client.force_login(person)
    assert client.get(reverse("site:dashboard")).status_code == 200  # person now cached

    person.is_active = False
    person.save(update_fields=["is_active"])

    response = client.get(reverse("site:dashboard"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_profile_change_shows_on_the_next_request(client, make_person):
    person = make_person(first_name="Ana", last_name="Ilić")
    client.force_login(person)
    assert "Ana Ilić" in client.get(reverse("site:dashboard")).content.decode()

    person.first_name = "Jovana"
    person.save(update_fields=["first_name"])

    assert "Jovana Ilić" in client.get(reverse("site:dashboard")).content.decode()


def test_password_change_elsewhere_ends_other_sessions(client, make_person):
    person = make_person()
    client.force_login(person)
    assert client.get(reverse("site:dashboard")).status_code == 200

    person.set_password("a-completely-new-password-42")
    person.save(update_fields=["password"])

    assert client.get(reverse("site:dashboard")).status_code == 302


def test_role_revoked_in_another_process_is_refused_on_the_next_request(
    client, make_person, make_organization, login_with_second_factor
):
    association = make_organization(kind="association")
    organiser = make_person()
    role_grant(person=organiser, role=Role.ORGANISER, scope=association)
    TOTP.activate(organiser, "GLASNIKTESTSECRETGLASNIKTESTSECR")
    login_with_second_factor(client, organiser)
    assert client.get(reverse("site:audit_log")).status_code == 200
    # What this process's own (local-memory) cache holds, grants included; the person
    # themselves are read from the database each request when the cache is not shared.
    kept_here = (dict(cache._cache), dict(cache._expire_info))

    # Another process takes the role away; this process's own cache still holds the grants.
    role_revoke(person=User.objects.get(pk=organiser.pk), role=Role.ORGANISER, scope=association)
    cache._cache.update(kept_here[0])
    cache._expire_info.update(kept_here[1])
    for key in [key for key in cache._cache if key.endswith(PERSON_ENTRY)]:
        del cache._cache[key], cache._expire_info[key]

    assert client.get(reverse("site:audit_log")).status_code == 404


def test_role_change_raises_the_access_version(make_person, make_organization):
    person, organization = make_person(), make_organization()

    role_grant(person=person, role=Role.JUROR, scope=organization)
    role_grant(person=person, role=Role.JUROR, scope=organization)  # already held: no change
    role_revoke(person=person, role=Role.JUROR, scope=organization)

    assert person.access_version == 2
    assert fresh(person).access_version == 2


def test_password_hash_is_kept_nowhere_in_the_cache(client, make_person):
    person = make_person()
    client.force_login(person)

    assert client.get(reverse("site:dashboard")).status_code == 200

    kept = list(cache._cache.values())  # the local-memory cache's pickled values
    assert kept
    assert not any(person.password.encode() in value for value in kept)


def test_person_is_kept_between_requests_only_in_a_shared_cache(client, make_person, shared_cache):
    person = make_person()
    client.force_login(person)

    client.get(reverse("site:dashboard"))

    assert (PERSON_ENTRY in object_cache_read("person", person.pk, [PERSON_ENTRY])) is shared_cache
