"""Enrolment: open, by approval, by invitation; decisions, withdrawal, roles, emails, audit."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from glasnik.access.models import Role
from glasnik.access.selectors import user_has_role
from glasnik.accounts.models import User
from glasnik.audit.models import AuditLogEntry
from glasnik.programs.models import EnrolmentPolicy, EnrolmentStatus, Invitation
from glasnik.programs.selectors import enrolment_of
from glasnik.programs.services.enrolment import (
    enrolment_approve,
    enrolment_create,
    enrolment_decline,
    enrolment_withdraw,
    invitation_accept,
    invitation_emails_parse,
    invitation_send,
    invitations_send,
)

pytestmark = pytest.mark.django_db


def actions(program) -> list[str]:
    return list(
        AuditLogEntry.objects.filter(scope_id=program.pk, action__startswith="programs.")
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_open_programme_enrols_at_once_with_member_role_and_email(
    program, make_person, make_organization, django_capture_on_commit_callbacks
):
    program.enrolment_policy = EnrolmentPolicy.OPEN
    program.save()
    person = make_person(first_name="Marko")
    organization = make_organization("Opština Bor")

    with django_capture_on_commit_callbacks(execute=True):
        enrolment = enrolment_create(program=program, person=person, organization=organization)

    assert enrolment.status == EnrolmentStatus.ENROLLED
    assert enrolment.organization == organization
    assert user_has_role(person, Role.MEMBER, program)
    assert person.has_perm("programs.take_part", program)
    assert enrolment_of(person, program) == enrolment
    assert [message.to for message in mail.outbox] == [[person.email]]
    assert "You are a participant of" in mail.outbox[0].subject
    assert actions(program) == ["programs.enrolment.enrolled"]


def test_approval_programme_waits_then_organiser_approves(
    program, program_organiser, make_person, make_organization, django_capture_on_commit_callbacks
):
    person = make_person()
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = enrolment_create(
            program=program, person=person, organization=make_organization()
        )
    assert enrolment.status == EnrolmentStatus.PENDING
    assert not user_has_role(person, Role.MEMBER, program)
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [person.email, program_organiser.email]
    )

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_approve(enrolment=enrolment, actor=program_organiser, message="Dobro došli!")

    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ENROLLED
    assert enrolment.decided_by == program_organiser
    assert user_has_role(User.objects.get(pk=person.pk), Role.MEMBER, program)
    assert "Dobro došli!" in mail.outbox[0].body
    assert actions(program) == ["programs.enrolment.pending", "programs.enrolment.enrolled"]


def test_decline_and_withdraw_take_the_member_role_away(
    program, program_organiser, make_enrolment, django_capture_on_commit_callbacks
):
    enrolment = make_enrolment()
    person = enrolment.person

    with django_capture_on_commit_callbacks(execute=True):
        enrolment_withdraw(enrolment=enrolment, actor=person)
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.WITHDRAWN
    assert not user_has_role(person, Role.MEMBER, program)
    assert "You have withdrawn" in mail.outbox[-1].body

    pending = make_enrolment(status=EnrolmentStatus.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_decline(enrolment=pending, actor=program_organiser)
    pending.refresh_from_db()
    assert pending.status == EnrolmentStatus.DECLINED
    assert "have not accepted" in mail.outbox[-1].body


def test_enrolling_twice_is_refused_with_a_message(program, make_enrolment):
    enrolment = make_enrolment()
    with pytest.raises(ValidationError, match="already a participant"):
        enrolment_create(
            program=program, person=enrolment.person, organization=enrolment.organization
        )


def test_withdrawn_person_may_ask_again(program, make_enrolment):
    enrolment = make_enrolment(status=EnrolmentStatus.WITHDRAWN)
    again = enrolment_create(
        program=program, person=enrolment.person, organization=enrolment.organization
    )
    assert (again.pk, again.status) == (enrolment.pk, EnrolmentStatus.PENDING)


def test_unpublished_or_invitation_only_programme_refuses_enrolment(
    program, make_person, make_organization
):
    person, organization = make_person(), make_organization()
    program.enrolment_policy = EnrolmentPolicy.INVITATION
    program.save()
    with pytest.raises(ValidationError, match="by invitation only"):
        enrolment_create(program=program, person=person, organization=organization)
    program.is_published = False
    program.save()
    with pytest.raises(ValidationError, match="not open for enrolment"):
        enrolment_create(program=program, person=person, organization=organization)


def test_invitation_is_sent_accepted_once_and_enrols(
    program, program_organiser, make_person, make_organization, django_capture_on_commit_callbacks
):
    program.enrolment_policy = EnrolmentPolicy.INVITATION
    program.save()
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_send(
            program=program, email="Nova@Example.org", actor=program_organiser
        )
    assert invitation.email == "nova@example.org"
    assert mail.outbox[0].to == ["nova@example.org"]
    assert f"/en/programmes/invitations/{invitation.token}/" in mail.outbox[0].body

    person = make_person("nova@example.org")
    enrolment = invitation_accept(
        invitation=invitation, person=person, organization=make_organization()
    )
    assert enrolment.status == EnrolmentStatus.ENROLLED
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None

    other = make_person()
    with pytest.raises(ValidationError, match="already been used"):
        invitation_accept(invitation=invitation, person=other, organization=make_organization())
    with pytest.raises(ValidationError, match="already accepted"):
        invitation_send(program=program, email="nova@example.org", actor=program_organiser)
    assert "programs.invitation.accepted" in actions(program)


def test_invitations_to_a_list_send_each_and_report_refusals(
    program, program_organiser, make_enrolment, django_capture_on_commit_callbacks
):
    enrolled = make_enrolment(email="already@example.org")
    valid, invalid = invitation_emails_parse(
        "a@example.org, b@example.org; a@example.org\nnot-an-address already@example.org"
    )
    assert valid == ["a@example.org", "b@example.org", "already@example.org"]
    assert invalid == ["not-an-address"]

    with django_capture_on_commit_callbacks(execute=True):
        result = invitations_send(program=program, emails=valid, actor=program_organiser)

    assert result["sent"] == ["a@example.org", "b@example.org"]
    assert [email for email, _reason in result["refused"]] == [enrolled.person.email]
    # The refused address leaves no invitation behind.
    assert Invitation.objects.filter(program=program).count() == 2
    assert sorted(message.to[0] for message in mail.outbox) == ["a@example.org", "b@example.org"]
