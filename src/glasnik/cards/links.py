"""The cards' links on the institution's toolkit page (registered in `CardsConfig.ready`
through `glasnik.core.page_links`)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from glasnik.core.page_links import PageLink, page_links_register

from .models import Card


def toolkit_links(user, access) -> list[PageLink]:
    slug = access.organization.slug
    count = Card.objects.filter(organization=access.organization).count()
    group = _("Infographic cards")
    note = ngettext("%(count)s card", "%(count)s cards", count) % {"count": count}
    links = [
        PageLink(
            group=group,
            label=_("The institution's cards"),
            url=reverse("cards:list", kwargs={"slug": slug}),
            note=note,
        )
    ]
    if access.may_edit:
        links += [
            PageLink(
                group=group, label=_("Make a card"), url=reverse("cards:new", kwargs={"slug": slug})
            ),
            PageLink(
                group=group,
                label=_("Colours and logo"),
                url=reverse("cards:brand", kwargs={"slug": slug}),
            ),
        ]
    return links


def links_register() -> None:
    page_links_register("toolkit", toolkit_links)
