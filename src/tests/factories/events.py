"""Events (a programme's trainings and a network's meetings), registrations, attendance,
lecturers and the agenda."""

from datetime import timedelta

import factory
from django.utils import timezone

from glasnik.events.models import (
    AgendaItem,
    Attendance,
    AttendanceMethod,
    Event,
    EventKind,
    EventMode,
    FeedbackResponse,
    Lecturer,
    LecturerRating,
    Registration,
    RegistrationQuestion,
    RegistrationQuestionKind,
    RegistrationStatus,
)

from .accounts import PersonFactory
from .organizations import OrganizationFactory
from .programs import ProgramFactory


class TrainingFactory(factory.django.DjangoModelFactory):
    """A programme's two-day training in person, in two weeks, taking registrations. Written
    directly: `program_event_create` needs an acting organiser and logs the creation, which
    the tests of programme events count; they call it themselves.

    A network's meeting goes through `meeting_create` (the `make_meeting` fixture)."""

    class Meta:
        model = Event

    class Params:
        starts_in = timedelta(days=14)
        length = timedelta(days=1, hours=8)

    program = factory.SubFactory(ProgramFactory)
    kind = EventKind.TRAINING
    title = "Obuka: komunikacija na društvenim mrežama"
    starts_at = factory.LazyAttribute(lambda event: timezone.now() + event.starts_in)
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + event.length)
    time_zone = factory.LazyAttribute(lambda event: event.program.time_zone)
    mode = EventMode.IN_PERSON
    venue_name = "Centar za obuku"
    registration_enabled = True


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed registration for a training. Written directly, as a seat is not the test's
    subject; `registration_create` (seats, waiting list, emails) has its own tests."""

    class Meta:
        model = Registration

    event = factory.SubFactory(TrainingFactory)
    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)
    status = RegistrationStatus.CONFIRMED


class RegistrationQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegistrationQuestion

    event = factory.SubFactory(TrainingFactory)
    kind = RegistrationQuestionKind.TEXT
    label = "Odeljenje"


class AttendanceFactory(factory.django.DjangoModelFactory):
    """A day of presence recorded by an organiser on the attendance sheet."""

    class Meta:
        model = Attendance

    registration = factory.SubFactory(RegistrationFactory)
    day = factory.LazyAttribute(lambda row: row.registration.event.starts_at.date())
    method = AttendanceMethod.ORGANISER


class LecturerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lecturer

    name = "Ana Jovanović"
    slug = factory.Sequence(lambda number: f"predavac-{number}")


class AgendaItemFactory(factory.django.DjangoModelFactory):
    """A session on an event's agenda; `lecturers=[…]` puts lecturers on it."""

    class Meta:
        model = AgendaItem
        skip_postgeneration_save = True

    event = factory.SubFactory(TrainingFactory)
    title = "Sesija"

    @factory.post_generation
    def lecturers(item, create, extracted, **kwargs):  # noqa: N805 - factory_boy's hook
        if create and extracted:
            item.lecturers.add(*extracted)


class FeedbackResponseFactory(factory.django.DjangoModelFactory):
    """An anonymous answer to an event's feedback form. Written directly, for reports on
    known answers; `feedback_submit` (who may answer, once) has its own tests."""

    class Meta:
        model = FeedbackResponse

    event = factory.SubFactory(TrainingFactory)
    rating = 4


class LecturerRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LecturerRating

    response = factory.SubFactory(FeedbackResponseFactory)
    lecturer = factory.SubFactory(LecturerFactory)
    rating = 5
