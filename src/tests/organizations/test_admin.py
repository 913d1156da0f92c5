import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from glasnik.accounts.models import User
from glasnik.audit.models import AuditLogEntry
from glasnik.organizations.models import Organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, login_with_second_factor):
    user = User.objects.create_superuser(email="admin@example.org", password="pw-for-tests-only")
    TOTP.activate(user, "GLASNIKTESTSECRETGLASNIKTESTSECR")  # administrators must have MFA
    login_with_second_factor(client, user)
    return client


def test_admin_search_finds_by_code(admin_client, make_organization):
    make_organization(name="Niš", slug="rs-nis", official_code="70858")
    make_organization(name="Bor", slug="rs-bor", official_code="70327")

    response = admin_client.get(reverse("admin:organizations_organization_changelist") + "?q=70858")

    assert [o.name for o in response.context["cl"].result_list] == ["Niš"]


def test_admin_edit_is_audited_and_refreshes_search(admin_client, make_organization):
    bor = make_organization(name="Bor", slug="rs-bor", kind="city")

    response = admin_client.post(
        reverse("admin:organizations_organization_change", args=[bor.pk]),
        {
            "name": "Grad Bor",
            "name_cyrillic": "Град Бор",
            "slug": "rs-bor",
            "country": "RS",
            "kind": "city",
            "official_code": "70327",
            "region": "Borski okrug",
            "population": "",
            "website": "",
            "email": "",
            "children-TOTAL_FORMS": "0",
            "children-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    bor.refresh_from_db()
    assert bor.official_code == "70327"
    assert bor.search_name == "grad bor"  # one script: the Cyrillic name has the same key
    entry = AuditLogEntry.objects.get(action="organizations.organization.changed")
    assert entry.data == {"fields": ["name", "name_cyrillic", "official_code", "region"]}
    assert Organization.objects.count() == 1
