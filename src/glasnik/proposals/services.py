"""Every write to a proposal: starting one from a template, saving a section (optimistic
concurrency: a save based on an older revision is refused and the current text handed back),
sending it to the mentor (as a review of work in mentoring), sending it to the institution's
approvers, their decision, comments. Each step keeps a version and an audit-log entry."""

from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from glasnik.audit.services import log_action
from glasnik.mentoring.models import ReviewStatus, WorkKind
from glasnik.mentoring.pair_services import pair_of_mentee, review_resubmit, review_submit
from glasnik.toolkit.access import institution_access, institution_approvers

from .models import (
    Decision,
    Proposal,
    ProposalComment,
    ProposalSection,
    ProposalStatus,
    ProposalVersion,
    VersionReason,
)
from .sections import SECTIONS, TemplateKind, template_start
from .selectors import current_texts, mentor_pairs, texts_are_empty, writing_language


class SectionConflictError(ValidationError):
    """Someone saved the section after the writer opened it: `current` is the section now."""

    def __init__(self, current: ProposalSection):
        super().__init__(
            _(
                "%(person)s saved this section while you were writing. Your text is kept "
                "below, beside theirs: merge the two and save again."
            )
            % {"person": current.updated_by or _("Someone")},
            code="conflict",
        )
        self.current = current


def _log(action: str, *, actor, proposal: Proposal, **data) -> None:
    log_action(
        f"proposals.{action}",
        actor=actor,
        target=proposal,
        scope=proposal.organization,
        data=data,
    )


def _require_staff(actor, organization) -> None:
    if not institution_access(actor, organization).may_edit:
        raise ValidationError(
            _("Only the institution's staff write its proposal."), code="not_staff"
        )


def _start_language(language: str, actor) -> str:
    """The starting prompts in the writer's own interface language when it is the proposal's
    language (a Serbian reader of Latin gets Latin), else in the proposal's language."""
    preferred = getattr(actor, "preferred_language", "") or ""
    if preferred.split("-")[0] == language:
        return preferred
    return language if language in ("sr", "bs", "hr", "sl", "en") else "en"


@transaction.atomic
def proposal_create(
    *, organization, template: str, title: str, actor, language: str = ""
) -> Proposal:
    _require_staff(actor, organization)
    if template not in TemplateKind.values:
        raise ValidationError(_("Choose a template."), code="template")
    if not title.strip():
        raise ValidationError(_("Give the proposal a title."), code="title")
    language = language or organization.content_language
    proposal = Proposal.objects.create(
        organization=organization,
        title=title.strip(),
        template=template,
        language=language,
        created_by=actor,
    )
    with translation.override(_start_language(language, actor)):
        ProposalSection.objects.bulk_create(
            ProposalSection(
                proposal=proposal,
                key=guide.key,
                text=template_start(template, guide.key),
                updated_by=actor,
            )
            for guide in SECTIONS
        )
    _log("proposal.create", actor=actor, proposal=proposal, template=template)
    return proposal


@transaction.atomic
def section_save(*, section: ProposalSection, text: str, revision: int, actor) -> ProposalSection:
    """Save the section if nobody saved it since `revision`; else `SectionConflictError`."""
    current = (
        ProposalSection.objects.select_for_update(of=("self",))
        .select_related("proposal__organization", "updated_by")
        .get(pk=section.pk)
    )
    proposal = current.proposal
    _require_staff(actor, proposal.organization)
    if proposal.status == ProposalStatus.AWAITING_APPROVAL:
        raise ValidationError(
            _("The proposal is waiting for approval: it can be changed after the decision."),
            code="locked",
        )
    if current.revision != revision:
        raise SectionConflictError(current)
    current.text = text.strip()
    current.revision += 1
    current.updated_by = actor
    current.save(update_fields=["text", "revision", "updated_by", "updated_at"])
    if proposal.status == ProposalStatus.APPROVED:
        # A change after approval is a new draft; the approved version stays in the history.
        proposal.status = ProposalStatus.DRAFT
    proposal.save(update_fields=["status", "updated_at"])
    return current


def _version_add(proposal: Proposal, reason: str, actor, texts: dict) -> ProposalVersion:
    number = (
        ProposalVersion.objects.filter(proposal=proposal)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
        or 0
    ) + 1
    return ProposalVersion.objects.create(
        proposal=proposal, number=number, reason=reason, author=actor, texts=texts
    )


def _locked(proposal: Proposal) -> Proposal:
    return (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("organization", "review")
        .get(pk=proposal.pk)
    )


def _texts_to_send(proposal: Proposal) -> dict[str, str]:
    texts = current_texts(proposal)
    if texts_are_empty(texts):
        raise ValidationError(
            _("The proposal is empty: write at least one section first."), code="empty"
        )
    return texts


def proposal_mentor_pair(proposal: Proposal, person):
    """The mentoring pair through which `person` sends the proposal to a mentor."""
    pairs = list(mentor_pairs(proposal.organization))
    if not pairs:
        raise ValidationError(
            _(
                "Your institution has no mentor yet. A programme's organisers pair an "
                "institution with a mentor; ask them."
            ),
            code="no_mentor",
        )
    for pair in pairs:
        if pair_of_mentee(pair, person):
            return pair
    raise ValidationError(
        _(
            "Only a participant of the institution's mentoring pair can send work to its "
            "mentor: ask the colleague who takes part in the programme."
        ),
        code="not_mentee",
    )


@transaction.atomic
def proposal_send_to_mentor(*, proposal: Proposal, actor) -> ProposalVersion:
    proposal = _locked(proposal)
    _require_staff(actor, proposal.organization)
    texts = _texts_to_send(proposal)
    pair = proposal_mentor_pair(proposal, actor)
    with translation.override(writing_language(proposal, texts)):
        sections = [(str(guide.title), texts.get(guide.key, "")) for guide in SECTIONS]
    review = proposal.review
    if review and review.pair_id == pair.pk and review.status == ReviewStatus.SUBMITTED:
        raise ValidationError(
            _("The mentor has not returned the last version yet."), code="at_mentor"
        )
    if review and review.pair_id == pair.pk and review.status == ReviewStatus.NEEDS_WORK:
        review_resubmit(review=review, author=actor, sections=sections)
    else:
        review = review_submit(
            pair=pair,
            author=actor,
            title=proposal.title,
            kind=WorkKind.PROPOSAL,
            sections=sections,
        )
        proposal.review = review
    proposal.save(update_fields=["review", "updated_at"])
    version = _version_add(proposal, VersionReason.SENT_TO_MENTOR, actor, texts)
    _log("proposal.to_mentor", actor=actor, proposal=proposal, version=version.number)
    return version


def _notify(task_name: str, **ids) -> None:
    from . import tasks

    transaction.on_commit(partial(getattr(tasks, task_name).enqueue, **ids))


@transaction.atomic
def proposal_send_for_approval(
    *, proposal: Proposal, actor, notify: bool = True
) -> ProposalVersion:
    """To the institution's approvers, emailed unless `notify` is False (the demo data)."""
    proposal = _locked(proposal)
    _require_staff(actor, proposal.organization)
    if proposal.status == ProposalStatus.AWAITING_APPROVAL:
        raise ValidationError(_("The proposal is already waiting for approval."), code="status")
    texts = _texts_to_send(proposal)
    if not institution_approvers(proposal.organization).exists():
        raise ValidationError(
            _("Nobody approves this institution's proposals yet: ask the administrator."),
            code="no_approver",
        )
    proposal.status = ProposalStatus.AWAITING_APPROVAL
    proposal.save(update_fields=["status", "updated_at"])
    version = _version_add(proposal, VersionReason.SENT_FOR_APPROVAL, actor, texts)
    _log("proposal.to_approval", actor=actor, proposal=proposal, version=version.number)
    if notify:
        _notify("approval_requested", proposal_id=proposal.pk)
    return version


@transaction.atomic
def proposal_decide(*, proposal: Proposal, actor, decision: str, comment: str = "") -> Proposal:
    """The approver's decision on the version sent for approval."""
    proposal = _locked(proposal)
    if not institution_access(actor, proposal.organization).is_approver:
        raise ValidationError(
            _("Only an approver of the institution decides on its proposal."),
            code="not_approver",
        )
    if proposal.status != ProposalStatus.AWAITING_APPROVAL:
        raise ValidationError(_("The proposal is not waiting for approval."), code="status")
    if decision not in Decision.values:
        raise ValidationError(_("Choose to approve or to return it."), code="decision")
    if decision == Decision.RETURN and not comment.strip():
        raise ValidationError(
            _("Say what should change: a returned proposal needs a comment."), code="comment"
        )
    approved = decision == Decision.APPROVE
    proposal.status = ProposalStatus.APPROVED if approved else ProposalStatus.RETURNED
    proposal.save(update_fields=["status", "updated_at"])
    reason = VersionReason.APPROVED if approved else VersionReason.RETURNED
    version = _version_add(proposal, reason, actor, current_texts(proposal))
    ProposalComment.objects.create(
        proposal=proposal, author=actor, text=comment.strip(), decision=decision, version=version
    )
    _log("proposal.decide", actor=actor, proposal=proposal, decision=decision)
    _notify("decision_made", proposal_id=proposal.pk, version_id=version.pk)
    return proposal


@transaction.atomic
def proposal_comment_add(*, proposal: Proposal, actor, text: str) -> ProposalComment:
    if not institution_access(actor, proposal.organization).may_comment:
        raise ValidationError(_("You cannot comment on this proposal."), code="not_allowed")
    if not text.strip():
        raise ValidationError(_("Write a comment."), code="empty")
    comment = ProposalComment.objects.create(proposal=proposal, author=actor, text=text.strip())
    _log("proposal.comment", actor=actor, proposal=proposal)
    return comment
