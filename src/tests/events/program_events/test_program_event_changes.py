"""Changing a programme's event reaches the people registered for it."""

from datetime import timedelta

import pytest
from django.core import mail
from factories.events import RegistrationFactory

from glasnik.events.models import Registration, RegistrationStatus
from glasnik.events.services.programs import program_event_update

pytestmark = pytest.mark.django_db


def _register(event, enrolment, status):
    return RegistrationFactory(
        event=event,
        person=enrolment.person,
        organization=enrolment.organization,
        status=status,
    )


def test_raising_the_capacity_offers_the_new_seat_to_the_first_waiting(
    make_event, make_enrolment, program_organiser
):
    event = make_event(registration_enabled=True, capacity=1)
    _register(event, make_enrolment(), RegistrationStatus.CONFIRMED)
    first = _register(event, make_enrolment(), RegistrationStatus.WAITLISTED)
    second = _register(event, make_enrolment(), RegistrationStatus.WAITLISTED)
    Registration.objects.filter(pk=first.pk).update(waitlisted_at=first.created_at)
    Registration.objects.filter(pk=second.pk).update(
        waitlisted_at=first.created_at + timedelta(seconds=1)
    )

    program_event_update(event=event, actor=program_organiser, capacity=2)

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == RegistrationStatus.OFFERED
    assert first.offer_expires_at is not None
    assert second.status == RegistrationStatus.WAITLISTED


def test_a_new_start_time_is_emailed_to_everyone_registered_but_not_to_the_cancelled(
    make_event, make_enrolment, program_organiser, django_capture_on_commit_callbacks
):
    event = make_event(registration_enabled=True, capacity=5)
    confirmed = _register(event, make_enrolment(), RegistrationStatus.CONFIRMED)
    waiting = _register(event, make_enrolment(), RegistrationStatus.WAITLISTED)
    _register(event, make_enrolment(), RegistrationStatus.CANCELLED)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        program_event_update(
            event=event,
            actor=program_organiser,
            starts_at=event.starts_at + timedelta(hours=1),
            ends_at=event.ends_at + timedelta(hours=1),
        )

    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [confirmed.person.email, waiting.person.email]
    )
    assert all(event.title in message.subject for message in mail.outbox)


def test_a_new_description_is_not_emailed(
    make_event, make_enrolment, program_organiser, django_capture_on_commit_callbacks
):
    event = make_event(registration_enabled=True, capacity=5)
    _register(event, make_enrolment(), RegistrationStatus.CONFIRMED)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        program_event_update(event=event, actor=program_organiser, description="Nova agenda.")

    assert mail.outbox == []


def test_the_meeting_address_of_a_programme_event_leads_to_its_programme_page(client, make_event):
    event = make_event(visibility="public")

    response = client.get(f"/en/events/{event.pk}/")

    assert response.status_code == 302
    assert response["Location"] == f"/en/events/programme/{event.pk}/"
