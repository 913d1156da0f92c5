"""Personal invitations to a survey: sent once, a token link that answers once without signing
in (with save and resume), reminders only to those who have not answered, anonymity kept."""

import re
import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from glasnik.audit.models import AuditLogEntry
from glasnik.surveys.models import Response, SurveyDraft, SurveyInvitation, SurveyReceipt
from glasnik.surveys.services.builder import survey_close
from glasnik.surveys.services.invitations import invitations_send, reminders_send
from glasnik.surveys.services.responses import SurveyAlreadyAnsweredError, response_submit

pytestmark = pytest.mark.django_db


def answers_for(survey):
    q = survey.q
    return {q["uses"].pk: q["uses"].choices.get(position=1).pk, q["rating"].pk: 4}


def invite(survey, organiser, people, capture):
    with capture(execute=True):
        return invitations_send(survey=survey, actor=organiser, person_ids=[p.pk for p in people])


def link_of(message) -> str:
    return re.search(r"https?://\S+/surveys/invitation/[\w-]+/", message.body).group(0)


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def test_invitations_go_once_each_in_the_persons_language(
    needs_survey, survey_organiser, make_respondent, make_person, django_capture_on_commit_callbacks
):
    english = make_respondent(first_name="Marko")
    serbian = make_respondent(language="sr-latn", first_name="Ivana")
    outsider = make_person()

    count = invite(
        needs_survey,
        survey_organiser,
        [english, serbian, outsider],
        django_capture_on_commit_callbacks,
    )
    again = invite(
        needs_survey, survey_organiser, [english, serbian], django_capture_on_commit_callbacks
    )

    assert (count, again) == (2, 0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([english.email, serbian.email])
    by_address = {m.to[0]: m for m in mail.outbox}
    assert "Please answer" in by_address[english.email].subject
    assert "/en/surveys/invitation/" in by_address[english.email].body
    assert "/sr-latn/surveys/invitation/" in by_address[serbian.email].body
    assert not SurveyInvitation.objects.filter(person=outsider).exists()
    (entry,) = AuditLogEntry.objects.filter(action="surveys.invitations.sent")
    assert entry.data == {"invited": 2}


def test_invitations_to_a_draft_or_closed_survey_are_refused(
    needs_survey, survey_organiser, make_respondent
):
    survey_close(survey=needs_survey, actor=survey_organiser)

    with pytest.raises(Exception, match="closed"):
        invitations_send(
            survey=needs_survey, actor=survey_organiser, person_ids=[make_respondent().pk]
        )
    assert not SurveyInvitation.objects.exists()


def test_token_link_answers_once_without_signing_in_and_resumes(
    client, needs_survey, survey_organiser, make_respondent, django_capture_on_commit_callbacks
):
    person = make_respondent()
    invite(needs_survey, survey_organiser, [person], django_capture_on_commit_callbacks)
    url = path_of(link_of(mail.outbox[0]))
    q = needs_survey.q
    no = q["uses"].choices.get(position=1).pk

    page = client.get(url)
    assert page.status_code == 200
    assert b"Page 1 of 2" in page.content
    assert b"<progress" in page.content
    # First sitting: the first page, then "save and finish later".
    shown = [q["uses"].pk, q["followers"].pk, q["rating"].pk]
    data = {"page_index": 0, "shown": shown, f"q{q['uses'].pk}": no, f"q{q['rating'].pk}": 4}
    client.post(url, {**data, "action": "next"})
    assert SurveyDraft.objects.get(person=person).page == 1
    # Second sitting: the link opens on the second page, and sends.
    resumed = client.get(url)
    assert b"Page 2 of 2" in resumed.content
    sent = client.post(
        url,
        {"page_index": 1, "shown": [q["topics"].pk, q["comment"].pk], "action": "send"},
        follow=True,
    )
    assert b"Thank you" in sent.content
    response = Response.objects.get(survey=needs_survey)
    assert response.person == person
    # A second response on the same invitation is refused with a clear message.
    again = client.get(url)
    assert b"already been given on this invitation" in again.content
    client.post(url, {**data, "action": "next"})
    assert Response.objects.count() == 1


def test_unknown_token_is_not_found(client, needs_survey):
    assert client.get("/en/surveys/invitation/nothing-here/").status_code == 404


def test_invitation_link_to_a_closed_survey_says_it_is_closed(
    client, needs_survey, survey_organiser, make_respondent, django_capture_on_commit_callbacks
):
    invite(needs_survey, survey_organiser, [make_respondent()], django_capture_on_commit_callbacks)
    url = path_of(link_of(mail.outbox[0]))
    needs_survey.closes_at = timezone.now() - timedelta(minutes=1)
    needs_survey.opens_at = timezone.now() - timedelta(days=1)
    needs_survey.save(update_fields=["closes_at", "opens_at"])

    page = client.get(url)

    assert b"This survey is closed." in page.content
    assert not Response.objects.exists()


def test_reminders_skip_those_who_answered(
    needs_survey, survey_organiser, make_respondent, django_capture_on_commit_callbacks
):
    answered, waiting = make_respondent(), make_respondent()
    invite(needs_survey, survey_organiser, [answered, waiting], django_capture_on_commit_callbacks)
    response_submit(survey=needs_survey, person=answered, answers=answers_for(needs_survey))
    mail.outbox.clear()
    later = timezone.now() + timedelta(days=3)

    with django_capture_on_commit_callbacks(execute=True):
        reminded = reminders_send(survey=needs_survey, actor=survey_organiser, now=later)
    with django_capture_on_commit_callbacks(execute=True):
        again = reminders_send(survey=needs_survey, actor=None, now=later + timedelta(hours=1))

    assert (reminded, again) == (1, 0)
    assert [m.to for m in mail.outbox] == [[waiting.email]]
    assert "Reminder" in mail.outbox[0].subject
    assert SurveyInvitation.objects.get(person=waiting).reminder_count == 1


def test_reminder_command_reminds_only_the_unanswered(
    needs_survey, survey_organiser, make_respondent, django_capture_on_commit_callbacks
):
    answered, waiting = make_respondent(), make_respondent()
    invite(needs_survey, survey_organiser, [answered, waiting], django_capture_on_commit_callbacks)
    SurveyInvitation.objects.update(invited_at=timezone.now() - timedelta(days=3))
    response_submit(survey=needs_survey, person=answered, answers=answers_for(needs_survey))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("surveys_send_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert [m.to for m in mail.outbox] == [[waiting.email]]


def test_anonymous_invitation_leaves_no_link_to_the_person(
    client, needs_survey, survey_organiser, make_respondent, django_capture_on_commit_callbacks
):
    needs_survey.is_anonymous = True
    needs_survey.save(update_fields=["is_anonymous"])
    person, other = make_respondent(), make_respondent()
    invite(needs_survey, survey_organiser, [person, other], django_capture_on_commit_callbacks)
    invitation = SurveyInvitation.objects.get(person=person)

    response_submit(
        survey=needs_survey, person=person, answers=answers_for(needs_survey), invited=True
    )

    response = Response.objects.get()
    assert response.person is None
    assert response.submitted_at.hour == 0
    # Nothing on the response names the invitation or the person; the invitation knows only
    # its person, and "answered" is in the receipts, marked to the day.
    assert {f.name for f in Response._meta.get_fields()} == {
        "id",
        "survey",
        "person",
        "language",
        "submitted_at",
        "counted",  # whether its answers are in the stored counts: the same for everyone
        "answers",
    }
    assert {f.name for f in SurveyInvitation._meta.concrete_fields} == {
        "id",
        "survey",
        "person",
        "token",
        "invited_at",
        "reminded_at",
        "reminder_count",
    }
    invitation.refresh_from_db()
    assert invitation.reminded_at is None
    assert SurveyReceipt.objects.get(person=person).answered_at == response.submitted_at
    (entry,) = AuditLogEntry.objects.filter(action="surveys.response.submitted")
    assert entry.actor is None
    assert entry.data == {"anonymous": True, "count": 1}
    # The invitations page tells who answered, never what.
    assert str(invitation.token) not in str(entry.data)


def test_invitee_no_longer_participating_still_answers_by_the_link(
    needs_survey, survey_organiser, make_respondent, django_capture_on_commit_callbacks
):
    from glasnik.access.models import Role
    from glasnik.access.services import role_revoke

    person = make_respondent()
    invite(needs_survey, survey_organiser, [person], django_capture_on_commit_callbacks)
    role_revoke(person=person, role=Role.MEMBER, scope=needs_survey.program)

    response_submit(
        survey=needs_survey, person=person, answers=answers_for(needs_survey), invited=True
    )
    with pytest.raises(SurveyAlreadyAnsweredError):
        response_submit(
            survey=needs_survey, person=person, answers=answers_for(needs_survey), invited=True
        )
    assert Response.objects.count() == 1


def test_invitations_page_lists_who_answered_in_fixed_queries(
    client,
    login_with_second_factor,
    needs_survey,
    survey_organiser,
    make_respondent,
    django_capture_on_commit_callbacks,
):
    people = [make_respondent() for _ in range(3)]
    invite(needs_survey, survey_organiser, people, django_capture_on_commit_callbacks)
    response_submit(survey=needs_survey, person=people[0], answers=answers_for(needs_survey))
    login_with_second_factor(client, survey_organiser)
    url = f"/en/surveys/{needs_survey.slug}/invitations/"
    assert client.get(url).status_code == 200

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(5):
        make_respondent()
    more = [make_respondent() for _ in range(5)]
    invite(needs_survey, survey_organiser, more, django_capture_on_commit_callbacks)
    client.get(url)  # after make_respondent cleared the cache of roles
    with CaptureQueriesContext(connection) as many:
        page = client.get(url)

    assert len(many) == len(few) <= 20
    assert b"1 of 8 invited people have answered." in page.content


@pytest.mark.django_db(transaction=True)
def test_double_submit_on_an_invitation_at_once_leaves_one_response(needs_survey, make_respondent):
    if connection.vendor == "sqlite":
        pytest.skip("the in-memory SQLite test database refuses concurrent writers")
    person = make_respondent()
    barrier = threading.Barrier(2)
    outcomes = []

    def send():
        try:
            barrier.wait()
            response_submit(
                survey=needs_survey, person=person, answers=answers_for(needs_survey), invited=True
            )
            outcomes.append("sent")
        except SurveyAlreadyAnsweredError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["refused", "sent"]
    assert Response.objects.filter(survey=needs_survey).count() == 1
