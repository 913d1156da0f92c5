"""Drawing a card to PNG with Pillow: the institution's main colour as the background, its
accent colour in a band and the list's bullets, the texts in its text colour (large letters
only, so the contrast large text needs is enough), and a white strip with its logo and name.

Every text is drawn exactly as the author wrote it; `card_layout` says which text does not
fit (`TextTooLongError`) instead of cutting it off."""

from dataclasses import dataclass
from io import BytesIO

from PIL import Image, ImageDraw

from .fonts import font
from .layout import PARAGRAPH_GAP, Fitted, fit
from .models import PIXELS, CardTemplate

INK = "#1b1f24"  # the institution's name on the white strip
STRIP = "#ffffff"
# Of the card's shorter side:
MARGIN = 0.07
BAND = 0.025
STRIP_HEIGHT = 0.13
BLOCK_GAP = 0.03
SMALLEST_TEXT = 0.04  # large text at any size a card is shown in


class TextTooLongError(Exception):
    def __init__(self, field: str, size: str):
        super().__init__(field, size)
        self.field = field
        self.size = size


@dataclass(frozen=True)
class Block:
    key: str  # the text drawn (a key of `texts`)
    field: str  # the form field to shorten when it does not fit
    share: float  # of the content area's height
    largest: float  # of the card's shorter side
    bold: bool = False
    bullets: bool = False


BLOCKS = {
    CardTemplate.NUMBER: (
        Block("number", "number", 0.55, 0.30, bold=True),
        Block("caption", "caption", 0.45, 0.07),
    ),
    CardTemplate.LIST: (
        Block("title", "title", 0.27, 0.075, bold=True),
        Block("items", "items", 0.73, 0.055, bullets=True),
    ),
    CardTemplate.BEFORE_AFTER: (
        Block("title", "title", 0.28, 0.075, bold=True),
        Block("before_label", "before", 0.10, 0.045, bold=True),
        Block("before", "before", 0.26, 0.065),
        Block("after_label", "after", 0.10, 0.045, bold=True),
        Block("after", "after", 0.26, 0.065),
    ),
    CardTemplate.EVENT: (
        Block("title", "title", 0.50, 0.085, bold=True),
        Block("when", "date", 0.20, 0.06),
        Block("place", "place", 0.30, 0.06),
    ),
}


@dataclass(frozen=True)
class Look:
    """What the institution's brand gives a card: colours, its decoded logo and its name."""

    primary: str
    accent: str
    text: str
    logo: Image.Image | None
    institution: str


@dataclass(frozen=True)
class Frame:
    width: int
    height: int

    @property
    def short(self) -> int:
        return min(self.width, self.height)

    def part(self, ratio: float) -> int:
        return round(self.short * ratio)

    @property
    def strip_top(self) -> int:
        return self.height - self.part(STRIP_HEIGHT)

    @property
    def content_box(self) -> tuple[int, int, int, int]:
        """left, top, width, height of the area the texts share."""
        margin = self.part(MARGIN)
        top = self.part(BAND) + margin
        return margin, top, self.width - 2 * margin, self.strip_top - margin - top


def _bullet_indent(size: int) -> int:
    return round(size * 0.9)


def _as_list(value) -> list[str]:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def card_layout(template: str, texts: dict, size: str) -> list[tuple[Block, Fitted]]:
    """Each block of the template fitted into its share of the card; `TextTooLongError` names the
    first text that does not fit even in the smallest letters."""
    frame = Frame(*PIXELS[size])
    _left, _top, width, height = frame.content_box
    blocks = BLOCKS[template]
    gaps = frame.part(BLOCK_GAP) * (len(blocks) - 1)
    placed = []
    for block in blocks:
        largest = frame.part(block.largest)
        fitted = fit(
            _as_list(texts.get(block.key, "")),
            bold=block.bold,
            width=width - (_bullet_indent(largest) if block.bullets else 0),
            height=int((height - gaps) * block.share),
            largest=largest,
            smallest=min(frame.part(SMALLEST_TEXT), largest),
        )
        if fitted is None:
            raise TextTooLongError(block.field, size)
        placed.append((block, fitted))
    return placed


def _draw_block(draw, block: Block, fitted: Fitted, *, left: int, top: int, look: Look) -> None:
    face = font(fitted.size, bold=fitted.bold)
    indent = _bullet_indent(fitted.size) if block.bullets else 0
    y = top
    for paragraph in fitted.paragraphs:
        if block.bullets:
            dot = round(fitted.size * 0.32)
            middle = y + fitted.line_height // 2
            draw.rectangle(
                (left, middle - dot // 2, left + dot, middle + dot // 2), fill=look.accent
            )
        for line in paragraph:
            draw.text((left + indent, y), line, font=face, fill=look.text)
            y += fitted.line_height
        y += round(PARAGRAPH_GAP * fitted.line_height)


def _draw_texts(draw, frame: Frame, placed, look: Look) -> None:
    left, top, _width, height = frame.content_box
    gap = frame.part(BLOCK_GAP)
    used = sum(fitted.height for _block, fitted in placed) + gap * (len(placed) - 1)
    y = top + max((height - used) // 2, 0)
    for block, fitted in placed:
        _draw_block(draw, block, fitted, left=left, top=y, look=look)
        y += fitted.height + gap


def _draw_strip(image: Image.Image, draw, frame: Frame, look: Look) -> None:
    top = frame.strip_top
    draw.rectangle((0, top, frame.width, frame.height), fill=STRIP)
    margin = frame.part(MARGIN)
    padding = frame.part(STRIP_HEIGHT) // 6
    x = margin
    if look.logo is not None:
        logo = look.logo.copy()
        logo.thumbnail((frame.width // 3, frame.part(STRIP_HEIGHT) - 2 * padding))
        image.paste(logo, (x, top + (frame.part(STRIP_HEIGHT) - logo.height) // 2), logo)
        x += logo.width + padding * 2
    size = frame.part(STRIP_HEIGHT * 0.3)
    face = font(size)
    name = look.institution
    while face.getlength(name) > frame.width - margin - x and size > 12:
        size -= 2
        face = font(size)
    middle = top + frame.part(STRIP_HEIGHT) // 2
    draw.text((x, middle), name, font=face, fill=INK, anchor="lm")


def card_image(template: str, texts: dict, size: str, look: Look) -> Image.Image:
    frame = Frame(*PIXELS[size])
    placed = card_layout(template, texts, size)
    image = Image.new("RGB", (frame.width, frame.height), look.primary)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, frame.width, frame.part(BAND)), fill=look.accent)
    _draw_texts(draw, frame, placed, look)
    _draw_strip(image, draw, frame, look)
    return image


def png_bytes(image: Image.Image) -> bytes:
    data = BytesIO()
    image.save(data, format="PNG", compress_level=3)
    return data.getvalue()


def card_png(template: str, texts: dict, size: str, look: Look) -> bytes:
    return png_bytes(card_image(template, texts, size, look))


def logo_decoded(file) -> Image.Image | None:
    """The logo as an RGBA image, decoded once (per request) for every card drawn with it."""
    if not file:
        return None
    with file.open("rb") as stream:
        logo = Image.open(stream)
        logo.load()
    return logo.convert("RGBA")
