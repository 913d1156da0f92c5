"""Reminders before events: scheduled when a seat is confirmed, re-checked when they run, and
sent once by the management command whatever happened to the worker."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from factories.events import RegistrationFactory

from glasnik.events.models import EventMode, Registration, RegistrationStatus
from glasnik.events.services.registration import registration_cancel, registration_create
from glasnik.events.tasks import registration_reminder_send

pytestmark = pytest.mark.django_db


def _remind() -> str:
    out = io.StringIO()
    call_command("events_send_reminders", stdout=out)
    return out.getvalue().strip()


def _confirmed(event, person):
    return RegistrationFactory(
        event=event, person=person, status=RegistrationStatus.CONFIRMED, organization=None
    )


def test_command_sends_due_reminders_once_with_the_online_link(
    make_training, make_participant, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_training(
        days=0.5,
        reminder_hours=24,
        mode=EventMode.ONLINE,
        venue_name="",
        online_url="https://meet.example.org/obuka",
    )
    registration = _confirmed(event, make_participant())
    _confirmed(make_training(days=3, reminder_hours=24), make_participant())  # not yet due
    _confirmed(make_training(days=0.5, reminder_hours=0), make_participant())  # no reminder
    RegistrationFactory(
        event=event,
        person=make_participant(),
        status=RegistrationStatus.WAITLISTED,
        organization=None,
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert _remind() == "1 reminders sent."
    with django_capture_on_commit_callbacks(execute=True):
        assert _remind() == "0 reminders sent."

    assert [message.to for message in mailoutbox] == [[registration.person.email]]
    assert mailoutbox[0].subject == f"[Glasnik] Reminder: {event.title}"
    assert "Link to join: https://meet.example.org/obuka" in mailoutbox[0].body
    assert Registration.objects.get(pk=registration.pk).reminder_sent_at is not None


def test_scheduled_reminder_waits_for_its_time_and_checks_the_start(
    make_training, make_participant, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_training(days=0.5, reminder_hours=24)
    registration = _confirmed(event, make_participant())

    registration_reminder_send.call(
        registration_id=registration.pk,
        starts_at=(event.starts_at + timedelta(hours=1)).isoformat(),
    )
    assert mailoutbox == []  # the event moved since it was scheduled

    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            registration_reminder_send.call(
                registration_id=registration.pk, starts_at=event.starts_at.isoformat()
            )
    assert len(mailoutbox) == 1


def test_scheduled_reminder_is_not_sent_after_cancelling(
    make_training, make_participant, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_training(days=0.5, reminder_hours=24)
    person = make_participant()
    registration = _confirmed(event, person)
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=registration, actor=person)
    mailoutbox.clear()

    registration_reminder_send.call(
        registration_id=registration.pk, starts_at=event.starts_at.isoformat()
    )

    assert mailoutbox == []
    assert _remind() == "0 reminders sent."


def test_reminder_before_its_time_is_not_sent(make_training, make_participant, mailoutbox):
    event = make_training(days=3, reminder_hours=24)
    registration = _confirmed(event, make_participant())

    registration_reminder_send.call(
        registration_id=registration.pk, starts_at=event.starts_at.isoformat()
    )

    assert mailoutbox == []


def test_confirmed_inside_the_reminder_window_gets_no_separate_reminder(
    make_training, make_participant, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_training(days=0.5, reminder_hours=24)
    with django_capture_on_commit_callbacks(execute=True):
        outcome = registration_create(event=event, person=make_participant())

    assert outcome.registration.reminder_sent_at is not None
    assert [message.subject for message in mailoutbox] == [
        f"[Glasnik] Your seat is confirmed: {event.title}"
    ]
    assert _remind() == "0 reminders sent."


def test_confirming_early_schedules_the_reminder_for_later(
    make_training, make_participant, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_training(days=5, reminder_hours=24)
    with django_capture_on_commit_callbacks(execute=True):
        outcome = registration_create(event=event, person=make_participant())

    # The tests' task backend runs at once; the task sees it is too early and waits.
    assert Registration.objects.get(pk=outcome.registration.pk).reminder_sent_at is None
    assert len(mailoutbox) == 1
    assert timezone.now() < event.starts_at - timedelta(hours=24)
