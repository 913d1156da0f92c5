"""The vendored DejaVu fonts (Latin and Cyrillic), each size loaded once per process."""

from functools import lru_cache
from pathlib import Path

from django.conf import settings
from PIL import ImageFont

FONT_DIR = Path(settings.BASE_DIR) / "static" / "vendor" / "fonts" / "dejavu-2.37"
REGULAR = "DejaVuSans.ttf"
BOLD = "DejaVuSans-Bold.ttf"


@lru_cache(maxsize=2)
def font_bytes(name: str) -> bytes:
    return (FONT_DIR / name).read_bytes()


@lru_cache(maxsize=512)
def font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
    from io import BytesIO

    return ImageFont.truetype(BytesIO(font_bytes(BOLD if bold else REGULAR)), size)
