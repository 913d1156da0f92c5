"""A proposal and its versions, fetched and authorised in one step through the toolkit's
definition of who works on an institution's plans: 404 for whoever may not see them."""

from django.http import Http404

from glasnik.toolkit.access import InstitutionAccess, institution_access

from .models import Proposal, ProposalVersion


def proposal_for_user(user, pk: int) -> tuple[Proposal, InstitutionAccess]:
    proposal = Proposal.objects.select_related("organization", "review").filter(pk=pk).first()
    if proposal is None:
        raise Http404
    access = institution_access(user, proposal.organization)
    if not access.may_view:
        raise Http404
    return proposal, access


def version_for_user(user, pk: int) -> tuple[ProposalVersion, InstitutionAccess]:
    version = ProposalVersion.objects.filter(pk=pk).select_related("author").first()
    if version is None:
        raise Http404
    proposal, access = proposal_for_user(user, version.proposal_id)
    version.proposal = proposal
    return version, access
