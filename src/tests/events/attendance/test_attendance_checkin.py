"""Check-in on a phone: the list with search and buttons, the QR code of a confirmation, and
self check-in with the room code (with its rate limit)."""

from datetime import timedelta

import pytest
from belgrade_days import belgrade_today, registration_of
from django.urls import reverse
from factories.events import AgendaItemFactory

from glasnik.audit.models import AuditLogEntry
from glasnik.events.models import (
    Attendance,
    AttendanceMethod,
    CheckinCode,
    RegistrationStatus,
)
from glasnik.events.services.attendance import (
    CODE_ALPHABET,
    SELF_CHECKIN_ATTEMPTS,
    checkin_code_create,
)
from glasnik.events.views.attendance import CHECKIN_EVENT_SESSION_KEY

pytestmark = pytest.mark.django_db


def _day_url(event, day):
    return reverse("events:checkin_day", args=[event.pk, day.isoformat()])


# The list --------------------------------------------------------------------------------


def test_checkin_opens_todays_list(client, program_organiser, training, login_with_second_factor):
    login_with_second_factor(client, program_organiser)

    response = client.get(reverse("events:checkin", args=[training.pk]))

    assert response.status_code == 302
    assert response.url == _day_url(training, belgrade_today())


def test_checkin_list_shows_confirmed_people_and_counts(
    client, program_organiser, training, make_participant, login_with_second_factor
):
    make_participant(training, first_name="Marko", last_name="Petrović")
    make_participant(training, first_name="Ana", last_name="Anić")
    make_participant(training, first_name="Waiting", last_name="List", status="waitlisted")
    login_with_second_factor(client, program_organiser)

    response = client.get(_day_url(training, belgrade_today()))

    checkin = response.context["checkin"]
    assert [row.person.last_name for row in checkin.rows] == ["Anić", "Petrović"]
    assert (checkin.present, checkin.confirmed) == (0, 2)
    assert "<strong>0</strong> of 2 checked in" in response.content.decode()
    assert f'<a href="{training.urls.public}"' in response.content.decode()


def test_trainer_may_check_in(client, trainer, training):
    client.force_login(trainer)

    assert client.get(_day_url(training, belgrade_today())).status_code == 200


def test_participant_and_outsider_get_404(client, participant, make_person, training):
    client.force_login(participant)
    assert client.get(_day_url(training, belgrade_today())).status_code == 404
    client.force_login(make_person())
    assert client.get(_day_url(training, belgrade_today())).status_code == 404


def test_checkin_list_refuses_a_day_that_is_not_an_event_day(
    client, program_organiser, training, login_with_second_factor
):
    login_with_second_factor(client, program_organiser)

    tomorrow = belgrade_today() + timedelta(days=1)

    assert client.get(_day_url(training, tomorrow)).status_code == 404
    assert client.get(reverse("events:checkin_day", args=[training.pk, "x"])).status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("petrovic", ["Петровић", "Petrović"]),
        ("Петро", ["Петровић", "Petrović"]),
        ("ana", ["Anić"]),
    ],
)
def test_search_by_name_in_either_script(
    client, program_organiser, training, make_participant, query, expected, login_with_second_factor
):
    make_participant(training, first_name="Marko", last_name="Petrović")
    make_participant(training, first_name="Милица", last_name="Петровић")
    make_participant(training, first_name="Ana", last_name="Anić")
    login_with_second_factor(client, program_organiser)

    response = client.get(_day_url(training, belgrade_today()), {"q": query})

    assert sorted(row.person.last_name for row in response.context["checkin"].rows) == sorted(
        expected
    )
    assert response.context["checkin"].confirmed == 3


def test_htmx_search_returns_only_the_results(
    client, program_organiser, training, participant, login_with_second_factor
):
    login_with_second_factor(client, program_organiser)

    response = client.get(
        _day_url(training, belgrade_today()),
        {"q": "marko"},
        headers={"HX-Request": "true", "HX-Target": "checkin-results"},
    )

    content = response.content.decode()
    assert content.strip().startswith('<div id="checkin-results">')
    assert "Petrović" in content
    assert "<h1>" not in content


def test_check_in_button_records_and_logs(
    client, program_organiser, training, participant, login_with_second_factor
):
    login_with_second_factor(client, program_organiser)
    registration = registration_of(participant, training)
    today = belgrade_today()

    response = client.post(
        reverse("events:checkin_mark", args=[training.pk, today.isoformat(), registration.pk]),
        {"action": "in"},
        headers={"HX-Request": "true"},
    )

    attendance = Attendance.objects.get(registration=registration)
    assert (attendance.day, attendance.is_present, attendance.method) == (
        today,
        True,
        AttendanceMethod.ORGANISER,
    )
    assert attendance.recorded_by == program_organiser
    content = response.content.decode()
    assert f'id="person-{registration.pk}"' in content
    assert 'hx-swap-oob="true"' in content
    assert "<strong>1</strong> of 1 checked in" in content
    entry = AuditLogEntry.objects.get(action="events.attendance.checked_in")
    assert entry.actor == program_organiser
    assert entry.data == {"day": today.isoformat(), "session": None, "method": "organiser"}


def test_undo_takes_the_check_in_back(
    client, program_organiser, training, participant, login_with_second_factor
):
    login_with_second_factor(client, program_organiser)
    registration = registration_of(participant, training)
    url = reverse(
        "events:checkin_mark", args=[training.pk, belgrade_today().isoformat(), registration.pk]
    )
    client.post(url, {"action": "in"})

    response = client.post(url, {"action": "undo"})

    assert response.status_code == 302
    assert not Attendance.objects.filter(registration=registration).exists()
    assert AuditLogEntry.objects.filter(action="events.attendance.undone").count() == 1


def test_check_in_of_another_events_registration_is_404(
    client, program_organiser, training, make_training, make_participant, login_with_second_factor
):
    other = make_training(title="Druga obuka")
    stranger = registration_of(make_participant(other), other)
    login_with_second_factor(client, program_organiser)

    response = client.post(
        reverse(
            "events:checkin_mark", args=[training.pk, belgrade_today().isoformat(), stranger.pk]
        ),
        {"action": "in"},
    )

    assert response.status_code == 404
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("people", [1, 30])
def test_checkin_list_query_count_does_not_grow(
    client,
    program_organiser,
    training,
    make_participant,
    django_assert_num_queries,
    people,
    login_with_second_factor,
):
    for number in range(people):
        make_participant(training, first_name=f"Osoba{number}", last_name="Petrović")
    login_with_second_factor(client, program_organiser)
    url = _day_url(training, belgrade_today())
    client.get(url)

    # the event, the list with presence; the session is saved (savepoint, update, release)
    with django_assert_num_queries(5):
        response = client.get(url, {"q": "petrovic"})

    assert len(response.context["checkin"].rows) == people


# The QR code -----------------------------------------------------------------------------


def _qr_url(registration):
    return reverse("events:checkin_qr", kwargs={"token": registration.checkin_token})


def test_qr_get_shows_who_it_is_and_changes_nothing(
    client, program_organiser, training, participant, login_with_second_factor
):
    login_with_second_factor(client, program_organiser)
    registration = registration_of(participant, training)

    response = client.get(_qr_url(registration))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Marko Petrović" in content
    assert training.title in content
    assert "Check in for today" in content
    assert not Attendance.objects.exists()


def test_qr_post_checks_in_for_today(
    client, program_organiser, training, participant, login_with_second_factor
):
    login_with_second_factor(client, program_organiser)
    registration = registration_of(participant, training)

    response = client.post(_qr_url(registration))

    attendance = Attendance.objects.get(registration=registration)
    assert (attendance.day, attendance.method) == (belgrade_today(), AttendanceMethod.QR_CODE)
    assert "is checked in for today" in response.content.decode()


def test_qr_of_a_cancelled_registration_is_refused(
    client, program_organiser, training, participant, login_with_second_factor
):
    login_with_second_factor(client, program_organiser)
    registration = registration_of(participant, training)
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status"])

    response = client.post(_qr_url(registration))

    assert response.context["refusal"] == "This registration has been cancelled."
    assert not Attendance.objects.exists()


def test_qr_of_another_events_registration_is_refused_at_this_events_check_in(
    client, program_organiser, training, make_training, make_participant, login_with_second_factor
):
    other = make_training(title="Druga obuka")
    stranger = registration_of(make_participant(other), other)
    login_with_second_factor(client, program_organiser)
    client.get(_day_url(training, belgrade_today()))  # the organiser has this event's list open
    assert client.session[CHECKIN_EVENT_SESSION_KEY] == training.pk

    response = client.post(_qr_url(stranger))

    assert response.context["refusal"] == "This registration is for another event: Druga obuka."
    assert not Attendance.objects.exists()


def test_qr_on_a_day_that_is_not_an_event_day_is_refused(
    client, program_organiser, make_training, make_participant, login_with_second_factor
):
    event = make_training(first_day=belgrade_today() + timedelta(days=3))
    registration = registration_of(make_participant(event), event)
    login_with_second_factor(client, program_organiser)

    response = client.post(_qr_url(registration))

    assert response.context["refusal"] == "Today is not a day of this event."
    assert not Attendance.objects.exists()


def test_qr_for_someone_who_does_not_organise_is_404(client, participant, make_person, training):
    registration = registration_of(participant, training)
    client.force_login(make_person())

    assert client.get(_qr_url(registration)).status_code == 404
    assert client.get(reverse("events:checkin_qr", kwargs={"token": "nonsense"})).status_code == 404


# Room codes and self check-in ------------------------------------------------------------


def test_organiser_makes_a_code_for_the_day(
    client, program_organiser, training, login_with_second_factor
):
    login_with_second_factor(client, program_organiser)

    response = client.post(
        reverse("events:checkin_codes", args=[training.pk]), {"day": belgrade_today().isoformat()}
    )

    assert response.status_code == 302
    code = CheckinCode.objects.get(event=training)
    assert code.day == belgrade_today()
    assert len(code.code) == 6
    assert set(code.code) <= set(CODE_ALPHABET)
    assert not set(code.code) & set("0O1IL")
    big = client.get(
        reverse("events:checkin_code_show", args=[training.pk, belgrade_today().isoformat()])
    )
    assert code.code in big.content.decode()


def test_a_new_code_replaces_the_old(program_organiser, training):
    first = checkin_code_create(event=training, day=belgrade_today(), actor=program_organiser).code

    second = checkin_code_create(event=training, day=belgrade_today(), actor=program_organiser).code

    assert CheckinCode.objects.get(event=training).code == second != first
    assert AuditLogEntry.objects.filter(action="events.checkin_code.replaced").count() == 1


def _self_url(event):
    return reverse("events:my_attendance", args=[event.pk])


def test_self_check_in_with_the_room_code(client, program_organiser, training, participant):
    code = checkin_code_create(event=training, day=belgrade_today(), actor=program_organiser)
    client.force_login(participant)

    response = client.post(_self_url(training), {"code": code.code.lower()}, follow=True)

    attendance = Attendance.objects.get(registration__person=participant)
    assert (attendance.day, attendance.method) == (belgrade_today(), AttendanceMethod.SELF)
    assert "You are checked in for today. Welcome!" in response.content.decode()


def test_self_check_in_accepts_a_code_typed_in_cyrillic(
    client, program_organiser, training, participant
):
    code = checkin_code_create(event=training, day=belgrade_today(), actor=program_organiser)
    CheckinCode.objects.filter(pk=code.pk).update(code="PRSTUV")
    client.force_login(participant)

    client.post(_self_url(training), {"code": "прс туВ"})

    assert Attendance.objects.filter(registration__person=participant).count() == 1


def _form_errors(response) -> list[str]:
    return response.context["form"].errors["code"]


def test_self_check_in_with_a_wrong_code(client, program_organiser, training, participant):
    checkin_code_create(event=training, day=belgrade_today(), actor=program_organiser)
    client.force_login(participant)

    response = client.post(_self_url(training), {"code": "ZZZZZZ"})

    assert _form_errors(response) == ["This code is not valid. Check it and try again."]
    assert not Attendance.objects.exists()


def test_self_check_in_with_another_events_code(
    client, program_organiser, training, make_training, participant
):
    other = make_training(title="Druga obuka")
    code = checkin_code_create(event=other, day=belgrade_today(), actor=program_organiser)
    client.force_login(participant)

    response = client.post(_self_url(training), {"code": code.code})

    assert _form_errors(response) == ["This code is not for this event."]
    assert not Attendance.objects.exists()


def test_self_check_in_with_yesterdays_code(client, program_organiser, training, participant):
    yesterday = belgrade_today() - timedelta(days=1)
    code = checkin_code_create(event=training, day=yesterday, actor=program_organiser)
    client.force_login(participant)

    response = client.post(_self_url(training), {"code": code.code})

    assert _form_errors(response) == ["This code is not for today."]
    assert not Attendance.objects.exists()


def test_self_check_in_is_rate_limited(client, program_organiser, training, participant):
    code = checkin_code_create(event=training, day=belgrade_today(), actor=program_organiser)
    client.force_login(participant)
    for _attempt in range(SELF_CHECKIN_ATTEMPTS):
        client.post(_self_url(training), {"code": "ZZZZZZ"})

    response = client.post(_self_url(training), {"code": code.code})

    assert _form_errors(response) == ["Too many attempts. Wait a minute and try again."]
    assert not Attendance.objects.exists()


def test_self_check_in_of_a_waitlisted_registration_is_refused(
    client, program_organiser, training, make_participant
):
    person = make_participant(training, status=RegistrationStatus.WAITLISTED)
    code = checkin_code_create(event=training, day=belgrade_today(), actor=program_organiser)
    client.force_login(person)

    response = client.post(_self_url(training), {"code": code.code})

    assert _form_errors(response) == ["This registration is not confirmed (On the waiting list)."]


def test_my_attendance_is_404_without_a_registration(client, make_person, training):
    client.force_login(make_person())

    assert client.get(_self_url(training)).status_code == 404


def test_my_attendance_shows_the_days_and_the_rule(
    client, program_organiser, training, participant
):
    code = checkin_code_create(event=training, day=belgrade_today(), actor=program_organiser)
    client.force_login(participant)
    client.post(_self_url(training), {"code": code.code})

    response = client.get(_self_url(training))

    assert response.context["days"] == [
        (belgrade_today() - timedelta(days=1), False),
        (belgrade_today(), True),
    ]
    assert response.context["rule_reason"] == "Attended 1 of 2 days; the certificate requires 2."


# Per session -----------------------------------------------------------------------------


@pytest.fixture
def by_session(make_training):
    from django.utils import timezone

    event = make_training(attendance_by_session=True)
    now = timezone.now()
    under_way = AgendaItemFactory(
        event=event,
        title="Vežba u grupama",
        starts_at=now - timedelta(minutes=10),
        ends_at=now + timedelta(minutes=50),
    )
    return event, under_way


def test_qr_per_session_checks_in_at_the_chosen_session(
    client, program_organiser, by_session, make_participant, login_with_second_factor
):
    event, session = by_session
    registration = registration_of(make_participant(event), event)
    login_with_second_factor(client, program_organiser)

    page = client.get(_qr_url(registration))
    client.post(_qr_url(registration), {"session": str(session.pk)})

    assert page.context["form"]["session"].value() == session.pk
    attendance = Attendance.objects.get(registration=registration)
    assert (attendance.agenda_item, attendance.method) == (session, AttendanceMethod.QR_CODE)


def test_self_check_in_per_session_records_the_session_under_way(
    client, program_organiser, by_session, make_participant
):
    event, session = by_session
    person = make_participant(event)
    code = checkin_code_create(event=event, day=belgrade_today(), actor=program_organiser)
    client.force_login(person)

    client.post(_self_url(event), {"code": code.code})

    attendance = Attendance.objects.get(registration__person=person)
    assert (attendance.agenda_item, attendance.day) == (session, belgrade_today())


def test_self_check_in_per_session_without_a_session_under_way(
    client, program_organiser, by_session, make_participant
):
    event, session = by_session
    session.starts_at = session.starts_at + timedelta(hours=3)
    session.ends_at = session.ends_at + timedelta(hours=3)
    session.save()
    person = make_participant(event)
    code = checkin_code_create(event=event, day=belgrade_today(), actor=program_organiser)
    client.force_login(person)

    response = client.post(_self_url(event), {"code": code.code})

    assert _form_errors(response) == [
        "No session is under way now. Ask the organisers to check you in."
    ]
