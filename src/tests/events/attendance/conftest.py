"""Fixtures for the attendance and materials tests: besides the programme, its organiser and
participants (../conftest.py), a trainer and a two-day training that is under way (yesterday
and today in Belgrade)."""

from datetime import timedelta

import pytest
from belgrade_days import belgrade_today, local
from factories.accounts import PersonFactory
from factories.events import TrainingFactory

from glasnik.access.models import Role
from glasnik.access.services import role_grant


@pytest.fixture
def trainer(program):
    person = PersonFactory(first_name="Ana", last_name="Trenerić")
    role_grant(person=person, role=Role.TRAINER, scope=program)
    return person


@pytest.fixture
def make_training(program):
    def make(*, first_day=None, days: int = 2, **extra):
        first_day = first_day or belgrade_today() - timedelta(days=days - 1)
        fields = {
            "title": "Dvodnevna obuka: društvene mreže",
            "starts_at": local(first_day, 9),
            "ends_at": local(first_day + timedelta(days=days - 1), 17),
        } | extra
        return TrainingFactory(program=program, **fields)

    return make


@pytest.fixture
def training(make_training):
    return make_training()
