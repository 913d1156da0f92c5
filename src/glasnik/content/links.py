"""The content calendar's links on an institution's toolkit page (registered in
`ContentConfig.ready` through `glasnik.core.page_links`). No query: what the reader may do is
already in the access."""

from django.urls import reverse
from django.utils.translation import gettext as _

from glasnik.core.page_links import PageLink, page_links_register


def toolkit_links(user, access) -> list[PageLink]:
    group = _("Content calendar")
    slug = access.organization.slug
    links = [
        PageLink(group=group, label=_("Month"), url=reverse("content:month", args=[slug])),
        PageLink(group=group, label=_("List of posts"), url=reverse("content:list", args=[slug])),
        PageLink(
            group=group,
            label=_("Approval chain and pillars"),
            url=reverse("content:chain", args=[slug]),
        ),
        PageLink(group=group, label=_("Waiting for my approval"), url=reverse("content:waiting")),
    ]
    if access.may_edit:
        links.append(
            PageLink(
                group=group, label=_("Plan a post"), url=reverse("content:post_create", args=[slug])
            )
        )
    return links


def links_register() -> None:
    page_links_register("toolkit", toolkit_links)
