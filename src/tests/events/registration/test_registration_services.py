"""Registration rules: seats, the waiting list and its promotion, approval, the institution
limit, the window, questions, invitations, cancellation and expiry, with their emails and
audit-log entries."""

import io
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from django.utils.formats import date_format
from factories.events import RegistrationQuestionFactory

from glasnik.audit.models import AuditLogEntry
from glasnik.events.models import (
    EventInvitation,
    Registration,
    RegistrationQuestionKind,
    RegistrationStatus,
)
from glasnik.events.services.registration import (
    event_invitations_send,
    registration_approve,
    registration_cancel,
    registration_create,
    registration_decline,
)
from glasnik.events.services.waitlist import (
    OfferExpiredError,
    registration_expire_due_offers,
    registration_offer_confirm,
)
from glasnik.programs.models import Enrolment, EnrolmentStatus

pytestmark = pytest.mark.django_db

Status = RegistrationStatus


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a service and what it queues after the commit (emails, tasks)."""

    def run(function, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(**kwargs)

    return run


def register(commit, event, person, **kwargs):
    return commit(registration_create, event=event, person=person, **kwargs)


def test_registration_takes_a_seat_while_seats_remain_then_the_waiting_list(
    commit, make_training, make_participant, mailoutbox
):
    event = make_training(capacity=2)
    people = [make_participant() for _ in range(3)]

    outcomes = [register(commit, event, person) for person in people]

    assert [outcome.registration.status for outcome in outcomes] == [
        Status.CONFIRMED,
        Status.CONFIRMED,
        Status.WAITLISTED,
    ]
    assert outcomes[0].message == "Your seat is confirmed."
    assert outcomes[2].message.startswith(
        "The event is full: you are on the waiting list, number 1."
    )
    assert [message.subject for message in mailoutbox] == [
        f"[Glasnik] Your seat is confirmed: {event.title}",
        f"[Glasnik] Your seat is confirmed: {event.title}",
        f"[Glasnik] You are on the waiting list: {event.title}",
    ]
    assert mailoutbox[0].to == [people[0].email]
    assert outcomes[0].registration.organization is not None  # from the enrolment
    assert AuditLogEntry.objects.filter(action="events.registration.created").count() == 3


def test_confirmation_email_has_the_details_and_the_qr_code(
    commit, make_training, make_participant, mailoutbox
):
    event = make_training(capacity=5)
    person = make_participant()

    register(commit, event, person)

    message = mailoutbox[0]
    assert "Centar za obuku, Makedonska 22, Beograd" in message.body
    assert "Belgrade time (CE" in message.body  # the zone as people name it
    assert "Europe/Belgrade" not in message.body
    html = message.alternatives[0][0]
    assert 'src="data:image/png;base64,' in html
    assert f"/events/{event.pk}/register/" in message.body


def test_registering_twice_returns_the_registration_there_is(
    commit, make_training, make_participant, mailoutbox
):
    event = make_training()
    person = make_participant()
    first = register(commit, event, person)

    second = register(commit, event, person)

    assert second.created is False
    assert second.registration.pk == first.registration.pk
    assert second.message == ("You are already registered for this event. Your seat is confirmed.")
    assert Registration.objects.filter(event=event).count() == 1
    assert len(mailoutbox) == 1


def test_registration_before_the_window_names_the_opening_in_the_event_time_zone(
    commit, make_training, make_participant
):
    opens = timezone.now() + timedelta(days=2)
    opens = opens.replace(hour=8, minute=0, second=0, microsecond=0)  # 09:00 or 10:00 Belgrade
    event = make_training(registration_opens_at=opens)

    with pytest.raises(ValidationError) as error:
        register(commit, event, make_participant())

    local = timezone.localtime(opens, timezone=ZoneInfo("Europe/Belgrade"))
    assert error.value.messages == [
        f"Registration opens on {date_format(local, 'DATETIME_FORMAT')} Belgrade time "
        f"({local.tzname()})."
    ]
    assert local.hour in (9, 10)
    assert f"{local:%H}:00" in error.value.messages[0]


def test_registration_after_the_window_is_refused(commit, make_training, make_participant):
    event = make_training(registration_closes_at=timezone.now() - timedelta(hours=1))

    with pytest.raises(ValidationError) as error:
        register(commit, event, make_participant())

    assert error.value.messages[0].startswith("Registration closed on ")
    assert error.value.messages[0].endswith(" Belgrade time (CET).") or error.value.messages[
        0
    ].endswith(" Belgrade time (CEST).")
    assert not Registration.objects.exists()


def test_registration_is_refused_when_off_cancelled_or_started(
    commit, make_training, make_participant
):
    person = make_participant()
    off = make_training(registration_enabled=False)
    cancelled = make_training(status="cancelled")
    started = make_training(days=-0.1)

    messages = []
    for event in (off, cancelled, started):
        with pytest.raises(ValidationError) as error:
            register(commit, event, person)
        messages.append(error.value.messages)

    assert messages == [
        ["This event does not take registrations."],
        ["This event has been cancelled."],
        ["This event has already started; registration is closed."],
    ]


def test_only_enrolled_participants_register_for_a_programme_event(
    commit, make_training, make_person, program
):
    event = make_training()
    stranger = make_person()

    with pytest.raises(ValidationError) as error:
        register(commit, event, stranger)

    assert error.value.messages == [
        f"Only participants of “{program.name}” can register for this event. Please enrol in "
        "the programme first."
    ]


def test_a_pending_enrolment_is_not_enough(
    commit, make_training, make_person, program, make_organization
):
    event = make_training()
    person = make_person()
    Enrolment.objects.create(
        program=program,
        person=person,
        organization=make_organization(),
        status=EnrolmentStatus.PENDING,
    )

    with pytest.raises(ValidationError):
        register(commit, event, person)


def test_an_invitation_lets_someone_register_who_is_not_a_participant(
    commit, make_training, make_person, program_organiser, mailoutbox
):
    event = make_training()
    guest = make_person("gost@example.org")
    new, skipped = commit(
        event_invitations_send,
        event=event,
        actor=program_organiser,
        emails=["gost@example.org", "GOST@example.org", "drugi@example.org"],
        language="en",
    )
    assert [invitation.email for invitation in new] == ["gost@example.org", "drugi@example.org"]
    assert skipped == []
    assert [message.to for message in mailoutbox] == [["gost@example.org"], ["drugi@example.org"]]
    invitation = EventInvitation.objects.get(email="gost@example.org")
    assert f"/events/invitations/{invitation.token}/" in mailoutbox[0].body

    outcome = register(commit, event, guest, invitation_token=invitation.token)

    assert outcome.registration.status == Status.CONFIRMED
    invitation.refresh_from_db()
    assert invitation.used_at is not None
    again, skipped = commit(
        event_invitations_send,
        event=event,
        actor=program_organiser,
        emails=["gost@example.org"],
        language="en",
    )
    assert (again, skipped) == ([], ["gost@example.org"])


def test_an_invitation_for_another_event_does_not_open_this_one(commit, make_training, make_person):
    event, other = make_training(), make_training()
    invitation = EventInvitation.objects.create(event=other, email="gost@example.org")

    with pytest.raises(ValidationError):
        register(commit, event, make_person(), invitation_token=invitation.token)


def test_the_per_institution_limit_counts_seats_pending_and_waiting(
    commit, make_training, make_participant, make_organization
):
    town = make_organization("Opština Kula")
    event = make_training(capacity=1, per_organization_limit=2)
    first, second, third = (make_participant(organization=town) for _ in range(3))
    register(commit, event, first)
    register(commit, event, second)  # waiting list: still counts

    with pytest.raises(ValidationError) as error:
        register(commit, event, third)

    assert error.value.message_dict == {
        "organization": [
            "At most 2 people from one institution can register for this event, and "
            "Opština Kula already has 2."
        ]
    }


def test_a_cancelled_registration_frees_the_institution_place(
    commit, make_training, make_participant, make_organization
):
    town = make_organization("Opština Kula")
    event = make_training(capacity=5, per_organization_limit=1)
    first, second = make_participant(organization=town), make_participant(organization=town)
    registration = register(commit, event, first).registration
    commit(registration_cancel, registration=registration, actor=first)

    assert register(commit, event, second).registration.status == Status.CONFIRMED


def test_required_questions_must_be_answered_and_choices_come_from_the_list(
    commit, make_training, make_participant
):
    event = make_training()
    diet = RegistrationQuestionFactory(
        event=event,
        kind=RegistrationQuestionKind.CHOICE,
        label="Ishrana",
        options="Bez ograničenja\nVegetarijanska",
    )
    note = RegistrationQuestionFactory(
        event=event, kind=RegistrationQuestionKind.TEXT, label="Napomena", is_required=False
    )
    person = make_participant()

    with pytest.raises(ValidationError) as error:
        register(commit, event, person, answers={})
    assert error.value.message_dict == {f"question_{diet.pk}": ["Please answer this question."]}
    with pytest.raises(ValidationError) as error:
        register(commit, event, person, answers={str(diet.pk): "Riba"})
    assert error.value.message_dict == {f"question_{diet.pk}": ["Choose one of the options."]}

    outcome = register(commit, event, person, answers={diet.pk: "Vegetarijanska", note.pk: " "})

    assert outcome.registration.answers == {str(diet.pk): "Vegetarijanska"}


def test_approval_keeps_registrations_pending_until_the_organisers_decide(
    commit, make_training, make_participant, program_organiser, mailoutbox
):
    event = make_training(capacity=1, requires_approval=True)
    first, second, third = (make_participant() for _ in range(3))
    pending = [register(commit, event, person).registration for person in (first, second, third)]
    assert [registration.status for registration in pending] == [Status.PENDING] * 3
    assert mailoutbox[0].subject == f"[Glasnik] Registration received: {event.title}"
    mailoutbox.clear()

    approved = commit(registration_approve, registration=pending[0], actor=program_organiser)
    waiting = commit(registration_approve, registration=pending[1], actor=program_organiser)
    declined = commit(registration_decline, registration=pending[2], actor=program_organiser)

    assert (approved.status, waiting.status, declined.status) == (
        Status.CONFIRMED,
        Status.WAITLISTED,
        Status.DECLINED,
    )
    assert [message.subject for message in mailoutbox] == [
        f"[Glasnik] Your seat is confirmed: {event.title}",
        f"[Glasnik] You are on the waiting list: {event.title}",
        f"[Glasnik] Your registration was not accepted: {event.title}",
    ]
    assert list(
        AuditLogEntry.objects.filter(action__startswith="events.registration.")
        .exclude(action="events.registration.created")
        .order_by("pk")
        .values_list("action", "actor")
    ) == [
        ("events.registration.approved", program_organiser.pk),
        ("events.registration.approved", program_organiser.pk),
        ("events.registration.declined", program_organiser.pk),
    ]
    with pytest.raises(ValidationError):
        commit(registration_approve, registration=declined, actor=program_organiser)
    with pytest.raises(ValidationError) as error:
        register(commit, event, third)
    assert "declined your registration" in error.value.messages[0]


def _full_event_with_waiting(commit, make_training, make_participant, waiting: int = 2):
    event = make_training(capacity=1, offer_hours=24)
    holder = make_participant()
    held = register(commit, event, holder).registration
    queue = [register(commit, event, make_participant()).registration for _ in range(waiting)]
    return event, holder, held, queue


def test_cancelling_offers_the_seat_to_the_first_waiting_with_a_deadline(
    commit, make_training, make_participant, mailoutbox
):
    event, holder, held, queue = _full_event_with_waiting(commit, make_training, make_participant)
    mailoutbox.clear()
    before = timezone.now()

    commit(registration_cancel, registration=held, actor=holder)

    first, second = (Registration.objects.get(pk=registration.pk) for registration in queue)
    assert first.status == Status.OFFERED
    assert (
        before + timedelta(hours=24)
        <= first.offer_expires_at
        <= timezone.now() + timedelta(hours=24)
    )
    assert second.status == Status.WAITLISTED
    assert [(message.to, message.subject) for message in mailoutbox] == [
        ([holder.email], f"[Glasnik] Registration cancelled: {event.title}"),
        ([first.person.email], f"[Glasnik] A seat is free for you: {event.title}"),
    ]
    assert "Belgrade time (CE" in mailoutbox[1].body
    assert f"/events/{event.pk}/register/" in mailoutbox[1].body
    assert AuditLogEntry.objects.filter(
        action="events.registration.offered", target_id=first.pk
    ).exists()


def test_confirming_an_offer_makes_the_seat_confirmed(
    commit, make_training, make_participant, mailoutbox
):
    event, holder, held, queue = _full_event_with_waiting(commit, make_training, make_participant)
    commit(registration_cancel, registration=held, actor=holder)
    mailoutbox.clear()
    offered = Registration.objects.get(pk=queue[0].pk)

    confirmed = commit(registration_offer_confirm, registration=offered, person=offered.person)

    assert confirmed.status == Status.CONFIRMED
    assert confirmed.offer_expires_at is None
    assert [message.subject for message in mailoutbox] == [
        f"[Glasnik] Your seat is confirmed: {event.title}"
    ]


def test_an_offer_not_confirmed_in_time_expires_and_moves_on(
    commit, make_training, make_participant, mailoutbox
):
    event, holder, held, queue = _full_event_with_waiting(commit, make_training, make_participant)
    commit(registration_cancel, registration=held, actor=holder)
    mailoutbox.clear()
    later = timezone.now() + timedelta(hours=25)

    assert commit(registration_expire_due_offers, now=later) == 1
    assert commit(registration_expire_due_offers, now=later) == 0  # idempotent

    first, second = (Registration.objects.get(pk=registration.pk) for registration in queue)
    assert first.status == Status.EXPIRED
    assert second.status == Status.OFFERED
    assert [(message.to, message.subject) for message in mailoutbox] == [
        ([first.person.email], f"[Glasnik] The seat offered to you has gone: {event.title}"),
        ([second.person.email], f"[Glasnik] A seat is free for you: {event.title}"),
    ]


def test_confirming_too_late_expires_the_offer_and_says_so(commit, make_training, make_participant):
    _event, holder, held, queue = _full_event_with_waiting(commit, make_training, make_participant)
    commit(registration_cancel, registration=held, actor=holder)
    Registration.objects.filter(pk=queue[0].pk).update(
        offer_expires_at=timezone.now() - timedelta(minutes=1)
    )
    offered = Registration.objects.get(pk=queue[0].pk)

    with pytest.raises(OfferExpiredError) as error:
        commit(registration_offer_confirm, registration=offered, person=offered.person)

    assert error.value.messages[0].startswith("The offer expired on ")
    assert Registration.objects.get(pk=queue[0].pk).status == Status.EXPIRED
    assert Registration.objects.get(pk=queue[1].pk).status == Status.OFFERED


def test_the_expire_command_catches_missed_offers(commit, make_training, make_participant):
    _event, holder, held, queue = _full_event_with_waiting(commit, make_training, make_participant)
    commit(registration_cancel, registration=held, actor=holder)
    Registration.objects.filter(pk=queue[0].pk).update(
        offer_expires_at=timezone.now() - timedelta(minutes=1)
    )

    call_command("registration_expire_offers", stdout=io.StringIO())

    assert Registration.objects.get(pk=queue[0].pk).status == Status.EXPIRED
    assert Registration.objects.get(pk=queue[1].pk).status == Status.OFFERED


def test_a_new_registrant_does_not_jump_the_waiting_list(commit, make_training, make_participant):
    event, _holder, _held, queue = _full_event_with_waiting(commit, make_training, make_participant)
    event.capacity = 3
    event.save(update_fields=["capacity"])

    late = register(commit, event, make_participant()).registration

    assert late.status == Status.WAITLISTED
    assert [Registration.objects.get(pk=r.pk).status for r in queue] == [Status.OFFERED] * 2


def test_organisers_cancel_on_someones_behalf(
    commit, make_training, make_participant, program_organiser, mailoutbox
):
    event, _holder, held, queue = _full_event_with_waiting(commit, make_training, make_participant)
    mailoutbox.clear()

    commit(registration_cancel, registration=held, actor=program_organiser)

    assert mailoutbox[0].subject == f"[Glasnik] Your registration was cancelled: {event.title}"
    assert Registration.objects.get(pk=queue[0].pk).status == Status.OFFERED
    entry = AuditLogEntry.objects.get(action="events.registration.cancelled")
    assert (entry.actor_id, entry.data) == (program_organiser.pk, {"by": "organiser"})


def test_cancelling_twice_is_refused(commit, make_training, make_participant):
    event = make_training()
    person = make_participant()
    registration = register(commit, event, person).registration
    commit(registration_cancel, registration=registration, actor=person)

    with pytest.raises(ValidationError) as error:
        commit(registration_cancel, registration=registration, actor=person)

    assert error.value.messages == ["This registration is not active."]


def test_registering_again_after_cancelling_goes_to_the_end_of_the_queue(
    commit, make_training, make_participant
):
    event, _holder, _held, queue = _full_event_with_waiting(commit, make_training, make_participant)
    waiting = queue[1]
    commit(registration_cancel, registration=waiting, actor=waiting.person)

    again = register(commit, event, waiting.person)

    assert again.created is True
    assert again.registration.pk == waiting.pk
    assert again.registration.status == Status.WAITLISTED
    assert again.message.startswith("The event is full: you are on the waiting list, number 2.")


def test_emails_go_out_in_the_recipients_language(
    commit, make_training, make_participant, mailoutbox
):
    event = make_training()
    person = make_participant(language="sl", first_name="Ana")

    register(commit, event, person)

    # The greeting of every email comes from the shared layout, already translated.
    assert "Ana" in mailoutbox[0].body
    assert not mailoutbox[0].body.startswith("Hello")


def test_registering_for_an_open_programmes_event_enrols_the_person(
    commit, make_training, make_person, make_organization, program
):
    program.enrolment_policy = "open"
    program.save(update_fields=["enrolment_policy"])
    event = make_training(visibility="public")
    person = make_person()
    town = make_organization("Opština Kula")

    with pytest.raises(ValidationError) as error:
        register(commit, event, person)
    assert list(error.value.message_dict) == ["organization"]

    outcome = register(commit, event, person, organization=town)

    assert outcome.registration.status == Status.CONFIRMED
    assert outcome.registration.organization == town
    enrolment = Enrolment.objects.get(program=program, person=person)
    assert (enrolment.status, enrolment.organization) == (EnrolmentStatus.ENROLLED, town)
