"""The approver's dashboard says what waits for them: their institution's proposals sent for
approval, and the planned posts at their step of the approval chain."""

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from factories.toolkit import institution_team

from glasnik.content.calendar_time import institution_time_zone, institution_today
from glasnik.content.services import approval_chain_set, post_create, post_submit
from glasnik.proposals.services import proposal_create, proposal_send_for_approval, section_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(db):
    return institution_team()


def dashboard(client, person) -> str:
    client.force_login(person)
    return client.get(reverse("site:dashboard")).content.decode()


def test_nothing_waits_and_the_dashboard_says_so(client, team):
    content = dashboard(client, team.approver)

    assert "No proposal waits for your approval." in content
    assert "0 planned posts wait for your approval" in content


def test_a_proposal_sent_for_approval_and_a_post_at_his_step_are_listed(client, team):
    proposal = proposal_create(
        organization=team.organization,
        template="municipality",
        title="Strategija 2027.",
        actor=team.officer,
    )
    goals = proposal.sections.get(key="goals")
    section_save(
        section=goals, text="Odgovor u roku od dana.", revision=goals.revision, actor=team.officer
    )
    proposal_send_for_approval(proposal=proposal, actor=team.officer, notify=False)
    approval_chain_set(organization=team.organization, by=team.officer, people=[team.approver])
    day = institution_today(team.organization) + timedelta(days=5)
    post = post_create(
        organization=team.organization,
        author=team.officer,
        platforms=["facebook"],
        publish_at=datetime.combine(day, time(9), tzinfo=institution_time_zone(team.organization)),
        text="Upis u vrtiće počinje u ponedeljak.",
    )
    post_submit(post=post, by=team.officer, version=post.version, notify=False)

    content = dashboard(client, team.approver)

    assert reverse("proposals:detail", args=[proposal.pk]) in content
    assert "1 planned post waits for your approval" in content
    assert "Strategija 2027." not in dashboard(client, team.officer)
