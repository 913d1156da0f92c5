"""The public list and page of a network, and what organisers change on it."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from factories.networks import CallFactory, NetworkFactory

from glasnik.access.models import Role
from glasnik.access.selectors import user_has_role
from glasnik.audit.models import AuditLogEntry
from glasnik.networks.services.network import network_organiser_remove

pytestmark = pytest.mark.django_db


def url(name, network, **kwargs) -> str:
    return reverse(f"networks:{name}", kwargs={"network_slug": network.slug, **kwargs})


def test_network_list_is_public_and_counts_members(client, network, make_member):
    make_member(network)
    make_member(network, status="applied")

    response = client.get(reverse("networks:list"))

    assert response.status_code == 200
    (listed,) = response.context["networks"]
    assert (listed.name, listed.member_count) == ("Mreža komunikatora", 1)


def test_network_list_query_count_is_the_same_for_1_and_30_networks(client, network, association):
    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("networks:list"), HTTP_COOKIE="sessionid=x")
        return len(response.context["networks"]), len(captured)

    rows_one, count_one = queries()
    for number in range(29):
        NetworkFactory(name=f"Mreža {number}", slug=f"mreza-{number}", organization=association)
    rows_many, count_many = queries()

    assert (rows_one, rows_many) == (1, 30)
    assert count_one == count_many


def test_network_page_shows_aims_topics_calls_and_contacts_to_visitors(client, network):
    network.learning_topics = "Krizno komuniciranje\n\nVideo"
    network.save()
    now = timezone.now()
    CallFactory(
        network=network,
        title="Javni poziv 2026",
        slug="poziv-2026",
        text="Pozivamo vas.",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=10),
        is_published=True,
    )
    CallFactory(
        network=network,
        title="Nacrt poziva",
        slug="nacrt",
        text="Nije objavljen.",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=10),
        is_published=False,
    )

    response = client.get(url("detail", network))

    assert response.status_code == 200
    content = response.content.decode()
    for text in (
        "Jačanje kompetencija komunikatora.",
        "Službenici za odnose s javnošću.",
        "Sastajemo se jednom mesečno.",
        "mreza@example.org",
        "Stalna konferencija gradova i opština",
        "Javni poziv 2026",
    ):
        assert text in content
    assert response.context["learning_topics"] == ["Krizno komuniciranje", "Video"]
    assert "Nacrt poziva" not in content
    assert "Your membership" not in content


def test_network_page_shows_the_signed_in_persons_state(client, network, make_member, make_person):
    member = make_member(network)
    applicant = make_member(network, status="applied")

    client.force_login(member.person)
    assert "You are a member since" in client.get(url("detail", network)).content.decode()
    client.force_login(applicant.person)
    assert "You have asked to join" in client.get(url("detail", network)).content.decode()
    client.force_login(make_person())
    assert "You are not a member" in client.get(url("detail", network)).content.decode()


def test_unknown_network_is_404(client):
    assert (
        client.get(reverse("networks:detail", kwargs={"network_slug": "nema"})).status_code == 404
    )


def test_organiser_edits_the_page_with_an_audit_entry(network_organiser_client, network):
    data = {
        "name": "Mreža komunikatora",
        "summary": "Novi sažetak",
        "aims": network.aims,
        "audience": network.audience,
        "how_it_works": network.how_it_works,
        "contact_email": "novi@example.org",
        "contact_phone": "",
        "time_zone": "Europe/Belgrade",
        "learning_topics": "Analitika",
    }

    response = network_organiser_client.post(url("edit", network), data)

    assert response.status_code == 302
    network.refresh_from_db()
    assert (network.summary, network.contact_email, network.learning_topics) == (
        "Novi sažetak",
        "novi@example.org",
        "Analitika",
    )
    assert network.learning_topics_updated_at is not None
    entry = AuditLogEntry.objects.get(action="networks.network.changed")
    assert entry.data == {"fields": ["contact_email", "summary"]}
    assert AuditLogEntry.objects.filter(action="networks.learning_topics.set").count() == 1


def test_organiser_pages_are_404_for_members_and_redirect_visitors(client, network, make_member):
    anonymous = client.get(url("edit", network))
    assert anonymous.status_code == 302
    assert "/accounts/login/" in anonymous.url
    client.force_login(make_member(network).person)
    for name in ("edit", "organisers", "members"):
        assert client.get(url(name, network)).status_code == 404


def test_organiser_adds_and_removes_an_organiser(
    network_organiser_client, network, make_person, network_organiser
):
    colleague = make_person("kolega@example.org")

    response = network_organiser_client.post(
        url("organisers", network), {"email": "KOLEGA@example.org"}
    )

    assert response.status_code == 302
    assert user_has_role(colleague, Role.ORGANISER, network)
    network_organiser_client.post(url("organiser_remove", network, person_id=colleague.pk))
    colleague.refresh_from_db()
    del colleague.request_state  # what was read for the request: read the grants again
    assert not user_has_role(colleague, Role.ORGANISER, network)


def test_adding_an_unknown_organiser_shows_an_error(network_organiser_client, network):
    response = network_organiser_client.post(
        url("organisers", network), {"email": "nobody@example.org"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "No one with this email address has an account."
    ]


def test_last_organiser_cannot_be_removed(network, network_organiser):
    with pytest.raises(Exception, match="at least one organiser"):
        network_organiser_remove(network=network, person=network_organiser, actor=network_organiser)
    assert user_has_role(network_organiser, Role.ORGANISER, network)


@pytest.mark.parametrize("language", ["sr", "sr-latn", "bs", "bs-cyrl", "hr", "sl", "en"])
def test_members_pages_render_in_every_interface_language(client, network, make_member, language):
    from django.utils import translation

    member = make_member(network, first_name="Marko", last_name="Petrović")
    client.force_login(member.person)
    with translation.override(language):
        urls = [
            url(name, network) for name in ("detail", "directory", "topics", "my_entry", "leave")
        ]

    for address in urls:
        response = client.get(address)
        assert response.status_code == 200, address
        assert f"/{language}/" in address
