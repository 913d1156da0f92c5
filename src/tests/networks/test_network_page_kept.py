"""The network's page keeps what every reader sees (its header, calls, aims and topics, its next
meetings, its surveys) with the network: a signed-in reader's request reads none of it from the
database, and whatever changes any of it shows at once."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from queries import sql_of

from glasnik.networks.services.calls import call_update
from glasnik.networks.services.network import network_update
from glasnik.organizations.services import organization_save
from glasnik.surveys.services.builder import question_add, survey_close, survey_create, survey_open

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client, network, make_member):
    """A member of the network, signed in: people who are not signed in get the whole page's
    copy, which is another cache."""
    client.force_login(make_member(network).person)
    return client


@pytest.fixture
def make_meeting(network, network_organiser):
    from glasnik.events.models import EventMode
    from glasnik.events.services.meetings import meeting_create

    def make(*, title: str, days: float):
        starts_at = timezone.now() + timedelta(days=days)
        return meeting_create(
            network=network,
            actor=network_organiser,
            notify=False,
            title=title,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=2),
            mode=EventMode.ONLINE,
            online_url="https://meet.example.org/room",
        )

    return make


def page(client, network) -> str:
    response = client.get(reverse("networks:detail", kwargs={"network_slug": network.slug}))
    assert response.status_code == 200
    return response.content.decode()


def test_the_second_request_reads_only_what_is_the_readers_own(reader, network, make_call):
    make_call(network, title="Javni poziv 2027")

    first = sql_of(lambda: page(reader, network))
    second = sql_of(lambda: page(reader, network))

    assert "Javni poziv 2027" in page(reader, network)
    # the network, the reader's membership and calendar token, the reader's own open surveys
    # are read for each request; the calls, the member count and the meetings are not.
    for read in ('FROM "networks_call"', 'FROM "events_event"', "COUNT(*)"):
        assert read in first
        assert read not in second


def test_a_new_and_a_changed_call_show_at_once(reader, network, make_call, network_organiser):
    assert "Poziv za 2027" not in page(reader, network)

    call = make_call(network, title="Poziv za 2027")
    assert "Poziv za 2027" in page(reader, network)

    call_update(call=call, actor=network_organiser, title="Poziv za 2028")
    shown = page(reader, network)
    assert "Poziv za 2028" in shown
    assert "Poziv za 2027" not in shown


def test_a_call_that_opens_later_is_shown_open_once_it_opens(
    reader, network, make_call, monkeypatch
):
    call = make_call(network, opens_in=1, title="Poziv koji se otvara")
    assert "opens" in page(reader, network)

    later = call.opens_at + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    monkeypatch.setattr("glasnik.core.object_cache.time.time", lambda: later.timestamp())

    assert "open until" in page(reader, network)


def test_the_member_count_follows_the_membership(reader, network, make_member):
    assert "1 member" in page(reader, network)

    make_member(network)

    assert "2 members" in page(reader, network)


def test_an_edit_of_the_page_shows_at_once(reader, network, network_organiser):
    page(reader, network)

    network_update(network=network, actor=network_organiser, aims="Nove zajedničke teme.")

    assert "Nove zajedničke teme." in page(reader, network)


def test_a_renamed_organiser_shows_at_once(reader, network):
    page(reader, network)
    organization = network.organization
    organization.name = "Udruženje s novim imenom"

    organization_save(organization=organization, actor=None, changed_fields=["name"])

    assert "Udruženje s novim imenom" in page(reader, network)


def test_a_new_and_a_cancelled_meeting_show_at_once(reader, network, make_meeting):
    from glasnik.events.services.meetings import meeting_cancel

    assert "Sastanak o kriznoj komunikaciji" not in page(reader, network)

    meeting = make_meeting(title="Sastanak o kriznoj komunikaciji", days=3)
    assert "Sastanak o kriznoj komunikaciji" in page(reader, network)

    meeting_cancel(event=meeting, actor=None)
    assert "Sastanak o kriznoj komunikaciji" not in page(reader, network)


def test_a_meeting_is_no_longer_next_once_it_is_over(reader, network, make_meeting, monkeypatch):
    meeting = make_meeting(title="Sastanak koji se završava", days=1)
    assert "Sastanak koji se završava" in page(reader, network)

    later = meeting.ends_at + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    monkeypatch.setattr("glasnik.core.object_cache.time.time", lambda: later.timestamp())

    assert "Sastanak koji se završava" not in page(reader, network)


def test_a_survey_opened_or_closed_shows_at_once(reader, network, network_organiser):
    survey = survey_create(
        owner=network,
        actor=network_organiser,
        kind="needs",
        title="Upitnik o potrebama članova",
        language="sr",
    )
    question_add(
        section=survey.sections.get(),
        actor=network_organiser,
        type="short_text",
        text={"sr": "Šta vam je potrebno?"},
    )
    assert "Upitnik o potrebama članova" not in page(reader, network)

    survey_open(survey=survey, actor=network_organiser)
    assert "Upitnik o potrebama članova" in page(reader, network)

    survey_close(survey=survey, actor=network_organiser)
    assert "Upitnik o potrebama članova" not in page(reader, network)


def call_page(client, call) -> str:
    response = client.get(
        reverse(
            "networks:call_detail", kwargs={"network_slug": call.network.slug, "slug": call.slug}
        )
    )
    assert response.status_code == 200
    return response.content.decode()


def test_a_calls_page_reads_its_text_and_questions_once(reader, call):
    first = sql_of(lambda: call_page(reader, call))
    second = sql_of(lambda: call_page(reader, call))

    assert "Šta očekujete od mreže?" in call_page(reader, call)
    assert 'FROM "networks_statementquestion"' in first
    assert 'FROM "networks_statementquestion"' not in second


def test_a_calls_changed_text_and_questions_show_at_once(reader, call, network_organiser):
    from glasnik.networks.services.calls import question_add, question_remove

    call_page(reader, call)

    call_update(call=call, actor=network_organiser, text="Novi tekst poziva.")
    assert "Novi tekst poziva." in call_page(reader, call)

    question = question_add(call=call, actor=network_organiser, kind="text", label="Grad")
    assert ">Grad</span>" in call_page(reader, call)

    question_remove(question=question, actor=network_organiser)
    assert ">Grad</span>" not in call_page(reader, call)
