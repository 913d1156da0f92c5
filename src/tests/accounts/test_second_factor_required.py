"""The Django admin has no login of its own, and people whose role needs two-factor
authentication reach nothing with a password alone: their session must have passed the code."""

import time
from urllib.parse import urlencode

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.urls import reverse

from glasnik.access.models import Role
from glasnik.access.services import role_grant

pytestmark = pytest.mark.django_db

SECRET = "GLASNIKTESTSECRETGLASNIKTESTSECR"


def current_code(secret: str = SECRET) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


@pytest.fixture(autouse=True)
def _code_of_the_previous_period_counts(settings):
    # A code computed at the end of a 30-second period may reach the check in the next one.
    settings.MFA_TOTP_TOLERANCE = 1


@pytest.fixture
def administrator(make_person):
    person = make_person("admin@example.org", is_staff=True, is_superuser=True)
    TOTP.activate(person, SECRET)
    return person


@pytest.fixture
def organiser(make_person, make_organization):
    person = make_person("organiser@example.org")
    role_grant(person=person, role=Role.ORGANISER, scope=make_organization(kind="association"))
    return person


def test_admin_login_page_sends_to_allauth_login(client):
    response = client.get(with_next("admin:login", "/en/admin/"))

    assert response.status_code == 302
    assert response.url == with_next("account_login", "/en/admin/")


def test_admin_login_with_password_alone_signs_nobody_in(client, administrator, password):
    response = client.post(
        reverse("admin:login"), {"username": administrator.email, "password": password}
    )

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index")).status_code == 302


def test_admin_login_through_allauth_asks_for_the_code(client, administrator, password):
    response = client.post(
        with_next("account_login", "/en/admin/"),
        {"login": administrator.email, "password": password},
    )

    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session


def test_admin_signed_in_with_password_and_code_reaches_the_admin(client, administrator, password):
    client.post(
        with_next("account_login", "/en/admin/"),
        {"login": administrator.email, "password": password},
    )

    response = client.post(reverse("mfa_authenticate"), {"code": current_code()})

    assert response.status_code == 302
    assert response.url == "/en/admin/"
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:login")).url == reverse("admin:index")


@pytest.mark.parametrize("url_name", ["admin:index", "site:dashboard", "site:audit_log"])
def test_administrator_session_without_the_code_is_asked_for_it(client, administrator, url_name):
    client.force_login(administrator)  # a session that passed the password only
    url = reverse(url_name)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == with_next("mfa_reauthenticate", url)


def test_staff_member_without_a_role_needs_the_second_factor_too(client, make_person):
    staff = make_person(is_staff=True)
    client.force_login(staff)

    assert client.get(reverse("admin:index")).url == reverse("mfa_activate_totp")


def test_session_from_before_mfa_was_set_up_must_pass_the_code(client, organiser):
    client.force_login(organiser)
    TOTP.activate(organiser, SECRET)  # e.g. on another device, in another session
    dashboard = reverse("site:dashboard")

    asked = client.get(dashboard)
    answered = client.post(with_next("mfa_reauthenticate", dashboard), {"code": current_code()})

    assert asked.url == with_next("mfa_reauthenticate", dashboard)
    assert answered.status_code == 302
    assert answered.url == dashboard
    assert client.get(dashboard).status_code == 200


# allauth announces the new authenticator when its transaction commits, inside the request: the
# test commits as a real request does.
@pytest.mark.django_db(transaction=True)
def test_setting_up_mfa_in_this_session_passes_the_second_factor(client, organiser, password):
    client.force_login(organiser)
    client.post(reverse("account_reauthenticate"), {"password": password})
    client.get(reverse("mfa_activate_totp"))
    secret = client.session["mfa.totp.secret"]

    activated = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})

    assert activated.status_code == 302
    assert client.get(reverse("site:dashboard")).status_code == 200


def test_session_waiting_for_the_code_opens_no_account_page(client, organiser):
    TOTP.activate(organiser, SECRET)
    client.force_login(organiser)

    for url_name in ["mfa_deactivate_totp", "account_email", "account_change_password"]:
        response = client.get(reverse(url_name))
        assert response.status_code == 302, url_name
        assert response.url.startswith(reverse("mfa_reauthenticate")), url_name
    assert client.get(reverse("mfa_reauthenticate")).status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_post_without_the_code_is_not_carried_out(client, organiser):
    TOTP.activate(organiser, SECRET)
    client.force_login(organiser)

    response = client.post(reverse("accounts:profile"), {"first_name": "Changed"})

    assert response.url == with_next("mfa_reauthenticate", reverse("site:dashboard"))
    organiser.refresh_from_db()
    assert organiser.first_name == ""


def test_login_with_second_factor_fixture_opens_the_admin(
    client, administrator, login_with_second_factor
):
    login_with_second_factor(client, administrator)

    assert client.get(reverse("admin:index")).status_code == 200
