"""The post coach's links on an institution's toolkit page (registered in `CoachConfig.ready`
through `glasnik.core.page_links`)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from glasnik.core.page_links import PageLink, page_links_register


def toolkit_links(user, access) -> list[PageLink]:
    slug = access.organization.slug
    group = _("Post coach")
    return [
        PageLink(
            group=group,
            label=_("Post coach"),
            url=reverse("coach:check_page", args=[slug]),
            note=_("check a post as you write it"),
        ),
        PageLink(
            group=group, label=_("Coach settings"), url=reverse("coach:settings", args=[slug])
        ),
    ]


def links_register() -> None:
    page_links_register("toolkit", toolkit_links)
