"""Fixtures for the feedback tests: a programme's two-day training that ended yesterday, with an
agenda of two lecturers, an organiser (with two-factor set up) and confirmed participants. Rows
are created directly, so these tests do not depend on the other parts' services."""

from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from glasnik.access.models import Role
from glasnik.access.services import role_grant
from glasnik.events.models import (
    AgendaItem,
    Event,
    EventKind,
    EventMode,
    Lecturer,
    Registration,
    RegistrationStatus,
)
from glasnik.programs.models import Enrolment, EnrolmentStatus, Program

TOTP_SECRET = "GLASNIKTESTSECRETGLASNIKTESTSECR"


@pytest.fixture
def program(make_organization):
    return Program.objects.create(
        name="Društvene mreže – obuka i mentorstvo",
        slug="drustvene-mreze",
        organization=make_organization("Stalna konferencija", kind="association"),
        time_zone="Europe/Belgrade",
        is_published=True,
    )


@pytest.fixture
def organiser(make_person, program):
    person = make_person(first_name="Jelena", last_name="Marković")
    role_grant(person=person, role=Role.ORGANISER, scope=program)
    TOTP.activate(person, TOTP_SECRET)
    return person


@pytest.fixture
def make_training(program):
    def make(*, ended_days_ago: float = 1, **fields):
        ends_at = timezone.now() - timedelta(days=ended_days_ago)
        values = {
            "program": program,
            "kind": EventKind.TRAINING,
            "title": "Obuka: komunikacija na društvenim mrežama",
            "starts_at": ends_at - timedelta(days=1, hours=8),
            "ends_at": ends_at,
            "mode": EventMode.IN_PERSON,
            "venue_name": "Centar za obuku",
            "time_zone": "Europe/Belgrade",
            "registration_enabled": True,
            "feedback_anonymous": True,
        } | fields
        return Event.objects.create(**values)

    return make


@pytest.fixture
def training(make_training):
    return make_training()


@pytest.fixture
def make_lecturer(db):
    def make(name: str, *, event=None, person=None):
        slug = name.lower().replace(" ", "-").encode("ascii", "ignore").decode()
        lecturer = Lecturer.objects.create(name=name, slug=f"{slug}-{Lecturer.objects.count()}")
        if person is not None:
            lecturer.person = person
            lecturer.save(update_fields=["person"])
        if event is not None:
            item = AgendaItem.objects.create(event=event, title=f"Sesija: {name}")
            item.lecturers.add(lecturer)
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
def make_participant(make_person, make_organization, program):
    """A person enrolled in the programme with a registration for `event` (confirmed)."""

    def make(event, *, status=RegistrationStatus.CONFIRMED, language: str = "en", **extra):
        person = make_person(language=language, **extra)
        organization = make_organization()
        Enrolment.objects.create(
            program=program,
            person=person,
            organization=organization,
            status=EnrolmentStatus.ENROLLED,
        )
        role_grant(person=person, role=Role.MEMBER, scope=program)
        Registration.objects.create(
            event=event, person=person, organization=organization, status=status
        )
        return person

    return make


@pytest.fixture
def participant(make_participant, training):
    return make_participant(training, first_name="Marko", last_name="Petrović")


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the on-commit callbacks (task enqueueing, emails) of the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
