"""Names of the files a card is downloaded as."""

from django.utils.text import slugify

from glasnik.core.transliteration.alphabet import to_latin

from .models import PIXELS, Card

HEADLINE_WORDS = 6


def card_filename(card: Card, size: str) -> str:
    """`<institution>-<first words of the card>-<width>x<height>.png`, in ASCII letters."""
    width, height = PIXELS[size]
    words = " ".join(to_latin(card.headline).split()[:HEADLINE_WORDS])
    headline = slugify(words.replace("đ", "dj").replace("Đ", "Dj")) or card.template
    return f"{card.organization.slug}-{headline}-{width}x{height}.png"
