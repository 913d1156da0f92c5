"""Fitting a card's texts into its boxes: each text wrapped at word boundaries and the letters
made smaller until it fits, down to a smallest size; a text that does not fit even then is
refused (`TextTooLong`), never cut off."""

from dataclasses import dataclass

from .fonts import font

LINE_SPACING = 1.12
PARAGRAPH_GAP = 0.45  # of a line's height, between the items of a list
SHRINK_STEP = 0.93


@dataclass(frozen=True)
class Fitted:
    size: int
    bold: bool
    line_height: int
    # One list of lines per paragraph (a list item, the label and the text of a block).
    paragraphs: tuple[tuple[str, ...], ...]

    @property
    def height(self) -> int:
        lines = sum(len(paragraph) for paragraph in self.paragraphs)
        gaps = max(len(self.paragraphs) - 1, 0)
        return int(lines * self.line_height + gaps * PARAGRAPH_GAP * self.line_height)


def wrap(text: str, *, size: int, bold: bool, width: int) -> tuple[str, ...] | None:
    """`text` in lines no wider than `width` (its own line breaks kept); None when one word
    alone is wider."""
    face = font(size, bold=bold)
    lines: list[str] = []
    for written_line in text.splitlines() or [""]:
        current = ""
        for word in written_line.split():
            candidate = f"{current} {word}" if current else word
            if face.getlength(candidate) <= width:
                current = candidate
                continue
            if face.getlength(word) > width:
                return None
            lines.append(current)
            current = word
        lines.append(current)
    return tuple(lines)


def line_height(size: int, *, bold: bool) -> int:
    ascent, descent = font(size, bold=bold).getmetrics()
    return int((ascent + descent) * LINE_SPACING)


def fit_at(texts, *, size: int, bold: bool, width: int, height: int) -> Fitted | None:
    paragraphs = []
    for text in texts:
        lines = wrap(text, size=size, bold=bold, width=width)
        if lines is None:
            return None
        paragraphs.append(lines)
    fitted = Fitted(size, bold, line_height(size, bold=bold), tuple(paragraphs))
    return fitted if fitted.height <= height else None


def candidate_sizes(largest: int, smallest: int):
    size = largest
    while size > smallest:
        yield size
        size = int(size * SHRINK_STEP)
    yield smallest


def fit(texts, *, bold: bool, width: int, height: int, largest: int, smallest: int):
    """The largest size at which every one of `texts` fits the box (all at one size); None
    when they do not fit even at `smallest`."""
    for size in candidate_sizes(largest, smallest):
        fitted = fit_at(texts, size=size, bold=bold, width=width, height=height)
        if fitted is not None:
            return fitted
    return None
