"""Fixtures for the feedback tests: besides the programme, its organiser and participants
(../conftest.py), a two-day training that ended yesterday with an agenda of two lecturers."""

from datetime import timedelta

import pytest
from django.utils import timezone
from factories.events import AgendaItemFactory, LecturerFactory, TrainingFactory

from glasnik.events.models import Lecturer


@pytest.fixture
def make_training(program):
    def make(*, ended_days_ago: float = 1, **fields):
        ends_at = timezone.now() - timedelta(days=ended_days_ago)
        values = {
            "starts_at": ends_at - timedelta(days=1, hours=8),
            "ends_at": ends_at,
            "feedback_anonymous": True,
        } | fields
        return TrainingFactory(program=program, **values)

    return make


@pytest.fixture
def training(make_training):
    return make_training()


@pytest.fixture
def make_lecturer(db):
    def make(name: str, *, event=None, person=None):
        slug = name.lower().replace(" ", "-").encode("ascii", "ignore").decode()
        lecturer = LecturerFactory(
            name=name, slug=f"{slug}-{Lecturer.objects.count()}", person=person
        )
        if event is not None:
            AgendaItemFactory(event=event, title=f"Sesija: {name}", lecturers=[lecturer])
        return lecturer

    return make


@pytest.fixture
def lecturers(training, make_lecturer, make_person):
    """Two lecturers on the training's agenda; the first has an account."""
    ana = make_lecturer(
        "Ana Jovanović", event=training, person=make_person(first_name="Ana", last_name="J")
    )
    return [ana, make_lecturer("Milan Ilić", event=training)]


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the on-commit callbacks (task enqueueing, emails) of the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
