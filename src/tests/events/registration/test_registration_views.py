"""Registration pages: the participant's page and buttons, their list, the organisers' table
with counts, filters, decisions and export, invitations, the calendar file and feed."""

import io
from datetime import timedelta

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from factories.events import RegistrationFactory, RegistrationQuestionFactory

from glasnik.events.models import (
    EventInvitation,
    EventMode,
    Registration,
    RegistrationQuestionKind,
    RegistrationStatus,
    Visibility,
)
from glasnik.events.services.rsvp import calendar_token_get

pytestmark = pytest.mark.django_db

Status = RegistrationStatus


def _seat(event, person, status=Status.CONFIRMED, **fields):
    return RegistrationFactory(
        event=event,
        person=person,
        status=status,
        waitlisted_at=timezone.now() if status == Status.WAITLISTED else None,
        **{"organization": None, **fields},
    )


def test_participant_registers_and_sees_the_seat_and_the_qr_code(
    client, make_training, make_participant, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_training(capacity=3)
    diet = RegistrationQuestionFactory(
        event=event, kind=RegistrationQuestionKind.YES_NO, label="Vegetarijanska ishrana?"
    )
    person = make_participant()
    client.force_login(person)
    url = reverse("events:register", args=[event.pk])

    page = client.get(url)
    assert page.status_code == 200
    assert "3 of 3 seats free" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {f"question_{diet.pk}": "yes"}, follow=True)

    registration = Registration.objects.get(event=event, person=person)
    assert registration.status == Status.CONFIRMED
    assert registration.answers == {str(diet.pk): "yes"}
    content = response.content.decode()
    assert "Your seat is confirmed." in content
    assert 'src="data:image/png;base64,' in content
    assert reverse("events:registration_ics", args=[event.pk]) in content
    assert len(mailoutbox) == 1


def test_registration_form_keeps_answers_and_explains_a_missing_one(
    client, make_training, make_participant
):
    event = make_training()
    required = RegistrationQuestionFactory(
        event=event, kind=RegistrationQuestionKind.TEXT, label="Radno mesto"
    )
    RegistrationQuestionFactory(
        event=event, kind=RegistrationQuestionKind.LONG_TEXT, label="Očekivanja", is_required=False
    )
    client.force_login(make_participant())

    response = client.post(reverse("events:register", args=[event.pk]), {})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        f"question_{required.pk}": ["This field is required."]
    }
    assert not Registration.objects.exists()


def test_full_event_offers_the_waiting_list(client, make_training, make_participant):
    event = make_training(capacity=1)
    _seat(event, make_participant())
    person = make_participant()
    client.force_login(person)

    page = client.get(reverse("events:register", args=[event.pk])).content.decode()
    response = client.post(reverse("events:register", args=[event.pk]), follow=True)

    assert "Full: new registrations go on the waiting list." in page
    assert "Join the waiting list" in page
    assert "you are on the waiting list, number 1" in response.content.decode()


def test_visitor_sees_how_to_log_in_or_sign_up_on_a_public_event(client, make_training):
    event = make_training(visibility=Visibility.PUBLIC)

    response = client.get(reverse("events:register", args=[event.pk]))

    content = response.content.decode()
    assert response.status_code == 200
    assert reverse("account_signup") + "?next=" in content
    assert "form" not in response.context or response.context["form"] is None


def test_members_only_event_is_hidden_from_strangers(client, make_training, make_person):
    event = make_training()
    client.force_login(make_person())

    assert client.get(reverse("events:register", args=[event.pk])).status_code == 404


def test_closed_registration_shows_the_reason_instead_of_the_form(
    client, make_training, make_participant
):
    event = make_training(registration_closes_at=timezone.now() - timedelta(days=1))
    client.force_login(make_participant())

    response = client.get(reverse("events:register", args=[event.pk]))

    assert response.context["closed_reason"].startswith("Registration closed on ")
    assert "form" not in response.context


def test_invitation_link_leads_a_stranger_to_register(
    client, make_training, make_person, django_capture_on_commit_callbacks
):
    event = make_training()
    invitation = EventInvitation.objects.create(event=event, email="gost@example.org")
    guest = make_person("gost@example.org")

    landing = client.get(reverse("events:invitation", args=[invitation.token]))
    register_url = f"{reverse('events:register', args=[event.pk])}?invitation={invitation.token}"
    assert landing.url == register_url
    anonymous = client.get(register_url).content.decode()
    assert "Create an account" in anonymous
    client.force_login(guest)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("events:register", args=[event.pk]), {"invitation": invitation.token})

    assert Registration.objects.get(event=event, person=guest).status == Status.CONFIRMED
    assert client.get(reverse("events:invitation", args=["wrong"])).status_code == 404


def test_participant_cancels_and_the_first_waiting_is_offered_then_confirms(
    client, make_training, make_participant, mailoutbox, django_capture_on_commit_callbacks
):
    event = make_training(capacity=1)
    holder, waiting = make_participant(), make_participant()
    _seat(event, holder)
    _seat(event, waiting, Status.WAITLISTED)
    client.force_login(holder)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("events:registration_cancel", args=[event.pk]))

    offered = Registration.objects.get(person=waiting)
    assert offered.status == Status.OFFERED
    client.force_login(waiting)
    page = client.get(reverse("events:register", args=[event.pk])).content.decode()
    assert "Confirm my seat" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:registration_confirm", args=[event.pk]), follow=True)
    assert "The seat is yours: your registration is confirmed." in response.content.decode()
    assert Registration.objects.get(person=waiting).status == Status.CONFIRMED


def test_online_link_shows_to_confirmed_people_shortly_before_the_start(
    client, make_training, make_participant
):
    soon = make_training(
        days=0.01, mode=EventMode.ONLINE, venue_name="", online_url="https://meet.example.org/x"
    )
    later = make_training(
        days=3, mode=EventMode.ONLINE, venue_name="", online_url="https://meet.example.org/y"
    )
    person = make_participant()
    _seat(soon, person)
    _seat(later, person)
    client.force_login(person)

    assert (
        "https://meet.example.org/x"
        in client.get(reverse("events:register", args=[soon.pk])).content.decode()
    )
    assert (
        "https://meet.example.org/y"
        not in client.get(reverse("events:register", args=[later.pk])).content.decode()
    )


def test_my_registrations_lists_upcoming_and_past(client, make_training, make_participant):
    person = make_participant()
    _seat(make_training(title="Buduća obuka"), person)
    _seat(make_training(title="Prošla obuka", days=-10), person)
    client.force_login(person)

    upcoming = client.get(reverse("events:my_registrations"))
    past = client.get(reverse("events:my_registrations"), {"when": "past"})

    assert [r.event.title for r in upcoming.context["page"]] == ["Buduća obuka"]
    assert [r.event.title for r in past.context["page"]] == ["Prošla obuka"]


@pytest.mark.parametrize("rows", [1, 30])
def test_my_registrations_query_count_does_not_grow_with_rows(
    client, make_training, make_participant, django_assert_num_queries, rows
):
    person = make_participant()
    for number in range(rows):
        _seat(make_training(days=1 + number), person)
    client.force_login(person)
    client.get(reverse("events:my_registrations"))

    with django_assert_num_queries(2):  # count, page (session and user are cached)
        response = client.get(reverse("events:my_registrations"))

    assert len(response.context["page"].object_list) == min(rows, 25)


def test_organiser_page_counts_filters_and_orders_the_waiting_list(
    client, make_training, make_participant, program_organiser, login_with_second_factor
):
    event = make_training(capacity=2)
    people = [make_participant(first_name=f"Osoba{number}") for number in range(5)]
    _seat(event, people[0])
    _seat(event, people[1], Status.OFFERED, offer_expires_at=timezone.now() + timedelta(days=1))
    later = _seat(event, people[2], Status.WAITLISTED)
    earlier = _seat(event, people[3], Status.WAITLISTED)
    Registration.objects.filter(pk=earlier.pk).update(
        waitlisted_at=later.waitlisted_at - timedelta(hours=1)
    )
    _seat(event, people[4], Status.PENDING)
    login_with_second_factor(client, program_organiser)
    url = reverse("events:registrations_manage", args=[event.pk])

    everyone = client.get(url)
    waitlist = client.get(url, {"status": "waitlisted"})

    counts = everyone.context["counts"]
    assert (
        counts["seats_taken"],
        counts["confirmed"],
        counts["waitlisted"],
        counts["pending"],
    ) == (
        2,
        1,
        2,
        1,
    )
    assert "2 of 2" in everyone.content.decode()
    assert [r.person.first_name for r in waitlist.context["page"]] == ["Osoba3", "Osoba2"]


def test_organiser_approves_and_cancels_from_the_table(
    client,
    make_training,
    make_participant,
    program_organiser,
    mailoutbox,
    django_capture_on_commit_callbacks,
    login_with_second_factor,
):
    event = make_training(capacity=1, requires_approval=True)
    pending = _seat(event, make_participant(), Status.PENDING)
    login_with_second_factor(client, program_organiser)
    decide = reverse("events:registration_decide", args=[event.pk, pending.pk])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(decide, {"decision": "approve"})
    assert Registration.objects.get(pk=pending.pk).status == Status.CONFIRMED
    with django_capture_on_commit_callbacks(execute=True):
        client.post(decide, {"decision": "cancel"})

    assert Registration.objects.get(pk=pending.pk).status == Status.CANCELLED
    assert len(mailoutbox) == 2


def test_participants_cannot_open_the_organisers_pages(client, make_training, make_participant):
    event = make_training()
    person = make_participant()
    registration = _seat(event, person)
    client.force_login(person)

    assert client.get(reverse("events:registrations_manage", args=[event.pk])).status_code == 404
    assert client.get(reverse("events:event_invitations", args=[event.pk])).status_code == 404
    decide = reverse("events:registration_decide", args=[event.pk, registration.pk])
    assert client.post(decide, {"decision": "cancel"}).status_code == 404
    assert Registration.objects.get(pk=registration.pk).status == Status.CONFIRMED


@pytest.mark.parametrize("rows", [1, 30])
def test_organiser_page_query_count_does_not_grow_with_rows(
    client,
    make_training,
    make_participant,
    program_organiser,
    django_assert_num_queries,
    rows,
    login_with_second_factor,
):
    event = make_training(capacity=100)
    for _ in range(rows):
        _seat(event, make_participant())
    login_with_second_factor(client, program_organiser)
    url = reverse("events:registrations_manage", args=[event.pk])
    client.get(url)

    # event, count, page (with people and institutions), counts by status
    with django_assert_num_queries(4):
        response = client.get(url)

    assert len(response.context["page"].object_list) == min(rows, 25)


def test_export_has_every_registration_with_answers(
    client,
    make_training,
    make_participant,
    program_organiser,
    make_organization,
    login_with_second_factor,
):
    event = make_training()
    question = RegistrationQuestionFactory(
        event=event, kind=RegistrationQuestionKind.TEXT, label="Radno mesto"
    )
    person = make_participant(first_name="Ana", last_name="Anić")
    _seat(
        event,
        person,
        organization=make_organization("Opština Kula"),
        answers={str(question.pk): "=PR služba"},
    )
    login_with_second_factor(client, program_organiser)
    url = reverse("events:registrations_manage", args=[event.pk])

    csv = client.get(url, {"export": "csv"}).content.decode("utf-8-sig")
    xlsx = client.get(url, {"export": "xlsx"})

    lines = csv.splitlines()
    assert lines[0] == (
        "Name,Email,Institution,Status,Registered,Waiting since,Offer expires,Radno mesto"
    )
    assert lines[1].startswith(f"Ana Anić,{person.email},Opština Kula,Confirmed,")
    assert lines[1].endswith(",,,'=PR služba")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["A2"].value == "Ana Anić"


def test_organiser_sends_invitations_and_sees_them(
    client,
    make_training,
    program_organiser,
    mailoutbox,
    django_capture_on_commit_callbacks,
    login_with_second_factor,
):
    event = make_training()
    login_with_second_factor(client, program_organiser)
    url = reverse("events:event_invitations", args=[event.pk])

    bad = client.post(url, {"emails": "ana@example.org, nije-adresa"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"emails": "ana@example.org\nbora@example.org"})

    assert bad.context["form"].errors == {"emails": ["These are not email addresses: nije-adresa"]}
    assert sorted(EventInvitation.objects.values_list("email", flat=True)) == [
        "ana@example.org",
        "bora@example.org",
    ]
    assert sorted(message.to[0] for message in mailoutbox) == [
        "ana@example.org",
        "bora@example.org",
    ]
    assert "ana@example.org" in client.get(url).content.decode()


def test_registration_ics_is_for_registered_people(client, make_training, make_participant):
    event = make_training()
    person = make_participant()
    _seat(event, person)
    client.force_login(person)

    response = client.get(reverse("events:registration_ics", args=[event.pk]))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert b"SUMMARY:Obuka: komunikacija na dru" in response.content
    client.force_login(make_participant())
    assert client.get(reverse("events:registration_ics", args=[event.pk])).status_code == 404


def test_personal_feed_has_the_confirmed_programme_events(client, make_training, make_participant):
    person = make_participant()
    confirmed = make_training(title="Moja obuka")
    waiting = make_training(title="Lista čekanja")
    make_training(title="Tuđa obuka")
    _seat(confirmed, person)
    _seat(waiting, person, Status.WAITLISTED)
    token = calendar_token_get(person=person)

    content = client.get(reverse("events:personal_feed", args=[token.token])).content.decode()

    assert "SUMMARY:Moja obuka" in content
    assert "Lista čekanja" not in content
    assert "Tuđa obuka" not in content
    assert f"URL:http://127.0.0.1:8000{confirmed.urls.public}" in content


def test_registration_box_shows_state_and_buttons(rf, make_training, make_participant):
    from django.template.loader import render_to_string

    from glasnik.events.views.program import registration_box

    event = make_training(capacity=1)
    person = make_participant()
    request = rf.get("/")
    request.user = person

    def box() -> str:
        context = {"event": event, "box": registration_box(person, event)}
        return render_to_string("events/program/_registration_box.html", context, request=request)

    empty = box()
    _seat(event, person, Status.OFFERED, offer_expires_at=timezone.now() + timedelta(days=1))
    offered = box()

    assert "1 of 1 seats free" in empty
    assert reverse("events:register", args=[event.pk]) in empty
    assert "Confirm my seat" in offered
    assert "Cancel my registration" in offered
