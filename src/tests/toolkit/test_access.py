"""Who works on an institution's plans, in one definition every part of the toolkit uses."""

from datetime import timedelta

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from factories.accounts import PersonFactory, PositionFactory
from factories.toolkit import institution_team

from glasnik.toolkit.access import institution_access, institution_for_user, institutions_of


@pytest.fixture
def team(db):
    return institution_team()


def test_staff_approver_mentor_and_organiser_see_the_plans_and_only_staff_write_them(team):
    officer = institution_access(team.officer, team.organization)
    approver = institution_access(team.approver, team.organization)
    mentor = institution_access(team.mentor, team.organization)
    organiser = institution_access(team.organiser, team.organization)

    assert (officer.is_staff, officer.may_edit) == (True, True)
    assert (approver.is_approver, approver.may_view, approver.may_edit) == (True, True, False)
    assert (mentor.is_mentor, mentor.may_view, mentor.may_edit) == (True, True, False)
    assert (organiser.is_organiser, organiser.may_view, organiser.may_edit) == (True, True, False)


def test_an_outsider_and_a_former_employee_are_told_nothing_exists(team):
    former = PersonFactory()
    PositionFactory(
        person=former,
        organization=team.organization,
        until=timezone.localdate() - timedelta(days=1),
    )

    for person in (team.outsider, former):
        with pytest.raises(Http404):
            institution_for_user(person, team.organization.slug)


def test_a_mentor_of_one_of_the_staff_sees_the_institution(team):
    from glasnik.mentoring.models import MentoringPair

    other_mentor = PersonFactory()
    pair = MentoringPair.objects.get(organization=team.organization)
    MentoringPair.objects.create(program=pair.program, mentor=other_mentor, mentee=team.officer)

    assert institution_access(other_mentor, team.organization).is_mentor


def test_my_toolkit_lists_the_institutions_i_work_for_or_with(team, client):
    assert institutions_of(team.officer) == [team.organization]
    assert institutions_of(team.approver) == [team.organization]
    assert institutions_of(team.mentor) == [team.organization]
    assert institutions_of(team.outsider) == []

    client.force_login(team.officer)
    response = client.get(reverse("toolkit:mine"))
    assert team.organization.name in response.content.decode()
    assert client.get(reverse("toolkit:home", args=[team.organization.slug])).status_code == 200
    client.force_login(team.outsider)
    assert client.get(reverse("toolkit:home", args=[team.organization.slug])).status_code == 404
