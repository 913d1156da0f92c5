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


def post_links(user, post) -> list[PageLink]:
    """On a planned post's page: its cards, and for the institution's staff a way to make one
    from the post's text."""
    from urllib.parse import urlencode

    from glasnik.toolkit.access import institution_access

    group = _("Infographic cards")
    links = [
        PageLink(
            group=group,
            label=card.headline,
            url=reverse("cards:detail", kwargs={"pk": card.pk}),
            lang=card.language,
        )
        for card in Card.objects.filter(post=post).order_by("created_at", "pk")
    ]
    if institution_access(user, post.organization).may_edit:
        query = urlencode(
            {
                "title": post.title,
                "language": post.content_language.split("-")[0],
                "post": post.pk,
            }
        )
        url = reverse("cards:new", kwargs={"slug": post.organization.slug})
        links.append(
            PageLink(group=group, label=_("Make a card for this post"), url=f"{url}?{query}")
        )
    return links


def links_register() -> None:
    page_links_register("toolkit", toolkit_links)
    page_links_register("post", post_links)
