"""The competitions' links on the programme page (registered in `CompetitionsConfig.ready`
through `glasnik.core.page_links`): each competition of the programme, and for its organisers
the way to create one."""

from django.urls import reverse
from django.utils.translation import gettext as _

from glasnik.core.page_links import PageLink, page_links_register

from .selectors import programme_competitions


def programme_links(user, program) -> list[PageLink]:
    group = _("Competitions")
    links = [
        PageLink(
            group=group,
            label=title,
            url=reverse("competitions:detail", kwargs={"slug": slug}),
            lang=program.content_language,
        )
        for title, slug in programme_competitions(program)
    ]
    if user.is_authenticated and user.has_perm("programs.manage_program", program):
        url = reverse("competitions:create", kwargs={"program_slug": program.slug})
        links.append(PageLink(group=group, label=_("Create a competition"), url=url))
    return links


def links_register() -> None:
    page_links_register("programme", programme_links)
