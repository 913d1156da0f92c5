"""An event's pages are defined once, on the model (`event.urls`): a programme's event and a
network meeting each have one public page, and attendance, registration, iCalendar, emails and
templates all send people to it."""

import icalendar
import pytest
from django.core import mail
from django.urls import reverse
from factories.events import RegistrationFactory

from glasnik.events.models import EventInvitation, RegistrationStatus, Visibility
from glasnik.events.tasks import meeting_changed_notify, registration_email

pytestmark = pytest.mark.django_db


def test_programme_event_pages(make_training):
    event = make_training()

    assert event.urls.public == reverse("events:program_event_detail", args=[event.pk])
    assert event.urls.edit == reverse("events:program_event_edit", args=[event.pk])
    assert event.urls.cancel == reverse("events:program_event_cancel", args=[event.pk])
    assert event.urls.agenda == reverse("events:program_event_agenda", args=[event.pk])
    assert event.urls.register == reverse("events:register", args=[event.pk])
    assert event.urls.registrations == reverse("events:registrations_manage", args=[event.pk])
    assert event.urls.ical == reverse("events:meeting_ics", args=[event.pk])
    assert event.urls.registration_ical == reverse("events:registration_ics", args=[event.pk])


def test_network_meeting_pages(make_meeting):
    event = make_meeting()

    assert event.urls.public == reverse("events:meeting_detail", args=[event.pk])
    assert event.urls.edit == reverse("events:meeting_edit", args=[event.pk])
    assert event.urls.cancel == reverse("events:meeting_cancel", args=[event.pk])
    assert event.urls.agenda == reverse("events:meeting_agenda", args=[event.pk])


def test_meeting_address_of_a_programme_event_leads_to_its_public_page(
    client, make_training, make_participant
):
    event = make_training(visibility=Visibility.PUBLIC)

    response = client.get(reverse("events:meeting_detail", args=[event.pk]))

    assert response.status_code == 302
    assert response.url == event.urls.public


def test_attendance_page_links_to_the_public_page(client, make_training, make_participant):
    event = make_training()
    person = make_participant()
    RegistrationFactory(
        event=event, person=person, status=RegistrationStatus.CONFIRMED, organization=None
    )
    client.force_login(person)

    content = client.get(reverse("events:my_attendance", args=[event.pk])).content.decode()

    assert f'<a href="{event.urls.public}"' in content


def test_invitation_leads_to_the_register_page(client, make_training):
    event = make_training()
    invitation = EventInvitation.objects.create(event=event, email="pozvan@example.org")

    response = client.get(reverse("events:invitation", args=[invitation.token]))

    assert response.url == f"{event.urls.register}?invitation={invitation.token}"


def test_icalendar_entry_links_to_the_public_page(client, make_training, make_meeting, member):
    training = make_training(visibility=Visibility.PUBLIC)
    meeting = make_meeting()
    for event in (training, meeting):
        client.force_login(member)
        response = client.get(event.urls.ical)
        [vevent] = icalendar.Calendar.from_ical(response.content).events
        assert str(vevent["url"]) == f"http://127.0.0.1:8000{event.urls.public}"


def test_emails_link_to_the_public_and_register_pages(
    make_training, make_participant, make_meeting, member, django_capture_on_commit_callbacks
):
    meeting = make_meeting()
    training = make_training()
    registration = RegistrationFactory(
        event=training,
        person=make_participant(),
        status=RegistrationStatus.CONFIRMED,
        organization=None,
    )

    with django_capture_on_commit_callbacks(execute=True):
        meeting_changed_notify.call(event_id=meeting.pk, person_ids=[member.pk])
        registration_email.call(
            registration_id=registration.pk, template="events/email/registration_confirmed"
        )

    meeting_mail, registration_mail = mail.outbox
    assert f"http://127.0.0.1:8000{meeting.urls.public}" in meeting_mail.body
    assert f"http://127.0.0.1:8000{training.urls.register}" in registration_mail.body
