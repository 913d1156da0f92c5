import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse
from django.utils import translation

from glasnik.access.models import Role
from glasnik.access.services import role_grant

pytestmark = pytest.mark.django_db

TOTP_SECRET = "GLASNIKTESTSECRETGLASNIKTESTSECR"


def login(client, email: str, password: str):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_login_redirects_to_dashboard_in_preferred_language(client, make_person, password):
    make_person("luka@example.org", language="sl")

    response = login(client, "luka@example.org", password)

    with translation.override("sl"):
        dashboard = reverse("site:dashboard")
    assert dashboard.startswith("/sl/")
    assert response.status_code == 302
    assert response.url == dashboard
    assert response.cookies["glasnik_language"].value == "sl"


def test_login_after_five_failures_is_refused(client, make_person, password):
    make_person("ana@example.org")
    for _ in range(5):
        assert login(client, "ana@example.org", "wrong-password").status_code == 200

    response = login(client, "ana@example.org", password)

    assert response.status_code == 200
    assert response.context["form"].errors
    assert "_auth_user_id" not in client.session


def test_organiser_without_totp_is_sent_to_mfa_setup(client, make_person, make_organization):
    organiser = make_person()
    role_grant(person=organiser, role=Role.ORGANISER, scope=make_organization(kind="association"))
    client.force_login(organiser)

    response = client.get(reverse("site:dashboard"))

    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


@pytest.mark.parametrize("role", [Role.JUROR, Role.PLATFORM_ADMIN])
def test_other_roles_requiring_mfa_are_sent_to_mfa_setup(
    client, make_person, make_organization, role
):
    person = make_person()
    scope = None if role == Role.PLATFORM_ADMIN else make_organization()
    role_grant(person=person, role=role, scope=scope)
    client.force_login(person)

    assert client.get(reverse("site:dashboard")).url == reverse("mfa_activate_totp")


def test_organiser_with_totp_reaches_dashboard(
    client, make_person, make_organization, login_with_second_factor
):
    organiser = make_person()
    role_grant(person=organiser, role=Role.ORGANISER, scope=make_organization(kind="association"))
    TOTP.activate(organiser, TOTP_SECRET)
    login_with_second_factor(client, organiser)

    assert client.get(reverse("site:dashboard")).status_code == 200


def test_member_is_not_asked_for_mfa(client, make_person, make_organization):
    member = make_person()
    role_grant(person=member, role=Role.MEMBER, scope=make_organization(kind="association"))
    client.force_login(member)

    assert client.get(reverse("site:dashboard")).status_code == 200
