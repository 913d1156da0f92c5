"""Drawing cards: PNG in each size, in the institution's colours, texts shrunk to fit or
refused, as written."""

from io import BytesIO

import pytest
from PIL import Image

from glasnik.cards.models import PIXELS, CardSize, CardTemplate
from glasnik.cards.render import Look, TextTooLongError, card_layout, card_png
from glasnik.cards.texts import CardWords, drawn_texts

LOOK = Look("#1f4e79", "#f2a900", "#ffffff", None, "Grad Kragujevac")
DATA = {
    CardTemplate.NUMBER: {"number": "1.250", "caption": "novih stabala u 2026."},
    CardTemplate.LIST: {"title": "Novi budžet", "items": ["Vrtić", "Pijaca", "Prevoz"]},
    CardTemplate.BEFORE_AFTER: {"title": "Ulica", "before": "Rupe", "after": "Asfalt"},
    CardTemplate.EVENT: {
        "title": "Javna rasprava",
        "date": "2026-12-15",
        "time": "18:00",
        "place": "Velika sala",
    },
}


def _draw(template, data, size, look=LOOK, language="sr"):
    texts = drawn_texts(template, data, CardWords(language, data))
    return card_png(template, texts, size, look)


@pytest.mark.parametrize("template", CardTemplate.values)
@pytest.mark.parametrize("size", CardSize.values)
def test_each_template_draws_a_png_of_each_size(template, size):
    content = _draw(template, DATA[template], size)

    assert content.startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(BytesIO(content)) as image:
        assert image.size == PIXELS[size]


def test_the_card_is_in_the_institutions_colours():
    look = Look("#123456", "#abcdef", "#fedcba", None, "Grad Kragujevac")

    with Image.open(BytesIO(_draw("number", DATA["number"], "square", look))) as image:
        colours = {colour for _count, colour in image.getcolors(maxcolors=100_000)}

    assert {(0x12, 0x34, 0x56), (0xAB, 0xCD, 0xEF), (0xFE, 0xDC, 0xBA)} <= colours


def test_the_logo_is_drawn_on_the_white_strip():
    logo = Image.new("RGBA", (200, 100), "#c8102e")
    look = Look("#1f4e79", "#f2a900", "#ffffff", logo, "Grad Kragujevac")

    with Image.open(BytesIO(_draw("number", DATA["number"], "square", look))) as image:
        colours = {colour for _count, colour in image.getcolors(maxcolors=100_000)}

    assert (0xC8, 0x10, 0x2E) in colours


def test_a_longer_text_is_drawn_smaller():
    short = {"number": "12", "caption": "novih vrtića"}
    long = {"number": "12", "caption": " ".join(["novih vrtića u gradu"] * 8)}

    def caption_size(data):
        texts = drawn_texts("number", data, CardWords("sr", data))
        return {block.key: fitted for block, fitted in card_layout("number", texts, "square")}[
            "caption"
        ].size

    assert caption_size(long) < caption_size(short)


def test_a_text_too_long_to_fit_is_refused_not_cut():
    data = {"number": "12", "caption": " ".join(["novih vrtića u gradu"] * 40)}
    texts = drawn_texts("number", data, CardWords("sr", data))

    with pytest.raises(TextTooLongError) as refused:
        card_layout("number", texts, "link")

    assert refused.value.field == "caption"


def test_a_word_wider_than_the_card_is_refused():
    data = {"number": "1" * 40, "caption": "stabala"}
    texts = drawn_texts("number", data, CardWords("sr", data))

    with pytest.raises(TextTooLongError) as refused:
        card_layout("number", texts, "square")

    assert refused.value.field == "number"


@pytest.mark.django_db
def test_the_text_is_drawn_as_written_in_its_script():
    cyrillic = {"title": "Улица", "before": "Рупе", "after": "Асфалт"}
    latin = {"title": "Ulica", "before": "Rupe", "after": "Asfalt"}

    cyrillic_texts = drawn_texts("before_after", cyrillic, CardWords("sr", cyrillic))
    latin_texts = drawn_texts("before_after", latin, CardWords("sr", latin))

    assert cyrillic_texts["title"] == "Улица"
    assert latin_texts["title"] == "Ulica"
    assert cyrillic_texts["before_label"] == "Пре"
    assert latin_texts["before_label"] == "Pre"
