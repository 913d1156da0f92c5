"""The proposal's place on an institution's toolkit page (registered in
`ProposalsConfig.ready` through `glasnik.core.page_links`): the institution's proposals, and
for its approvers how many wait for their decision."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from glasnik.core.page_links import PageLink, page_links_register

from .selectors import proposals_awaiting


def toolkit_links(user, access) -> list[PageLink]:
    group = _("Proposal and strategy")
    url = reverse("proposals:list", kwargs={"slug": access.organization.slug})
    links = [PageLink(group=group, label=_("The institution's proposals and strategies"), url=url)]
    if access.is_approver:
        waiting = proposals_awaiting(access.organization)
        if waiting:
            label = ngettext(
                "%(count)d proposal waits for your approval",
                "%(count)d proposals wait for your approval",
                waiting,
            ) % {"count": waiting}
            links.append(PageLink(group=group, label=label, url=url))
    return links


def links_register() -> None:
    page_links_register("toolkit", toolkit_links)
