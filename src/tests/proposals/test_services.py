"""The proposal's operations: starting from a template, saving a section with optimistic
concurrency, sending to the mentor (a review of work in mentoring) and for approval, the
approver's decision, and who may do what."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from factories.accounts import PersonFactory
from factories.organizations import OrganizationFactory
from factories.toolkit import institution_team

from glasnik.access.models import Role
from glasnik.access.services import role_grant
from glasnik.audit.models import AuditLogEntry
from glasnik.mentoring.models import MentoringPair, ReviewStatus, WorkKind
from glasnik.mentoring.pair_services import review_return
from glasnik.proposals.models import ProposalStatus, VersionReason
from glasnik.proposals.sections import SECTIONS, SectionKey, TemplateKind
from glasnik.proposals.services import (
    SectionConflictError,
    proposal_create,
    proposal_decide,
    proposal_send_for_approval,
    proposal_send_to_mentor,
    section_save,
)

from .conftest import write

pytestmark = pytest.mark.django_db


def codes(error) -> list[str]:
    return [e.code for e in error.value.error_list]


def test_proposal_starts_with_every_section_and_the_templates_prompts(team, proposal):
    sections = {s.key: s.text for s in proposal.sections.all()}

    assert set(sections) == {s.key for s in SECTIONS}
    # In the officer's language and script (Serbian, Latin).
    assert "Ko ih vodi i koliko sati nedeljno:" in sections[SectionKey.SITUATION]
    assert sections[SectionKey.GOALS] == ""
    assert proposal.language == team.organization.content_language
    assert proposal.status == ProposalStatus.DRAFT


def test_only_staff_start_a_proposal(team):
    for person in (team.approver, team.mentor, team.organiser, team.outsider):
        with pytest.raises(ValidationError) as error:
            proposal_create(
                organization=team.organization,
                template=TemplateKind.STATE_BODY,
                title="Predlog",
                actor=person,
            )
        assert codes(error) == ["not_staff"]


def test_second_writer_of_a_section_is_told_and_nothing_is_lost(team, proposal):
    opened_by_officer = proposal.sections.get(key=SectionKey.GOALS)
    opened_by_colleague = proposal.sections.get(key=SectionKey.GOALS)
    section_save(
        section=opened_by_officer,
        text="Odgovor na svako pitanje za jedan dan.",
        revision=opened_by_officer.revision,
        actor=team.officer,
    )

    with pytest.raises(SectionConflictError) as conflict:
        section_save(
            section=opened_by_colleague,
            text="Dvostruko više pratilaca do juna.",
            revision=opened_by_colleague.revision,
            actor=team.colleague,
        )

    assert conflict.value.current.text == "Odgovor na svako pitanje za jedan dan."
    assert conflict.value.current.updated_by == team.officer
    assert "Marko Petrović" in conflict.value.messages[0]
    merged = section_save(
        section=opened_by_colleague,
        text="Odgovor za jedan dan. Dvostruko više pratilaca do juna.",
        revision=conflict.value.current.revision,
        actor=team.colleague,
    )
    assert (merged.revision, merged.updated_by) == (3, team.colleague)


def test_only_staff_write_a_section(team, proposal):
    for person in (team.mentor, team.outsider):
        with pytest.raises(ValidationError) as error:
            write(proposal, SectionKey.GOALS, "Tekst", person)
        assert codes(error) == ["not_staff"]


def test_empty_proposal_is_not_sent(team):
    empty = proposal_create(
        organization=team.organization,
        template=TemplateKind.MUNICIPALITY,
        title="Prazno",
        actor=team.officer,
    )
    for section in empty.sections.all():
        write(empty, section.key, "", team.officer)

    for send in (proposal_send_to_mentor, proposal_send_for_approval):
        with pytest.raises(ValidationError) as error:
            send(proposal=empty, actor=team.officer)
        assert codes(error) == ["empty"]


def test_sent_to_the_mentor_as_a_review_of_work_and_again_after_changes(team, proposal):
    write(proposal, SectionKey.GOALS, "Odgovor za jedan radni dan.", team.officer)

    proposal_send_to_mentor(proposal=proposal, actor=team.officer)

    proposal.refresh_from_db()
    review = proposal.review
    assert (review.kind, review.status, review.author) == (
        WorkKind.PROPOSAL,
        ReviewStatus.SUBMITTED,
        team.officer,
    )
    assert review.pair == MentoringPair.objects.get(organization=team.organization)
    sections = dict(review.versions.get().sections.values_list("title", "text"))
    with translation.override("sr-latn"):  # the titles in the language and script of the text
        goals = str(SectionKey.GOALS.label)
    assert sections[goals] == "Odgovor za jedan radni dan."
    with pytest.raises(ValidationError) as error:
        proposal_send_to_mentor(proposal=proposal, actor=team.officer)
    assert codes(error) == ["at_mentor"]

    review_return(review=review, mentor=team.mentor, status=ReviewStatus.NEEDS_WORK, comments={})
    write(proposal, SectionKey.GOALS, "Odgovor za jedan radni dan, do kraja 2027.", team.officer)
    proposal_send_to_mentor(proposal=proposal, actor=team.officer)

    review.refresh_from_db()
    assert (review.status, review.versions.count()) == (ReviewStatus.SUBMITTED, 2)
    assert list(proposal.versions.values_list("number", "reason")) == [
        (1, VersionReason.SENT_TO_MENTOR),
        (2, VersionReason.SENT_TO_MENTOR),
    ]


def test_without_a_mentor_pair_the_officer_is_told_so(db):
    team = institution_team()
    MentoringPair.objects.all().delete()
    proposal = proposal_create(
        organization=team.organization,
        template=TemplateKind.INSTITUTE,
        title="Predlog",
        actor=team.officer,
    )

    with pytest.raises(ValidationError) as error:
        proposal_send_to_mentor(proposal=proposal, actor=team.officer)

    assert codes(error) == ["no_mentor"]
    assert "no mentor" in error.value.messages[0]


def test_a_colleague_outside_the_programme_cannot_send_it_to_the_mentor(team, proposal):
    with pytest.raises(ValidationError) as error:
        proposal_send_to_mentor(proposal=proposal, actor=team.colleague)

    assert codes(error) == ["not_mentee"]


def test_sent_for_approval_emails_the_approver_and_locks_the_text(
    team, proposal, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        version = proposal_send_for_approval(proposal=proposal, actor=team.officer)

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.AWAITING_APPROVAL
    assert (version.number, version.reason, version.author) == (
        1,
        VersionReason.SENT_FOR_APPROVAL,
        team.officer,
    )
    assert [m.to for m in mailoutbox] == [[team.approver.email]]
    # In the approver's language and script (Serbian Cyrillic).
    assert "Стратегија комуникације 2027." in mailoutbox[0].subject
    with pytest.raises(ValidationError) as error:
        write(proposal, SectionKey.GOALS, "Izmena", team.officer)
    assert codes(error) == ["locked"]
    with pytest.raises(ValidationError) as error:
        proposal_send_for_approval(proposal=proposal, actor=team.officer)
    assert codes(error) == ["status"]


def test_only_an_approver_of_the_institution_decides(team, proposal):
    proposal_send_for_approval(proposal=proposal, actor=team.officer)
    other_approver = PersonFactory()
    role_grant(
        person=other_approver, role=Role.APPROVER, scope=OrganizationFactory(name="Grad Niš")
    )

    for person in (team.officer, team.mentor, team.organiser, other_approver, PersonFactory()):
        with pytest.raises(ValidationError) as error:
            proposal_decide(proposal=proposal, actor=person, decision="approve")
        assert codes(error) == ["not_approver"]
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.AWAITING_APPROVAL


def test_returned_needs_a_comment_then_approved_with_versions_and_audit(
    team, proposal, mailoutbox, django_capture_on_commit_callbacks
):
    proposal_send_for_approval(proposal=proposal, actor=team.officer)
    with pytest.raises(ValidationError) as error:
        proposal_decide(proposal=proposal, actor=team.approver, decision="return", comment=" ")
    assert codes(error) == ["comment"]

    with django_capture_on_commit_callbacks(execute=True):
        proposal_decide(
            proposal=proposal, actor=team.approver, decision="return", comment="Dodajte rokove."
        )
    write(proposal, SectionKey.TIMELINE, "Mart: Instagram.", team.officer)
    proposal_send_for_approval(proposal=proposal, actor=team.officer)
    proposal_decide(proposal=proposal, actor=team.approver, decision="approve")

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.APPROVED
    assert list(proposal.versions.values_list("reason", flat=True)) == [
        VersionReason.SENT_FOR_APPROVAL,
        VersionReason.RETURNED,
        VersionReason.SENT_FOR_APPROVAL,
        VersionReason.APPROVED,
    ]
    assert list(proposal.comments.values_list("decision", "text")) == [
        ("return", "Dodajte rokove."),
        ("approve", ""),
    ]
    assert [m.to for m in mailoutbox] == [[team.officer.email]]
    assert list(
        AuditLogEntry.objects.filter(action="proposals.proposal.decide")
        .order_by("pk")
        .values_list("data__decision", flat=True)
    ) == ["return", "approve"]


def test_a_change_after_approval_makes_it_a_draft_again(team, proposal):
    proposal_send_for_approval(proposal=proposal, actor=team.officer)
    proposal_decide(proposal=proposal, actor=team.approver, decision="approve")

    write(proposal, SectionKey.KPIS, "Vreme do odgovora, mesečno.", team.colleague)

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT
