"""Cards and an institution's look for the cards' tests."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from glasnik.cards import services

NUMBER_DATA = {"number": "1.250", "caption": "novih stabala zasađeno u 2026. godini"}


def png_upload(name: str = "logo.png", *, size=(120, 60), colour="#c8102e") -> SimpleUploadedFile:
    data = BytesIO()
    Image.new("RGB", size, colour).save(data, format="PNG")
    return SimpleUploadedFile(name, data.getvalue(), content_type="image/png")


def number_card(organization, author, **overrides):
    fields = {
        "organization": organization,
        "actor": author,
        "template": "number",
        "data": dict(NUMBER_DATA),
        "language": "sr",
        "size": "square",
    } | overrides
    return services.card_create(**fields)
