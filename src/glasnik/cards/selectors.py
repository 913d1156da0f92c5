"""Reads of the cards app."""

from glasnik.toolkit.models import brand_of

from .models import Card
from .render import Look, card_png, logo_decoded
from .texts import CardWords, drawn_texts


def institution_cards(organization):
    """The institution's cards, the latest changed first (one query per page)."""
    return (
        Card.objects.filter(organization=organization)
        .select_related("created_by")
        .order_by("-updated_at", "-pk")
    )


def look_of(brand, *, institution: str, logo=None) -> Look:
    return Look(
        primary=brand.primary_colour,
        accent=brand.accent_colour,
        text=brand.text_colour,
        logo=logo,
        institution=institution,
    )


def card_drawn(
    *, organization, template: str, data: dict, language: str, size: str, brand=None, logo=None
) -> bytes:
    """The card as PNG in the institution's look. `logo` is the brand's logo already decoded
    (`logo_decoded`), so a request drawing several cards decodes it once."""
    brand = brand or brand_of(organization)
    if logo is None and brand.logo:
        logo = logo_decoded(brand.logo)
    words = CardWords(language, data)
    look = look_of(brand, institution=words.institution(organization), logo=logo)
    return card_png(template, drawn_texts(template, data, words), size, look)


def card_png_of(card: Card, size: str, *, brand=None, logo=None) -> bytes:
    return card_drawn(
        organization=card.organization,
        template=card.template,
        data=card.data,
        language=card.language,
        size=size,
        brand=brand,
        logo=logo,
    )


def post_of_institution(organization, post_id):
    """The institution's planned post a new card is made for (`?post=` on the way in), or
    None: a post of another institution, or none at all."""
    from glasnik.content.models import Post

    if not str(post_id or "").isdigit():
        return None
    return Post.objects.filter(pk=int(post_id), organization=organization).first()
