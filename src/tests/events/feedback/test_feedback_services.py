from datetime import time
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone
from factories.events import AttendanceFactory

from glasnik.audit.models import AuditLogEntry
from glasnik.events.models import (
    AttendanceMethod,
    EventStatus,
    FeedbackReceipt,
    FeedbackResponse,
    LecturerRating,
    Registration,
    RegistrationStatus,
)
from glasnik.events.selectors.feedback import (
    event_satisfaction,
    feedback_invitees,
    feedback_results,
    lecturer_feedback,
    lecturer_satisfaction,
)
from glasnik.events.services.feedback import (
    FeedbackAlreadyGivenError,
    LecturerAnswer,
    feedback_invite,
    feedback_submit,
)

pytestmark = pytest.mark.django_db


def _answer(event, person, rating=5, comment="", lecturer_answers=()):
    return feedback_submit(
        event=event,
        person=person,
        rating=rating,
        comment=comment,
        lecturer_answers=list(lecturer_answers),
    )


# --- invitations ------------------------------------------------------------------------------


def test_invite_emails_confirmed_participants_in_their_language(
    training, lecturers, program_organiser, make_participant, commit
):
    english = make_participant(training, first_name="Marko")
    serbian = make_participant(training, language="sr-latn", first_name="Ivana")
    make_participant(training, status=RegistrationStatus.WAITLISTED)
    make_participant(training, status=RegistrationStatus.CANCELLED)

    with commit():
        invited = feedback_invite(event=training, actor=program_organiser)

    assert invited == 2
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [english.email, serbian.email]
    )
    by_address = {message.to[0]: message for message in mail.outbox}
    english_mail = by_address[english.email]
    assert "Please rate it" in english_mail.subject
    assert f"/en/events/{training.pk}/feedback/" in english_mail.body
    assert "Ana Jovanović" in english_mail.body
    assert "Milan Ilić" in english_mail.body
    assert "anonymous" in english_mail.body
    assert f"/sr-latn/events/{training.pk}/feedback/" in by_address[serbian.email].body
    receipts = FeedbackReceipt.objects.filter(event=training)
    assert sorted(receipts.values_list("person_id", flat=True)) == sorted([english.pk, serbian.pk])
    assert all(receipt.invited_at is not None for receipt in receipts)
    entry = AuditLogEntry.objects.get(action="events.feedback.invited")
    assert entry.data == {"invited": 2}
    assert entry.actor == program_organiser


def test_invite_twice_invites_only_people_added_since(
    training, program_organiser, make_participant, commit
):
    make_participant(training)
    with commit():
        assert feedback_invite(event=training, actor=program_organiser) == 1
    late = make_participant(training)

    with commit():
        assert feedback_invite(event=training, actor=program_organiser) == 1
    with commit():
        assert feedback_invite(event=training, actor=program_organiser) == 0

    assert len(mail.outbox) == 2
    assert mail.outbox[1].to == [late.email]


def test_invite_prefers_those_present_when_attendance_was_taken(
    training, program_organiser, make_participant
):
    present = make_participant(training)
    absent = make_participant(training)
    unrecorded = make_participant(training)
    day = timezone.localdate(training.starts_at)
    AttendanceFactory(
        registration=Registration.objects.get(person=present),
        day=day,
        is_present=True,
        method=AttendanceMethod.ORGANISER,
    )
    AttendanceFactory(
        registration=Registration.objects.get(person=absent),
        day=day,
        is_present=False,
        method=AttendanceMethod.CORRECTION,
    )

    assert [r.person for r in feedback_invitees(training)] == [present]
    assert feedback_invite(event=training, actor=program_organiser) == 1
    assert not FeedbackReceipt.objects.filter(person__in=[absent, unrecorded]).exists()


def test_invite_refused_before_the_event_ends_and_after_the_window(
    make_training, program_organiser, make_participant
):
    future = make_training(ended_days_ago=-2)
    old = make_training(ended_days_ago=31)
    make_participant(future)
    make_participant(old)

    with pytest.raises(ValidationError, match="opens when the event ends"):
        feedback_invite(event=future, actor=program_organiser)
    with pytest.raises(ValidationError, match="has closed"):
        feedback_invite(event=old, actor=program_organiser)
    assert not FeedbackReceipt.objects.exists()


def test_invite_refused_to_someone_who_does_not_manage_the_event(training, participant):
    with pytest.raises(PermissionDenied):
        feedback_invite(event=training, actor=participant)


def test_command_invites_for_recent_events_not_invited_yet(
    make_training, program_organiser, make_participant, commit, capsys
):
    recent = make_training(ended_days_ago=1)
    already = make_training(ended_days_ago=1)
    too_old = make_training(ended_days_ago=5)
    cancelled = make_training(ended_days_ago=1, status=EventStatus.CANCELLED)
    first = make_participant(recent)
    make_participant(already)
    make_participant(too_old)
    make_participant(cancelled)
    feedback_invite(event=already, actor=program_organiser)
    make_participant(already)  # added after the organiser invited: the command leaves it

    with commit():
        call_command("events_send_feedback_invitations", "--days", "3")
    with commit():
        call_command("events_send_feedback_invitations", "--days", "3")

    assert [message.to for message in mail.outbox] == [[first.email]]
    output = capsys.readouterr().out
    assert "1 people invited to give feedback on 1 events." in output
    assert "0 people invited to give feedback on 0 events." in output


# --- answering --------------------------------------------------------------------------------


def test_anonymous_feedback_stores_no_person_but_a_receipt(training, lecturers, participant):
    ana, milan = lecturers

    response = _answer(
        training,
        participant,
        rating=4,
        comment="  Korisno.  ",
        lecturer_answers=[
            LecturerAnswer(ana.pk, 5, "Odlično"),
            LecturerAnswer(milan.pk, 3),
        ],
    )

    response.refresh_from_db()
    assert response.person is None
    assert response.rating == 4
    assert response.comment == "Korisno."
    assert response.created_at.time() == time(0)  # cut to the day
    assert sorted(response.lecturer_ratings.values_list("lecturer__name", "rating", "comment")) == [
        ("Ana Jovanović", 5, "Odlično"),
        ("Milan Ilić", 3, ""),
    ]
    receipt = FeedbackReceipt.objects.get(event=training, person=participant)
    assert receipt.answered_at is not None
    assert receipt.answered_at.time() == time(0)
    entry = AuditLogEntry.objects.get(action="events.feedback.answered")
    assert entry.actor is None
    assert entry.created_at.time() == time(0)
    assert entry.data == {"anonymous": True, "count": 1}


def test_named_feedback_keeps_the_person(make_training, participant, make_participant):
    event = make_training(feedback_anonymous=False)
    person = make_participant(event)

    response = _answer(event, person, rating=2)

    assert response.person == person
    assert AuditLogEntry.objects.get(action="events.feedback.answered").actor == person


def test_second_answer_is_refused_and_the_first_stands(training, participant):
    _answer(training, participant, rating=5)

    with pytest.raises(FeedbackAlreadyGivenError, match="already given"):
        _answer(training, participant, rating=1)

    assert list(FeedbackResponse.objects.values_list("rating", flat=True)) == [5]
    assert FeedbackReceipt.objects.filter(event=training, person=participant).count() == 1


def test_only_participants_may_answer(training, make_person, make_participant, program_organiser):
    waitlisted = make_participant(training, status=RegistrationStatus.WAITLISTED)

    for person in (make_person(), waitlisted, program_organiser):
        with pytest.raises(PermissionDenied):
            _answer(training, person)
    assert not FeedbackResponse.objects.exists()


def test_answer_refused_outside_the_window(make_training, make_participant):
    future = make_training(ended_days_ago=-1)
    closed = make_training(ended_days_ago=30.5)

    with pytest.raises(ValidationError, match="opens when the event ends"):
        _answer(future, make_participant(future))
    with pytest.raises(ValidationError, match="has closed"):
        _answer(closed, make_participant(closed))
    assert not FeedbackResponse.objects.exists()


def test_lecturer_answers_must_be_this_events_lecturers(
    training, lecturers, participant, make_lecturer
):
    stranger = make_lecturer("Neko Drugi")

    with pytest.raises(ValidationError, match="Rate only this event's lecturers"):
        _answer(training, participant, lecturer_answers=[LecturerAnswer(stranger.pk, 5)])
    with pytest.raises(ValidationError, match="Rate only this event's lecturers"):
        _answer(
            training,
            participant,
            lecturer_answers=[
                LecturerAnswer(lecturers[0].pk, 5),
                LecturerAnswer(lecturers[0].pk, 4),
            ],
        )

    assert not FeedbackResponse.objects.exists()
    assert not FeedbackReceipt.objects.filter(answered_at__isnull=False).exists()


# --- results ----------------------------------------------------------------------------------


@pytest.fixture
def answered(training, lecturers, make_participant):
    """Four answers with known ratings: event 5, 4, 4, 2; Ana 5, 5, 3; Milan 2."""
    ana, milan = lecturers
    data = [
        (5, "Sjajno", [LecturerAnswer(ana.pk, 5, "Jasno objašnjava")]),
        (4, "", [LecturerAnswer(ana.pk, 5), LecturerAnswer(milan.pk, 2, "Prebrzo")]),
        (4, "Dobro", [LecturerAnswer(ana.pk, 3)]),
        (2, "", []),
    ]
    for rating, comment, lecturer_answers in data:
        _answer(training, make_participant(training), rating, comment, lecturer_answers)
    return training


def test_results_have_averages_distributions_and_comments(answered, lecturers):
    results = feedback_results(answered)

    assert results.anonymous is True
    assert results.overall.summary.count == 4
    assert results.overall.summary.average == Decimal("3.75")
    assert dict(results.overall.summary.distribution) == {5: 1, 4: 2, 2: 1}
    assert [row["count"] for row in results.overall.summary.rows] == [1, 2, 0, 1, 0]
    assert [(c.text, c.rating, c.author) for c in results.overall.comments] == [
        ("Sjajno", 5, ""),
        ("Dobro", 4, ""),
    ]
    ana, milan = results.lecturers
    assert ana.lecturer.name == "Ana Jovanović"
    assert (ana.summary.count, ana.summary.average) == (3, Decimal("4.33"))
    assert ana.summary.as_dict()["distribution"] == {1: 0, 2: 0, 3: 1, 4: 0, 5: 2}
    assert [c.text for c in ana.comments] == ["Jasno objašnjava"]
    assert (milan.summary.count, milan.summary.average) == (1, Decimal("2.00"))
    assert [(c.text, c.author) for c in milan.comments] == [("Prebrzo", "")]


def test_results_name_authors_only_when_not_anonymous(make_training, make_participant):
    event = make_training(feedback_anonymous=False)
    person = make_participant(event, first_name="Ivana", last_name="Nikolić")
    _answer(event, person, rating=3, comment="Previše teorije")

    assert feedback_results(event).overall.comments[0].author == "Ivana Nikolić"
    assert feedback_results(event, show_authors=False).overall.comments[0].author == ""


def test_lecturer_feedback_holds_only_their_own_ratings(answered, lecturers, make_training):
    _ana, milan = lecturers

    (own,) = lecturer_feedback(milan, [answered])

    assert own.summary.as_dict() == {
        "average": Decimal("2.00"),
        "count": 1,
        "distribution": {1: 0, 2: 1, 3: 0, 4: 0, 5: 0},
    }
    assert [(c.text, c.author) for c in own.comments] == [("Prebrzo", "")]


def test_satisfaction_selectors_for_reports(
    answered, lecturers, make_training, make_participant, django_assert_num_queries
):
    ana, milan = lecturers
    other = make_training(title="Druga obuka")
    _answer(other, make_participant(other), rating=1)
    silent = make_training(title="Bez odgovora")

    with django_assert_num_queries(1):
        by_event = event_satisfaction([answered, other, silent])
    with django_assert_num_queries(1):
        by_lecturer = lecturer_satisfaction([ana, milan])
    with django_assert_num_queries(1):
        at_events = lecturer_satisfaction(
            type(answered).objects.filter(pk__in=[answered.pk, other.pk])
        )

    assert {key: (value["average"], value["count"]) for key, value in by_event.items()} == {
        answered.pk: (Decimal("3.75"), 4),
        other.pk: (Decimal("1.00"), 1),
    }
    assert {key: (value["average"], value["count"]) for key, value in by_lecturer.items()} == {
        ana.pk: (Decimal("4.33"), 3),
        milan.pk: (Decimal("2.00"), 1),
    }
    assert at_events == by_lecturer
    assert lecturer_satisfaction(events=[other]) == {}
    assert LecturerRating.objects.count() == 4


def test_results_query_count_does_not_grow_with_answers(
    training, make_lecturer, make_participant, django_assert_num_queries
):
    def count_queries(answers: int, lecturer_count: int) -> int:
        added = [make_lecturer(f"Predavač {n}", event=training) for n in range(lecturer_count)]
        for number in range(answers):
            _answer(
                training,
                make_participant(training),
                rating=1 + number % 5,
                comment=f"Komentar {number}",
                lecturer_answers=[LecturerAnswer(lecturer.pk, 4, "Dobro") for lecturer in added],
            )
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            results = feedback_results(training)
            assert results.overall.summary.count >= answers
        return len(captured)

    assert count_queries(1, 1) == count_queries(20, 5)
