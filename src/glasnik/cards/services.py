"""Every write of the cards app: an institution's look (colours and logo) and its cards."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from glasnik.audit.services import log_action
from glasnik.core.uploads import upload_check
from glasnik.toolkit.models import COLOUR, LOGO_EXTENSIONS, LOGO_MAX_BYTES, Brand

from .contrast import LARGE_TEXT, contrast_ratio
from .models import Card, CardSize
from .render import TextTooLongError, card_layout
from .texts import CardWords, alt_text_generate, drawn_texts

LOGO_MAX_PIXELS = 4000 * 4000


def brand_contrast_check(*, primary_colour: str, text_colour: str) -> float:
    """The contrast of the cards' text on their main colour; refused below what large text
    needs (every text drawn on the main colour is large)."""
    ratio = contrast_ratio(primary_colour, text_colour)
    if ratio < LARGE_TEXT:
        raise ValidationError(
            _(
                "The text colour on the main colour has a contrast of %(ratio)s:1, too little "
                "to read: the cards' large text needs at least 3:1 (WCAG 2.1). Choose a darker "
                "main colour or a lighter text colour, or the other way round."
            ),
            code="contrast",
            params={"ratio": f"{ratio:.1f}"},
        )
    return ratio


def logo_check(logo) -> None:
    """A PNG or JPEG no larger than the limit, whose content is an image Pillow can read."""
    upload_check(logo, extensions=LOGO_EXTENSIONS, max_bytes=LOGO_MAX_BYTES)
    try:
        with Image.open(logo) as image:
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise ValidationError(
            _("The logo could not be read as an image."), code="logo_unreadable"
        ) from error
    finally:
        logo.seek(0)
    if width * height > LOGO_MAX_PIXELS:
        raise ValidationError(
            _("The logo is too large: at most 4000 × 4000 pixels."), code="logo_pixels"
        )


@transaction.atomic
def brand_save(
    *,
    organization,
    actor,
    primary_colour: str,
    accent_colour: str,
    text_colour: str,
    logo=None,
    logo_remove: bool = False,
) -> Brand:
    for colour in (primary_colour, accent_colour, text_colour):
        COLOUR(colour)
    brand_contrast_check(primary_colour=primary_colour, text_colour=text_colour)
    if logo:
        logo_check(logo)
    brand, _created = Brand.objects.select_for_update().get_or_create(organization=organization)
    brand.primary_colour, brand.accent_colour = primary_colour.lower(), accent_colour.lower()
    brand.text_colour = text_colour.lower()
    if logo:
        brand.logo = logo
    elif logo_remove:
        brand.logo = ""
    brand.save()
    log_action(
        "cards.brand.saved",
        actor=actor,
        target=brand,
        scope=organization,
        data={"logo": bool(brand.logo)},
    )
    return brand


def card_fit_check(*, template: str, data: dict, language: str) -> None:
    """Every text fits the card in every size, or the author is told which to shorten."""
    texts = drawn_texts(template, data, CardWords(language, data))
    for size in CardSize.values:
        try:
            card_layout(template, texts, size)
        except TextTooLongError as refused:
            raise ValidationError(
                {
                    refused.field: ValidationError(
                        _(
                            "This text is too long to fit on the card in the size "
                            "“%(size)s”, even in the smallest letters. Shorten it."
                        ),
                        code="too_long",
                        params={"size": CardSize(size).label},
                    )
                }
            ) from refused


@transaction.atomic
def card_create(
    *,
    organization,
    actor,
    template: str,
    data: dict,
    language: str,
    size: str,
    alt_text: str = "",
    post=None,
) -> Card:
    """A new card of the institution; `post` is the planned post it is made for (one of the
    same institution's, else refused)."""
    if post is not None and post.organization_id != organization.pk:
        raise ValidationError(_("The post belongs to another institution."), code="post")
    card_fit_check(template=template, data=data, language=language)
    generated = alt_text_generate(template, data, language, organization)
    alt_text = alt_text.strip()
    card = Card.objects.create(
        organization=organization,
        template=template,
        data=data,
        language=language,
        size=size,
        alt_text=alt_text or generated,
        alt_text_edited=bool(alt_text) and alt_text != generated,
        post=post,
        created_by=actor,
    )
    log_action("cards.card.created", actor=actor, target=card, scope=organization)
    return card


@transaction.atomic
def card_update(*, card: Card, actor, data: dict, language: str, size: str, alt_text: str) -> Card:
    """New texts for the card. Its alt text follows them unless someone wrote it by hand
    (then it is kept); alt text changed in this edit counts as written by hand, an emptied
    one is written again from the texts."""
    card_fit_check(template=card.template, data=data, language=language)
    alt_text = alt_text.strip()
    generated = alt_text_generate(card.template, data, language, card.organization)
    if not alt_text:
        card.alt_text, card.alt_text_edited = generated, False
    elif alt_text != card.alt_text:
        card.alt_text, card.alt_text_edited = alt_text, alt_text != generated
    elif not card.alt_text_edited:
        card.alt_text = generated
    card.data, card.language, card.size = data, language, size
    card.save()
    log_action(
        "cards.card.updated",
        actor=actor,
        target=card,
        scope=card.organization,
        data={"alt_text_edited": card.alt_text_edited},
    )
    return card


@transaction.atomic
def card_alt_text_regenerate(*, card: Card, actor) -> Card:
    card.alt_text = alt_text_generate(card.template, card.data, card.language, card.organization)
    card.alt_text_edited = False
    card.save(update_fields=["alt_text", "alt_text_edited", "updated_at"])
    log_action("cards.card.alt_text_regenerated", actor=actor, target=card, scope=card.organization)
    return card


@transaction.atomic
def card_delete(*, card: Card, actor) -> None:
    log_action(
        "cards.card.deleted",
        actor=actor,
        target=card,
        scope=card.organization,
        data={"template": card.template},
    )
    card.delete()
