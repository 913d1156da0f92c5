"""Topic proposals: proposing, one vote per member, withdrawing, organisers planning."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from glasnik.audit.models import AuditLogEntry
from glasnik.networks.models import TopicProposal, TopicVote
from glasnik.networks.services.topics import (
    topic_propose,
    topic_status_set,
    topic_vote_cast,
    topic_vote_withdraw,
)

pytestmark = pytest.mark.django_db


def url(name, network, **kwargs) -> str:
    return reverse(f"networks:{name}", kwargs={"network_slug": network.slug, **kwargs})


@pytest.fixture
def proposal(network, make_member):
    author = make_member(network, first_name="Ana", last_name="Anić").person
    return topic_propose(
        network=network, author=author, title="Krizno komuniciranje", kind="training"
    )


def test_member_proposes_a_topic_through_the_form(client, network, make_member):
    member = make_member(network)
    client.force_login(member.person)

    response = client.post(
        url("topic_create", network),
        {"title": "  Video za društvene mreže ", "kind": "meeting", "description": "Kratki video."},
    )

    assert response.status_code == 302
    proposal = TopicProposal.objects.get()
    assert (proposal.title, proposal.kind, proposal.author) == (
        "Video za društvene mreže",
        "meeting",
        member.person,
    )
    assert AuditLogEntry.objects.filter(action="networks.topic.proposed").count() == 1


def test_topic_form_without_title_keeps_the_description(client, network, make_member):
    client.force_login(make_member(network).person)

    response = client.post(
        url("topic_create", network), {"title": "", "kind": "meeting", "description": "Zadrži me"}
    )

    assert response.status_code == 200
    assert "title" in response.context["form"].errors
    assert "Zadrži me" in response.content.decode()
    assert not TopicProposal.objects.exists()


def test_voting_twice_leaves_one_vote_and_withdrawing_removes_it(proposal, network, make_member):
    voter = make_member(network).person

    assert topic_vote_cast(proposal=proposal, person=voter) is True
    assert topic_vote_cast(proposal=proposal, person=voter) is False
    assert TopicVote.objects.filter(proposal=proposal).count() == 1
    assert topic_vote_withdraw(proposal=proposal, person=voter) is True
    assert not TopicVote.objects.exists()


def test_author_cannot_vote_for_own_proposal(proposal):
    with pytest.raises(ValidationError):
        topic_vote_cast(proposal=proposal, person=proposal.author)
    assert not TopicVote.objects.exists()


def test_double_click_on_vote_leaves_one_vote(client, proposal, network, make_member):
    client.force_login(make_member(network).person)
    vote_url = url("topic_vote", network, pk=proposal.pk)

    client.post(vote_url, {"action": "vote"}, headers={"HX-Request": "true"})
    response = client.post(vote_url, {"action": "vote"}, headers={"HX-Request": "true"})

    assert TopicVote.objects.filter(proposal=proposal).count() == 1
    content = response.content.decode()
    assert content.lstrip().startswith(f'<div class="vote" id="vote-{proposal.pk}"')
    assert "1 vote" in content
    assert 'value="withdraw"' in content


def test_vote_button_withdraws_when_pressed_again(client, proposal, network, make_member):
    voter = make_member(network).person
    topic_vote_cast(proposal=proposal, person=voter)
    client.force_login(voter)

    response = client.post(url("topic_vote", network, pk=proposal.pk), {"action": "withdraw"})

    assert response.status_code == 302
    assert not TopicVote.objects.exists()


def test_organiser_who_is_not_a_member_cannot_vote(network_organiser_client, proposal, network):
    response = network_organiser_client.post(
        url("topic_vote", network, pk=proposal.pk), {"action": "vote"}
    )

    assert response.status_code == 404
    assert not TopicVote.objects.exists()


@pytest.mark.parametrize("how", ["outsider", "applied"])
def test_topics_are_404_outside_the_network(
    client, network, make_member, make_person, proposal, how
):
    person = make_person() if how == "outsider" else make_member(network, status="applied").person
    client.force_login(person)

    assert client.get(url("topics", network)).status_code == 404
    assert (
        client.post(url("topic_vote", network, pk=proposal.pk), {"action": "vote"}).status_code
        == 404
    )
    assert (
        client.post(url("topic_create", network), {"title": "X", "kind": "meeting"}).status_code
        == 404
    )


def test_organiser_marks_a_proposal_planned_with_an_audit_entry(
    network_organiser_client, proposal, network
):
    response = network_organiser_client.post(
        url("topic_status", network, pk=proposal.pk), {"status": "planned"}
    )

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "planned"
    entry = AuditLogEntry.objects.get(action="networks.topic.status_changed")
    assert entry.data == {"from": "proposed", "to": "planned"}


def test_member_cannot_change_a_proposal_status(client, proposal, network, make_member):
    client.force_login(make_member(network).person)

    assert (
        client.post(url("topic_status", network, pk=proposal.pk), {"status": "done"}).status_code
        == 404
    )
    proposal.refresh_from_db()
    assert proposal.status == "proposed"


def test_done_proposal_takes_no_more_votes(proposal, network, make_member, network_organiser):
    topic_status_set(proposal=proposal, status="done", actor=network_organiser)

    with pytest.raises(ValidationError):
        topic_vote_cast(proposal=proposal, person=make_member(network).person)


def test_list_is_sorted_by_votes_and_filtered_by_status(
    client, network, make_member, network_organiser
):
    members = [make_member(network).person for _ in range(3)]
    author = members[0]
    few = topic_propose(network=network, author=author, title="Manje glasova", kind="meeting")
    many = topic_propose(network=network, author=author, title="Više glasova", kind="meeting")
    for voter in members[1:]:
        topic_vote_cast(proposal=many, person=voter)
    topic_vote_cast(proposal=few, person=members[1])
    topic_status_set(proposal=few, status="planned", actor=network_organiser)
    client.force_login(members[1])

    response = client.get(url("topics", network))
    planned = client.get(url("topics", network) + "?status=planned")

    listed = [(p.title, p.vote_count, p.viewer_voted) for p in response.context["proposals"]]
    assert listed == [("Više glasova", 2, True), ("Manje glasova", 1, True)]
    assert [p.title for p in planned.context["proposals"]] == ["Manje glasova"]


def test_topic_list_query_count_is_the_same_for_1_and_30_proposals(client, network, make_member):
    author, voter = make_member(network).person, make_member(network).person
    client.force_login(voter)

    def queries() -> tuple[int, int]:
        client.get(url("topics", network))
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url("topics", network))
        return len(response.context["proposals"]), len(captured)

    topic_vote_cast(
        proposal=topic_propose(network=network, author=author, title="Tema 0", kind="meeting"),
        person=voter,
    )
    rows_one, count_one = queries()
    for number in range(1, 30):
        proposal = topic_propose(
            network=network, author=author, title=f"Tema {number}", kind="training"
        )
        topic_vote_cast(proposal=proposal, person=voter)
    rows_many, count_many = queries()

    assert (rows_one, rows_many) == (1, 30)
    assert count_one == count_many
