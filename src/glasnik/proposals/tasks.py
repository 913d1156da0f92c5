"""The proposal's emails, each in its recipient's language: to the institution's approvers
when a proposal waits for them, and to whoever sent it when they have decided."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from glasnik.core.email import email_send
from glasnik.core.links import public_url
from glasnik.toolkit.access import institution_approvers

from .models import Proposal, ProposalVersion, VersionReason


def _send(person, template: str, proposal: Proposal, **context) -> None:
    language = person.preferred_language
    with translation.override(language):
        url = public_url(reverse("proposals:detail", kwargs={"pk": proposal.pk}))
    email_send(
        to=person.email,
        template=f"proposals/email/{template}",
        context={"user": person, "url": url, "proposal": proposal, **context},
        language=language,
        subject_prefix=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX,
    )


@task()
def approval_requested(*, proposal_id: int) -> int:
    proposal = Proposal.objects.select_related("organization").filter(pk=proposal_id).first()
    if proposal is None:
        return 0
    approvers = list(institution_approvers(proposal.organization))
    for person in approvers:
        _send(person, "approval_requested", proposal)
    return len(approvers)


@task()
def decision_made(*, proposal_id: int, version_id: int) -> None:
    version = (
        ProposalVersion.objects.filter(pk=version_id, proposal_id=proposal_id)
        .select_related("proposal__organization", "author")
        .first()
    )
    if version is None:
        return
    sent = (
        ProposalVersion.objects.filter(
            proposal_id=proposal_id, reason=VersionReason.SENT_FOR_APPROVAL
        )
        .select_related("author")
        .order_by("-number")
        .first()
    )
    if sent and sent.author and sent.author.is_active:
        _send(sent.author, "decision_made", version.proposal, version=version)
