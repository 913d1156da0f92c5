"""The competitions' links on the programme page (registered in `CompetitionsConfig.ready`
through `glasnik.core.page_links`): each competition of the programme, and for its organisers
the way to create one."""

from django.urls import reverse
from django.utils.translation import gettext as _

from glasnik.core.object_cache import object_cache_get
from glasnik.core.page_links import PageLink, page_links_register

from .models import Competition

KEPT_SECONDS = 24 * 3600


def programme_competitions(program) -> list[tuple[str, str]]:
    """The title and address of each of the programme's competitions, kept with the
    programme (its page shows them to everyone) until a competition of it is saved or
    deleted (`CompetitionsConfig.ready`)."""
    return object_cache_get(
        "program",
        program.pk,
        "competitions",
        lambda: list(
            Competition.objects.filter(program=program)
            .order_by("created_at")
            .values_list("title", "slug")
        ),
        KEPT_SECONDS,
    )


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
