"""The content calendar's fixtures: an institution's team (factories.toolkit) with a two-step
approval chain (the PR officer, then the approver) and a post planned for next week."""

from datetime import datetime, time, timedelta

import pytest
from factories.toolkit import institution_team

from glasnik.content.calendar_time import institution_time_zone, institution_today
from glasnik.content.services import approval_chain_set, post_create


@pytest.fixture
def team(db):
    team = institution_team()
    approval_chain_set(
        organization=team.organization, by=team.officer, people=[team.officer, team.approver]
    )
    return team


def next_week(organization, hour: int = 10, days: int = 7) -> datetime:
    day = institution_today(organization) + timedelta(days=days)
    return datetime.combine(day, time(hour), tzinfo=institution_time_zone(organization))


def plan(team, **fields):
    values = {
        "platforms": ["facebook", "instagram"],
        "publish_at": next_week(team.organization),
        "text": "Sednica Skupštine grada u petak u 10 časova.",
    } | fields
    return post_create(organization=team.organization, author=team.officer, **values)


@pytest.fixture
def post(team):
    return plan(team)
