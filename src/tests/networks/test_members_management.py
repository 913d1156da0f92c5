"""Organisers decide on members (with history and email); members edit their entry and leave;
the dashboard lists a person's networks."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from factories.networks import InterestFactory, NetworkFactory

from glasnik.access.models import Role
from glasnik.access.selectors import user_has_role
from glasnik.audit.models import AuditLogEntry
from glasnik.networks.models import Membership, MembershipChange
from glasnik.networks.services.members import membership_decide

pytestmark = pytest.mark.django_db


def url(name, network, **kwargs) -> str:
    return reverse(f"networks:{name}", kwargs={"network_slug": network.slug, **kwargs})


def test_organiser_approves_an_applicant_with_a_message(
    network_organiser_client, network, make_member, django_capture_on_commit_callbacks
):
    membership = make_member(network, status="applied", language="sl", first_name="Luka")

    with django_capture_on_commit_callbacks(execute=True):
        response = network_organiser_client.post(
            url("membership", network, pk=membership.pk),
            {"status": "member", "message": "Dobrodošli!"},
        )

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == "member"
    assert membership.joined_at is not None
    assert user_has_role(membership.person, Role.MEMBER, network)
    last = MembershipChange.objects.filter(membership=membership).last()
    assert (last.status, last.message) == ("member", "Dobrodošli!")
    assert AuditLogEntry.objects.filter(action="networks.membership.member").exists()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [membership.person.email]
    assert "Mreža komunikatora" in message.subject
    assert "Dobrodošli!" in message.body
    assert "/sl/networks/mreza-komunikatora/" in message.body


def test_organiser_removes_a_member_who_then_loses_the_directory(
    network_organiser_client, client, network, make_member, network_organiser
):
    membership = make_member(network)

    network_organiser_client.post(url("membership", network, pk=membership.pk), {"status": "left"})

    membership.refresh_from_db()
    assert membership.status == "left"
    client.force_login(membership.person)
    assert client.get(url("directory", network)).status_code == 404


def test_removing_someone_who_is_not_a_member_is_refused(network, make_member, network_organiser):
    membership = make_member(network, status="applied")

    with pytest.raises(Exception, match="Only a current member"):
        membership_decide(membership=membership, status="left", actor=network_organiser)
    membership.refresh_from_db()
    assert membership.status == "applied"


def test_decision_form_shows_the_error_for_the_same_status(
    network_organiser_client, network, make_member
):
    membership = make_member(network)

    response = network_organiser_client.post(
        url("membership", network, pk=membership.pk), {"status": "member"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["status"] == ["The membership already has this status."]


def test_membership_page_shows_the_history(network_organiser_client, network, make_member):
    membership = make_member(network, first_name="Marko", last_name="Petrović")

    response = network_organiser_client.get(url("membership", network, pk=membership.pk))

    assert response.status_code == 200
    changes = list(response.context["membership"].changes.all())
    assert [change.status for change in changes] == ["applied", "member"]
    assert "Jelena Marković" in response.content.decode()


def test_membership_of_another_network_is_404(
    network_organiser_client, network, make_member, association
):

    other = NetworkFactory(name="Druga", slug="druga", organization=association)
    membership = make_member(other)

    assert (
        network_organiser_client.get(url("membership", network, pk=membership.pk)).status_code
        == 404
    )


def test_members_pages_are_404_for_members(client, network, make_member):
    membership = make_member(network)
    client.force_login(membership.person)

    assert client.get(url("members", network)).status_code == 404
    assert client.get(url("membership", network, pk=membership.pk)).status_code == 404


def test_members_list_filters_by_status(network_organiser_client, network, make_member):
    make_member(network, first_name="Marko", last_name="Petrović")
    make_member(network, first_name="Ana", last_name="Anić", status="applied")

    response = network_organiser_client.get(url("members", network) + "?status=applied")

    assert [m.person.first_name for m in response.context["page"]] == ["Ana"]
    assert response.context["counts"] == {"applied": 1, "member": 1, "declined": 0, "left": 0}


def test_members_list_query_count_is_the_same_for_1_and_30_rows(
    network_organiser_client, network, make_member
):
    def queries() -> tuple[int, int]:
        network_organiser_client.get(url("members", network))
        with CaptureQueriesContext(connection) as captured:
            response = network_organiser_client.get(url("members", network))
        return len(response.context["page"].object_list), len(captured)

    make_member(network)
    rows_one, count_one = queries()
    for _ in range(29):
        make_member(network)
    rows_many, count_many = queries()

    assert (rows_one, rows_many) == (1, 30)
    assert count_one == count_many


def test_member_edits_their_entry_and_is_found_by_the_new_institution(
    client, network, make_member, make_organization
):
    membership = make_member(network, first_name="Marko", last_name="Petrović")
    person = membership.person
    kranj = make_organization("Mestna občina Kranj", country="SI", kind="city")
    person.positions.create(organization=kranj, title="Vodja komuniciranja")
    video = InterestFactory(network=network, name="Video", slug="video")
    client.force_login(person)

    response = client.post(
        url("my_entry", network),
        {
            "organization": kranj.pk,
            "position_title": "Vodja komuniciranja",
            "interests": [video.pk],
            "show_email": "on",
        },
    )

    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.organization, membership.show_email, membership.show_phone) == (
        kranj,
        True,
        False,
    )
    assert list(membership.interests.all()) == [video]
    assert "mestna obcina kranj" in membership.search_text
    entry = AuditLogEntry.objects.get(action="networks.membership.entry_changed")
    assert entry.data == {"fields": ["interests", "organization", "position_title", "show_email"]}
    found = client.get(url("directory", network) + "?q=Крањ")
    assert [m.pk for m in found.context["page"]] == [membership.pk]


def test_entry_form_offers_only_the_persons_own_institutions(
    client, network, make_member, make_organization
):
    membership = make_member(network)
    stranger = make_organization("Tuđa opština")
    client.force_login(membership.person)

    response = client.post(url("my_entry", network), {"organization": stranger.pk})

    assert response.status_code == 200
    assert "organization" in response.context["form"].errors
    membership.refresh_from_db()
    assert membership.organization != stranger


def test_member_leaves_the_network(client, network, make_member):
    membership = make_member(network)
    client.force_login(membership.person)

    assert client.get(url("leave", network)).status_code == 200
    response = client.post(url("leave", network))

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == "left"
    assert MembershipChange.objects.filter(membership=membership).last().actor == membership.person
    assert client.get(url("directory", network)).status_code == 404
    assert client.post(url("leave", network)).status_code == 404


def test_dashboard_lists_the_persons_networks_and_follows_changes(
    client, network, make_member, network_organiser
):
    membership = make_member(network, status="applied")
    client.force_login(membership.person)
    dashboard = reverse("site:dashboard")

    assert "Applied" in client.get(dashboard).content.decode()
    membership_decide(
        membership=Membership.objects.get(pk=membership.pk),
        status="member",
        actor=network_organiser,
    )

    content = client.get(dashboard).content.decode()
    assert "Mreža komunikatora" in content
    assert reverse("networks:detail", kwargs={"network_slug": network.slug}) in content
    assert "Mreža komunikatora</a> (Member)" in content


def test_dashboard_reads_the_persons_networks_from_the_cache(client, network, make_member):
    membership = make_member(network)
    client.force_login(membership.person)
    dashboard = reverse("site:dashboard")
    client.get(dashboard)

    with CaptureQueriesContext(connection) as captured:
        assert client.get(dashboard).status_code == 200

    assert not [q for q in captured.captured_queries if "networks_membership" in q["sql"]]
