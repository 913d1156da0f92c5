"""Fixtures for the registration tests: besides the programme, its organiser and enrolled
participants (../conftest.py), trainings in two weeks that take registrations, two seats by
default."""

from datetime import timedelta

import pytest
from factories.events import TrainingFactory


@pytest.fixture
def make_training(program):
    def make(*, days: float = 14, capacity: int | None = 2, **fields):
        values = {"venue_address": "Makedonska 22, Beograd", "capacity": capacity} | fields
        return TrainingFactory(program=program, starts_in=timedelta(days=days), **values)

    return make
