"""Demo data: Kragujevac's look (its colours and a small generated logo) and two of its cards,
one written in Latin and one in Cyrillic. Safe to run again."""

from io import BytesIO

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from glasnik.toolkit.models import Brand

from . import services
from .models import Card

EMAIL_DOMAIN = "demo.glasnik.test"
CARDS = [
    (
        "number",
        {"number": "1.250", "caption": "novih stabala zasađeno u 2026. godini"},
        "square",
    ),
    (
        "event",
        {
            "title": "Јавна расправа о буџету града за 2027. годину",
            "date": "2026-12-15",
            "time": "18:00",
            "place": "Велика сала Скупштине града, Трг слободе 3",
        },
        "landscape",
    ),
]


def _demo_logo() -> ContentFile:
    image = Image.new("RGBA", (240, 240), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, 232, 232), fill="#7a1f2b")
    draw.polygon([(120, 40), (190, 120), (120, 200), (50, 120)], fill="#e8b923")
    data = BytesIO()
    image.save(data, format="PNG")
    return ContentFile(data.getvalue(), name="kragujevac-logo.png")


def demo_cards() -> None:
    officer = get_user_model().objects.get(email=f"marko.petrovic@{EMAIL_DOMAIN}")
    kragujevac = officer.positions.get().organization
    if not Brand.objects.filter(organization=kragujevac).exists():
        services.brand_save(
            organization=kragujevac,
            actor=officer,
            primary_colour="#7a1f2b",
            accent_colour="#e8b923",
            text_colour="#ffffff",
            logo=_demo_logo(),
        )
    if Card.objects.filter(organization=kragujevac).exists():
        return
    for template, data, size in CARDS:
        services.card_create(
            organization=kragujevac,
            actor=officer,
            template=template,
            data=data,
            language="sr",
            size=size,
        )
