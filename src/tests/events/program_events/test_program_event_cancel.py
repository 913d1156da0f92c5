"""Cancelling a programme's event: the organisers confirm what it does; everyone registered,
offered a seat, waiting or waiting for approval is told in their own language and script;
registration closes, no seat moves, no reminder goes out, no certificate is issued; the event's
page and the programme's page show it; 404 for everyone who does not organise it."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from factories.events import RegistrationFactory

from glasnik.audit.models import AuditLogEntry
from glasnik.certificates.services import certificate_issue, certificates_issue_bulk_start
from glasnik.events import tasks
from glasnik.events.models import EventStatus, RegistrationStatus
from glasnik.events.services.cancellation import event_cancel
from glasnik.events.services.registration import (
    registration_approve,
    registration_cancel,
    registration_create,
)
from glasnik.events.services.waitlist import (
    registration_expire_due_offers,
    registration_offer_confirm,
)

pytestmark = pytest.mark.django_db

Status = RegistrationStatus


@pytest.fixture
def registered(make_enrolment, make_event):
    """An event with two seats: confirmed (Serbian in Cyrillic), offered (Slovenian), waiting
    (English), pending (Bosnian) and one who cancelled long ago."""
    event = make_event(capacity=2, days=10)
    now = timezone.now()
    people = {}
    for status, language, name in (
        (Status.CONFIRMED, "sr", "Marko"),
        (Status.OFFERED, "sl", "Mojca"),
        (Status.WAITLISTED, "en", "Emma"),
        (Status.PENDING, "bs", "Amra"),
        (Status.CANCELLED, "hr", "Ivana"),
    ):
        enrolment = make_enrolment(language=language, first_name=name)
        RegistrationFactory(
            event=event,
            person=enrolment.person,
            organization=enrolment.organization,
            status=status,
            confirmed_at=now if status == Status.CONFIRMED else None,
            waitlisted_at=now - timedelta(hours=1),
            offer_expires_at=now + timedelta(hours=5) if status == Status.OFFERED else None,
            cancelled_at=now if status == Status.CANCELLED else None,
        )
        people[name] = enrolment.person
    return event, people


def test_program_event_cancel_tells_everyone_registered_or_waiting_in_their_language(
    registered, program_organiser, mailoutbox, django_capture_on_commit_callbacks
):
    event, people = registered

    with django_capture_on_commit_callbacks(execute=True):
        event_cancel(event=event, actor=program_organiser, reason="Predavač je bolestan.")

    by_name = {message.to[0]: message for message in mailoutbox}
    assert sorted(by_name) == sorted(
        people[name].email for name in ("Marko", "Mojca", "Emma", "Amra")
    )
    serbian = by_name[people["Marko"].email]
    assert serbian.subject == "[Гласник] Отказано: Дводневни тренинг"
    assert "Предавач је болестан." in serbian.body
    assert "Имали сте место: не морате ништа да радите." in serbian.body
    slovenian = by_name[people["Mojca"].email]
    assert slovenian.subject == "[Glasnik] Odpovedano: Dvodnevni trening"
    assert "Ponujenega mesta ne morete več sprejeti." in slovenian.body
    english = by_name[people["Emma"].email]
    assert "You were on its waiting list: there is nothing you need to do." in english.body
    assert "Predavač je bolestan." in english.body
    bosnian = by_name[people["Amra"].email]
    assert "Vaša prijava, koja je čekala odobrenje organizatora, neće biti razmatrana." in (
        bosnian.body
    )


def test_program_event_cancel_is_logged_and_keeps_the_registrations(registered, program_organiser):
    event, _people = registered

    event_cancel(event=event, actor=program_organiser, reason="  Predavač je bolestan. ")

    event.refresh_from_db()
    assert (event.status, event.cancellation_reason) == (
        EventStatus.CANCELLED,
        "Predavač je bolestan.",
    )
    entry = AuditLogEntry.objects.get(action="events.program_event.cancelled")
    assert (entry.actor, entry.target_id, entry.scope_id, entry.data) == (
        program_organiser,
        event.pk,
        event.program_id,
        {"registrations": 4, "answers": 0},
    )
    assert sorted(event.registrations.values_list("status", flat=True)) == sorted(
        [Status.CONFIRMED, Status.OFFERED, Status.WAITLISTED, Status.PENDING, Status.CANCELLED]
    )


def test_program_event_cancel_twice_tells_people_once(
    registered, program_organiser, mailoutbox, django_capture_on_commit_callbacks
):
    event, _people = registered
    with django_capture_on_commit_callbacks(execute=True):
        event_cancel(event=event, actor=program_organiser, reason="Prvi put")
    with django_capture_on_commit_callbacks(execute=True):
        event_cancel(event=event, actor=program_organiser, reason="Drugi put")

    event.refresh_from_db()
    assert len(mailoutbox) == 4
    assert event.cancellation_reason == "Prvi put"
    assert AuditLogEntry.objects.filter(action="events.program_event.cancelled").count() == 1


def test_program_event_cancel_after_the_end_is_refused(make_event, program_organiser):
    event = make_event(days=-3)

    with pytest.raises(ValidationError, match="This event is over"):
        event_cancel(event=event, actor=program_organiser)

    event.refresh_from_db()
    assert event.status == EventStatus.SCHEDULED


def test_cancelled_event_takes_no_registration_and_moves_no_seat(
    registered, program_organiser, make_enrolment, mailoutbox, django_capture_on_commit_callbacks
):
    event, people = registered
    event_cancel(event=event, actor=program_organiser)
    confirmed = event.registrations.get(person=people["Marko"])
    offered = event.registrations.get(person=people["Mojca"])
    pending = event.registrations.get(person=people["Amra"])

    with pytest.raises(ValidationError, match="This event has been cancelled"):
        registration_create(event=event, person=make_enrolment().person)
    with pytest.raises(ValidationError, match="This event has been cancelled"):
        registration_offer_confirm(registration=offered, person=people["Mojca"])
    with pytest.raises(ValidationError, match="This event has been cancelled"):
        registration_approve(registration=pending, actor=program_organiser)
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=confirmed, actor=people["Marko"])
        expired = registration_expire_due_offers(now=timezone.now() + timedelta(hours=6))

    assert expired == 0
    assert dict(event.registrations.values_list("person__first_name", "status")) == {
        "Marko": Status.CANCELLED,
        "Mojca": Status.OFFERED,
        "Emma": Status.WAITLISTED,
        "Amra": Status.PENDING,
        "Ivana": Status.CANCELLED,
    }
    # Marko hears that his registration is cancelled; nobody is offered his seat.
    assert [message.to[0] for message in mailoutbox] == [people["Marko"].email]


def test_cancelled_event_sends_no_reminder(registered, program_organiser, mailoutbox):
    event, people = registered
    event.reminder_hours = 24 * 30
    event.save(update_fields=["reminder_hours"])
    event_cancel(event=event, actor=program_organiser)
    registration = event.registrations.get(person=people["Marko"])

    tasks.registration_reminder_send.call(
        registration_id=registration.pk, starts_at=event.starts_at.isoformat()
    )

    registration.refresh_from_db()
    assert (mailoutbox, registration.reminder_sent_at) == ([], None)


def test_cancelled_event_gives_no_certificate(make_event, make_enrolment, program_organiser):
    event = make_event(days=1)
    enrolment = make_enrolment()
    registration = RegistrationFactory(
        event=event,
        person=enrolment.person,
        organization=enrolment.organization,
        status=Status.CONFIRMED,
    )
    event_cancel(event=event, actor=program_organiser)
    registration.refresh_from_db()

    with pytest.raises(ValidationError) as refused:
        certificate_issue(registration=registration, actor=program_organiser)
    with pytest.raises(ValidationError) as bulk_refused:
        certificates_issue_bulk_start(event=event, actor=program_organiser)

    reason = "“Dvodnevni trening” was cancelled; no certificate is issued for it."
    assert refused.value.messages == [reason]
    assert bulk_refused.value.messages == [reason]


# --- pages ----------------------------------------------------------------------------------


def test_cancel_page_says_what_cancelling_does(program_organiser_client, registered):
    event, _people = registered

    response = program_organiser_client.get(reverse("events:program_event_cancel", args=[event.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    for text in (
        "1 person with a seat",
        "1 person offered a seat",
        "1 person on the waiting list",
        "1 person waiting for your approval",
        "no seat is offered from the waiting list and no reminder goes out",
        "No certificate is issued for the event",
        "A cancelled event cannot be restored or changed.",
    ):
        assert text in page


def test_organiser_cancels_and_the_pages_show_it(program_organiser_client, registered, program):
    event, _people = registered

    response = program_organiser_client.post(
        reverse("events:program_event_cancel", args=[event.pk]),
        {"reason": "Sala nije dostupna."},
        follow=True,
    )

    page = response.content.decode()
    assert response.redirect_chain == [
        (reverse("events:program_event_detail", args=[event.pk]), 302)
    ]
    assert "This event has been cancelled." in page
    assert "Sala nije dostupna." in page
    assert "This event has been cancelled: registration is closed." in page
    assert reverse("events:program_event_cancel", args=[event.pk]) not in page
    assert reverse("events:program_event_edit", args=[event.pk]) not in page
    program_page = program_organiser_client.get(reverse("programs:detail", args=[program.slug]))
    assert '<strong class="tag tag-error">Cancelled</strong>' in program_page.content.decode()


def test_cancel_page_of_a_past_event_says_it_is_too_late(program_organiser_client, make_event):
    event = make_event(days=-3)

    response = program_organiser_client.post(
        reverse("events:program_event_cancel", args=[event.pk]), {"reason": ""}
    )

    assert response.status_code == 200
    assert "This event is over; it can no longer be cancelled." in response.content.decode()
    event.refresh_from_db()
    assert event.status == EventStatus.SCHEDULED


@pytest.mark.parametrize("who", ["participant", "outsider", "anonymous"])
def test_cancel_page_is_404_for_everyone_but_the_organisers(client, registered, make_person, who):
    event, people = registered
    if who == "participant":
        client.force_login(people["Marko"])
    elif who == "outsider":
        client.force_login(make_person())
    url = reverse("events:program_event_cancel", args=[event.pk])

    responses = [client.get(url), client.post(url, {"reason": "x"})]

    expected = 302 if who == "anonymous" else 404
    assert [response.status_code for response in responses] == [expected, expected]
    event.refresh_from_db()
    assert event.status == EventStatus.SCHEDULED
