"""Statements: submitting, one per person, deadlines, decisions, membership and emails."""

import threading
from datetime import timedelta

import pytest
from call_answers import answers_for, pdf_upload, submit
from django.core.exceptions import ValidationError
from django.db import connection
from django.template.defaultfilters import time as time_filter
from django.utils import timezone

from glasnik.audit.models import AuditLogEntry
from glasnik.networks.models import (
    Membership,
    MembershipStatus,
    QuestionKind,
    Statement,
    StatementAnswer,
    StatementStatus,
)
from glasnik.networks.services.calls import Decision, statement_decide, statements_decide

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant(make_person):
    return make_person("ana@example.org", language="sr-latn", first_name="Ana")


def test_submit_saves_answers_and_applies_for_membership(call, applicant, make_organization):
    institution = make_organization("Opština Stari grad")

    statement = submit(call, applicant, institution, position_title="Portparolka")

    assert (statement.status, statement.organization, statement.position_title) == (
        StatementStatus.SUBMITTED,
        institution,
        "Portparolka",
    )
    answers = dict(
        StatementAnswer.objects.filter(statement=statement).values_list("question__kind", "value")
    )
    assert answers == {
        "text": "Kabinet gradonačelnika",
        "long_text": "Razmenu iskustava.",
        "choice": "Početno",
        "yes_no": "yes",
        "consent": "yes",
    }
    membership = Membership.objects.get(network=call.network, person=applicant)
    assert (membership.status, membership.organization) == (MembershipStatus.APPLIED, institution)
    assert AuditLogEntry.objects.filter(
        action="networks.statement.submitted", target_id=statement.pk
    ).exists()


def test_submit_emails_applicant_in_their_language_and_organisers(
    call,
    network_organiser,
    applicant,
    make_organization,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(call, applicant, make_organization())

    assert [message.to for message in mailoutbox] == [[applicant.email], [network_organiser.email]]
    assert mailoutbox[0].subject.endswith(call.title)
    assert f"/sr-latn/networks/{call.network.slug}/calls/{call.slug}/" in mailoutbox[0].body
    assert "Ana" in mailoutbox[0].body
    assert "/en/networks/" in mailoutbox[1].body
    assert f"/statements/{Statement.objects.get().pk}/" in mailoutbox[1].body


def test_second_submit_edits_the_first(
    call,
    network_organiser,
    applicant,
    make_organization,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        first = submit(call, applicant, make_organization())
    other = make_organization("Grad Niš")
    text = call.questions.get(kind=QuestionKind.TEXT)

    with django_capture_on_commit_callbacks(execute=True):
        second = submit(call, applicant, other, answers=answers_for(call) | {text.pk: "PR"})

    assert second.pk == first.pk
    assert Statement.objects.count() == 1
    assert second.organization == other
    assert StatementAnswer.objects.get(statement=second, question=text).value == "PR"
    # A change is confirmed to the applicant only; organisers heard of the first one.
    assert [message.to for message in mailoutbox] == [
        [applicant.email],
        [network_organiser.email],
        [applicant.email],
    ]
    assert Membership.objects.get(person=applicant).changes.count() == 1


def test_submit_after_deadline_is_refused_with_deadline(
    network, make_call, applicant, make_organization
):
    call = make_call(network, opens_in=-10, closes_in=-1)

    with pytest.raises(ValidationError) as error:
        submit(call, applicant, make_organization(), answers={})

    assert error.value.code == "expired"
    with timezone.override(network.time_zone):
        shown = timezone.localtime(call.closes_at)
    assert f"{shown:%Y}" in error.value.messages[0]
    # As the interface writes times ("10:00", "10:30" in English).
    assert time_filter(shown, "TIME_FORMAT") in error.value.messages[0]
    assert not Statement.objects.exists()


def test_submit_before_opening_is_refused(network, make_call, applicant, make_organization):
    call = make_call(network, opens_in=2)

    with pytest.raises(ValidationError) as error:
        submit(call, applicant, make_organization(), answers={})

    assert error.value.code == "upcoming"


def test_submit_to_unpublished_call_is_refused(network, make_call, applicant, make_organization):
    call = make_call(network, is_published=False)

    with pytest.raises(ValidationError):
        submit(call, applicant, make_organization(), answers={})


def test_deadline_is_checked_at_the_moment_of_submit(call, applicant, make_organization):
    after = call.closes_at + timedelta(seconds=1)

    with pytest.raises(ValidationError):
        submit(call, applicant, make_organization(), now=after)


def test_file_answer_kept_when_statement_is_changed_without_new_file(
    call, applicant, make_organization
):
    file_question = call.questions.get(kind=QuestionKind.FILE)
    institution = make_organization()
    submit(
        call, applicant, institution, answers=answers_for(call) | {file_question.pk: pdf_upload()}
    )

    submit(call, applicant, institution)  # no new file

    answer = StatementAnswer.objects.get(question=file_question)
    assert answer.value == "cv.pdf"
    assert answer.file.name.startswith("statements/")
    assert answer.file.read() == b"%PDF-1.4\n%test\n"


def test_approve_makes_member_logs_and_emails_in_applicant_language(
    call,
    network_organiser,
    applicant,
    make_organization,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    statement = submit(call, applicant, make_organization())

    with django_capture_on_commit_callbacks(execute=True):
        statement_decide(
            statement=statement,
            actor=network_organiser,
            decision=Decision.APPROVE,
            message="Dobrodošli!",
        )

    statement.refresh_from_db()
    assert (statement.status, statement.decided_by, statement.decision_message) == (
        StatementStatus.APPROVED,
        network_organiser,
        "Dobrodošli!",
    )
    membership = Membership.objects.get(person=applicant)
    assert membership.status == MembershipStatus.MEMBER
    assert applicant.has_perm("networks.view_members_area", call.network)
    entry = AuditLogEntry.objects.get(action="networks.statement.approved")
    assert (entry.actor, entry.target_id) == (network_organiser, statement.pk)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [applicant.email]
    assert "Dobrodošli!" in mailoutbox[0].body
    assert "/sr-latn/" in mailoutbox[0].body


def test_decline_declines_membership_and_closes_members_area(
    call,
    network_organiser,
    applicant,
    make_organization,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    statement = submit(call, applicant, make_organization())

    with django_capture_on_commit_callbacks(execute=True):
        statement_decide(statement=statement, actor=network_organiser, decision=Decision.DECLINE)

    assert Membership.objects.get(person=applicant).status == MembershipStatus.DECLINED
    assert not applicant.has_perm("networks.view_members_area", call.network)
    assert AuditLogEntry.objects.filter(action="networks.statement.declined").count() == 1
    assert [message.to for message in mailoutbox] == [[applicant.email]]


def test_deciding_the_same_way_twice_changes_nothing(
    call,
    network_organiser,
    applicant,
    make_organization,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    statement = submit(call, applicant, make_organization())
    statement_decide(statement=statement, actor=network_organiser, decision=Decision.APPROVE)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        statement_decide(statement=statement, actor=network_organiser, decision=Decision.APPROVE)

    assert callbacks == []

    assert mailoutbox == []
    assert AuditLogEntry.objects.filter(action="networks.statement.approved").count() == 1


def test_decided_statement_cannot_be_changed(call, network_organiser, applicant, make_organization):
    statement = submit(call, applicant, make_organization())
    statement_decide(statement=statement, actor=network_organiser, decision=Decision.DECLINE)

    with pytest.raises(ValidationError) as error:
        submit(call, applicant, make_organization())

    assert error.value.code == "decided"


def test_bulk_decide_counts_changes(
    call,
    network_organiser,
    make_person,
    make_organization,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    statements = [submit(call, make_person(), make_organization()) for _ in range(3)]
    statement_decide(statement=statements[0], actor=network_organiser, decision=Decision.APPROVE)

    with django_capture_on_commit_callbacks(execute=True):
        changed = statements_decide(
            statements=statements, actor=network_organiser, decision=Decision.APPROVE, message="OK"
        )

    assert changed == 2
    assert len(mailoutbox) == 2
    assert set(Statement.objects.values_list("status", flat=True)) == {StatementStatus.APPROVED}


def test_existing_member_approval_adds_no_second_history_entry(
    call, network_organiser, applicant, make_organization
):
    statement = submit(call, applicant, make_organization())
    statement_decide(statement=statement, actor=network_organiser, decision=Decision.APPROVE)
    statement_decide(statement=statement, actor=network_organiser, decision=Decision.DECLINE)
    statement_decide(statement=statement, actor=network_organiser, decision=Decision.APPROVE)

    statuses = list(
        Membership.objects.get(person=applicant).changes.values_list("status", flat=True)
    )
    assert statuses == ["applied", "member", "declined", "member"]


@pytest.mark.django_db(transaction=True)
def test_double_submit_at_once_leaves_one_statement(call, applicant, make_organization):
    if connection.vendor == "sqlite":
        pytest.skip("the in-memory SQLite test database refuses concurrent writers")
    institution = make_organization()
    barrier = threading.Barrier(2)
    errors = []

    def send():
        try:
            barrier.wait()
            submit(call, applicant, institution, notify=False)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Statement.objects.filter(call=call, person=applicant).count() == 1
    # One answer per question, except the file question left empty (no file sent).
    assert StatementAnswer.objects.count() == call.questions.exclude(kind=QuestionKind.FILE).count()


def test_approval_puts_the_statements_institution_and_position_on_the_profile(
    client, call, network_organiser, applicant, make_organization
):
    institution = make_organization("Opština Stari grad")
    statement = submit(call, applicant, institution, position_title="Portparolka", last_name="Anić")

    statement_decide(statement=statement, actor=network_organiser, decision=Decision.APPROVE)

    [position] = applicant.positions.all()
    assert (position.organization, position.title, position.until) == (
        institution,
        "Portparolka",
        None,
    )
    assert AuditLogEntry.objects.get(action="accounts.position.added").actor == network_organiser
    # The dashboard no longer asks to complete the profile: the name came with the statement.
    client.force_login(applicant)
    content = client.get("/en/dashboard/").content.decode()
    assert "Complete your profile" not in content
    assert "Portparolka" in content


def test_approval_keeps_a_position_the_person_already_has_there(
    call, network_organiser, applicant, make_organization
):
    institution = make_organization("Opština Stari grad")
    applicant.positions.create(organization=institution, title="Šefica kabineta")
    statement = submit(call, applicant, institution, position_title="Portparolka")

    statement_decide(statement=statement, actor=network_organiser, decision=Decision.APPROVE)
    statement_decide(statement=statement, actor=network_organiser, decision=Decision.DECLINE)
    statement_decide(statement=statement, actor=network_organiser, decision=Decision.APPROVE)

    assert list(applicant.positions.values_list("title", flat=True)) == ["Šefica kabineta"]


def test_declined_statement_adds_no_position(call, network_organiser, applicant, make_organization):
    statement = submit(call, applicant, make_organization())

    statement_decide(statement=statement, actor=network_organiser, decision=Decision.DECLINE)

    assert not applicant.positions.exists()
