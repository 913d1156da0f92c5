import pytest
from django.http import Http404

from glasnik.access.helpers import get_for_user_or_404
from glasnik.access.models import Role, RoleGrant
from glasnik.access.selectors import user_has_role, user_is_platform_admin
from glasnik.access.services import role_grant, role_revoke
from glasnik.accounts.models import Position, User
from glasnik.audit.models import AuditLogEntry
from glasnik.organizations.models import Organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def association():
    return Organization.objects.create(
        name="Skupnost občin Slovenije", slug="si-sos", country="SI", kind="association"
    )


@pytest.fixture
def municipality():
    return Organization.objects.create(
        name="Bled", slug="si-bled", country="SI", kind="municipality"
    )


@pytest.fixture
def person():
    return User.objects.create_user(email="metka@example.org", password="x-long-password-1")


def test_role_grant_is_scoped_to_one_object(person, association, municipality):
    role_grant(person=person, role=Role.ORGANISER, scope=association)

    assert user_has_role(person, Role.ORGANISER, association)
    assert not user_has_role(person, Role.ORGANISER, municipality)
    assert not user_has_role(person, Role.JUROR, association)


def test_role_grant_twice_keeps_one_grant_and_one_log_entry(person, association):
    role_grant(person=person, role=Role.ORGANISER, scope=association)
    role_grant(person=person, role=Role.ORGANISER, scope=association)

    assert RoleGrant.objects.filter(person=person).count() == 1
    assert AuditLogEntry.objects.filter(action="access.role.granted").count() == 1


def test_role_grant_without_scope_is_refused_for_scoped_roles(person):
    with pytest.raises(ValueError):
        role_grant(person=person, role=Role.ORGANISER)


def test_role_revoke_removes_grant_and_logs(person, association):
    role_grant(person=person, role=Role.JUROR, scope=association)

    assert role_revoke(person=person, role=Role.JUROR, scope=association) is True
    assert not user_has_role(person, Role.JUROR, association)
    entry = AuditLogEntry.objects.get(action="access.role.revoked")
    assert entry.data == {"role": "juror"}
    assert entry.scope_id == association.pk


def test_platform_admin_role_is_unscoped(person):
    role_grant(person=person, role=Role.PLATFORM_ADMIN)

    assert user_is_platform_admin(person)


def test_access_helper_gives_404_for_missing_and_forbidden_alike(person, municipality):
    stranger = User.objects.create_user(email="other@example.org", password="x-long-password-2")
    position = Position.objects.create(person=person, organization=municipality, title="PR")
    queryset = Position.objects.all()

    found = get_for_user_or_404(
        queryset, user=person, permission="accounts.change_position", pk=position.pk
    )
    assert found == position
    with pytest.raises(Http404):
        get_for_user_or_404(
            queryset, user=stranger, permission="accounts.change_position", pk=position.pk
        )
    with pytest.raises(Http404):
        get_for_user_or_404(queryset, user=person, permission="accounts.change_position", pk=999999)
    with pytest.raises(Http404):
        get_for_user_or_404(queryset, user=person, permission="accounts.change_position", pk="abc")
