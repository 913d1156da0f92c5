import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from glasnik.access.models import Role
from glasnik.access.services import role_grant
from glasnik.audit.models import AuditLogEntry
from glasnik.audit.services import log_action

pytestmark = pytest.mark.django_db

TOTP_SECRET = "GLASNIKTESTSECRETGLASNIKTESTSECR"


@pytest.fixture
def with_mfa():
    def enable(person):
        TOTP.activate(person, TOTP_SECRET)
        return person

    return enable


@pytest.fixture
def two_associations(make_organization):
    return (
        make_organization("Stalna konferencija", kind="association"),
        make_organization("Skupnost občin", country="SI", kind="association"),
    )


def shown_actions(response) -> set[str]:
    return {entry.action for entry in response.context["page"].object_list}


def test_organiser_sees_only_entries_of_their_organization(
    client, make_person, with_mfa, two_associations, login_with_second_factor
):
    own, other = two_associations
    organiser = with_mfa(make_person())
    role_grant(person=organiser, role=Role.ORGANISER, scope=own)
    log_action("test.own", target=own)
    log_action("test.other", target=other)
    login_with_second_factor(client, organiser)

    response = client.get(reverse("site:audit_log"))

    assert response.status_code == 200
    assert shown_actions(response) == {"test.own", "access.role.granted"}


def test_member_gets_404_on_audit_log(client, make_person, two_associations):
    member = make_person()
    role_grant(person=member, role=Role.MEMBER, scope=two_associations[0])
    client.force_login(member)

    assert client.get(reverse("site:audit_log")).status_code == 404


def test_platform_admin_sees_every_entry(
    client, make_person, with_mfa, two_associations, login_with_second_factor
):
    admin = with_mfa(make_person())
    role_grant(person=admin, role=Role.PLATFORM_ADMIN)
    for organization in two_associations:
        log_action("test.entry", target=organization)
    login_with_second_factor(client, admin)

    response = client.get(reverse("site:audit_log"))

    assert len(response.context["page"].object_list) == AuditLogEntry.objects.count() == 3


def test_audit_log_query_count_does_not_grow_with_entries(
    client, make_person, with_mfa, two_associations, login_with_second_factor
):
    association = two_associations[0]
    organiser = with_mfa(make_person())
    role_grant(person=organiser, role=Role.ORGANISER, scope=association)
    login_with_second_factor(client, organiser)

    def queries_for_page() -> int:
        cache.clear()  # both measurements start cold: grants and MFA state are cached
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("site:audit_log")).status_code == 200
        return len(queries)

    log_action("test.entry", actor=organiser, target=association)
    with_two = queries_for_page()
    for _ in range(29):
        log_action("test.entry", actor=make_person(), target=association)
    with_thirty_one = queries_for_page()

    assert AuditLogEntry.objects.count() == 31
    assert with_thirty_one == with_two


def test_audit_log_shows_details_whose_key_is_items(
    client, make_person, with_mfa, two_associations, login_with_second_factor
):
    association = two_associations[0]
    organiser = with_mfa(make_person())
    role_grant(person=organiser, role=Role.ORGANISER, scope=association)
    log_action("events.agenda.set", actor=organiser, target=association, data={"items": 4})
    login_with_second_factor(client, organiser)

    response = client.get(reverse("site:audit_log"), {"action": "events.agenda"})

    assert response.status_code == 200
    assert "<td>items: 4</td>" in response.content.decode()


def test_audit_entry_details_are_pairs_for_any_json(make_organization):
    entry = log_action("test.entry", target=make_organization(), data={"b": 2, "a": [1, 2]})
    entry.refresh_from_db()

    assert entry.details == [("a", [1, 2]), ("b", 2)]
    entry.data = ["not", "a", "mapping"]
    assert entry.details == [("", ["not", "a", "mapping"])]
    entry.data = {}
    assert entry.details == []
