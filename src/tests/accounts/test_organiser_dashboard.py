"""An organiser's dashboard shows what waits for her in every network and programme she
organises (statements to decide, open calls, requests to take part, registrations to approve,
the next event), with links to each; fresh after every decision, in the same number of queries
however many she organises."""

from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from glasnik.access.models import Role
from glasnik.access.services import role_grant
from glasnik.events.models import Event, EventKind, EventMode, Registration, RegistrationStatus
from glasnik.networks.models import Call, Network, Statement, StatementStatus
from glasnik.networks.services.calls import Decision, statement_decide
from glasnik.programs.models import Enrolment, EnrolmentStatus, Program

pytestmark = pytest.mark.django_db

TOTP_SECRET = "GLASNIKTESTSECRETGLASNIKTESTSECR"


@pytest.fixture
def organiser(make_person):
    person = make_person("jelena@example.org", first_name="Jelena", last_name="Marković")
    TOTP.activate(person, TOTP_SECRET)
    return person


@pytest.fixture
def make_network(make_organization, organiser, make_person):
    """A network she organises, with an open call (two statements to decide, one decided), a
    closed call with one left to decide, and a meeting next week."""

    def make(number: int = 1) -> Network:
        network = Network.objects.create(
            name=f"Mreža komunikatora {number}",
            slug=f"mreza-{number}",
            organization=make_organization(kind="association"),
        )
        role_grant(person=organiser, role=Role.ORGANISER, scope=network)
        now = timezone.now()
        open_call = Call.objects.create(
            network=network,
            title=f"Poziv {number} za 2027.",
            slug="poziv-2027",
            text="Pridružite se mreži.",
            opens_at=now - timedelta(days=3),
            closes_at=now + timedelta(days=30),
            is_published=True,
        )
        closed_call = Call.objects.create(
            network=network,
            title=f"Poziv {number} za 2026.",
            slug="poziv-2026",
            text="Pridružite se mreži.",
            opens_at=now - timedelta(days=90),
            closes_at=now - timedelta(days=30),
            is_published=True,
        )
        for call, status in [
            (open_call, StatementStatus.SUBMITTED),
            (open_call, StatementStatus.SUBMITTED),
            (open_call, StatementStatus.APPROVED),
            (closed_call, StatementStatus.SUBMITTED),
        ]:
            Statement.objects.create(
                call=call,
                person=make_person(),
                organization=make_organization(),
                position_title="PR",
                status=status,
            )
        starts = now + timedelta(days=7)
        Event.objects.create(
            kind=EventKind.NETWORK_MEETING,
            network=network,
            title=f"Mesečni sastanak {number}",
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            mode=EventMode.ONLINE,
            online_url="https://meet.example.org/mreza",
        )
        return network

    return make


@pytest.fixture
def make_program(make_organization, organiser, make_person):
    """A programme she organises: two requests to take part and a training next month with
    one registration waiting for approval."""

    def make(number: int = 1) -> Program:
        program = Program.objects.create(
            name=f"Program obuke {number}",
            slug=f"program-{number}",
            organization=make_organization(kind="association"),
            time_zone="Europe/Belgrade",
        )
        role_grant(person=organiser, role=Role.ORGANISER, scope=program)
        for status in (EnrolmentStatus.PENDING, EnrolmentStatus.PENDING, EnrolmentStatus.ENROLLED):
            Enrolment.objects.create(
                program=program,
                person=make_person(),
                organization=make_organization(),
                status=status,
            )
        starts = timezone.now() + timedelta(days=30)
        training = Event.objects.create(
            kind=EventKind.TRAINING,
            program=program,
            title=f"Radionica {number}",
            starts_at=starts,
            ends_at=starts + timedelta(hours=8),
            mode=EventMode.IN_PERSON,
            venue_name="Centar za obuku",
            registration_enabled=True,
        )
        for status in (RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED):
            Registration.objects.create(event=training, person=make_person(), status=status)
        return program

    return make


def dashboard(client) -> str:
    response = client.get(reverse("site:dashboard"))
    assert response.status_code == 200
    return response.content.decode()


def test_organiser_dashboard_shows_what_waits_in_her_network(
    client, organiser, make_network, login_with_second_factor
):
    network = make_network()
    login_with_second_factor(client, organiser)

    content = dashboard(client)

    statements = reverse("networks:statement_list", args=[network.slug, "poziv-2027"])
    assert (
        f'<a href="{statements}?status=submitted">2 statements wait for your decision</a>: '
        "Poziv 1 za 2027."
    ) in content
    closed = reverse("networks:statement_list", args=[network.slug, "poziv-2026"])
    assert f'<a href="{closed}?status=submitted">1 statement waits for your decision</a>' in content
    assert "Open until" in content
    meeting = Event.objects.get(network=network)
    assert f'<a href="{reverse("events:meeting_detail", args=[meeting.pk])}">' in content
    assert reverse("networks:call_manage_list", args=[network.slug]) in content
    # "My networks" lists the network she organises instead of saying she is in none.
    assert "You are not in a network yet." not in content
    assert f"{network.name}</a> (Organiser)" in content


def test_organiser_dashboard_shows_what_waits_in_her_programme(
    client, organiser, make_program, login_with_second_factor
):
    program = make_program()
    login_with_second_factor(client, organiser)

    content = dashboard(client)

    participants = reverse("programs:participants", args=[program.slug])
    assert (
        f'<a href="{participants}?status=pending">2 requests to take part wait for your '
        "decision</a>"
    ) in content
    training = Event.objects.get(program=program)
    registrations = reverse("events:registrations_manage", args=[training.pk])
    assert (
        f'<a href="{registrations}?status=pending">1 registration waits for your approval</a>: '
        "Radionica 1"
    ) in content
    assert reverse("events:program_event_detail", args=[training.pk]) in content


def test_organiser_dashboard_counts_change_at_once_with_her_decisions(
    client, organiser, make_network, login_with_second_factor
):
    network = make_network()
    login_with_second_factor(client, organiser)
    assert "2 statements wait for your decision" in dashboard(client)

    waiting = Statement.objects.filter(
        call__network=network, call__slug="poziv-2027", status=StatementStatus.SUBMITTED
    ).first()
    statement_decide(statement=waiting, actor=organiser, decision=Decision.APPROVE, notify=False)

    content = dashboard(client)
    assert "2 statements wait for your decision" not in content
    assert "1 statement waits for your decision</a>: Poziv 1 za 2027." in content


def _dashboard_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        dashboard(client)
    return len(queries)


def test_organiser_dashboard_query_count_does_not_grow_with_what_she_organises(
    client, organiser, make_network, make_program, login_with_second_factor
):
    make_network(1)
    make_program(1)
    login_with_second_factor(client, organiser)
    dashboard(client)  # the person's grants and panels in the cache, as on every later visit
    one_each = _dashboard_queries(client)

    for number in (2, 3, 4):
        make_network(number)
        make_program(number)
    dashboard(client)
    content = dashboard(client)

    assert _dashboard_queries(client) == one_each
    assert content.count("2 requests to take part wait for your decision") == 4
    assert content.count("2 statements wait for your decision") == 4


def test_member_dashboard_asks_nothing_about_organising(client, make_person):
    client.force_login(make_person())
    dashboard(client)

    with CaptureQueriesContext(connection) as queries:
        content = dashboard(client)

    assert "What waits for you" not in content
    tables = ("networks_call", "programs_program", "events_event")
    assert not [query for query in queries if any(table in query["sql"] for table in tables)]
