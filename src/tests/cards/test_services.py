"""Cards and the institution's look: validation, alt text, and the audit log."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from factories.cards import NUMBER_DATA, number_card, png_upload
from factories.toolkit import institution_team

from glasnik.audit.models import AuditLogEntry
from glasnik.cards import services
from glasnik.cards.contrast import contrast_ratio
from glasnik.cards.texts import alt_text_generate
from glasnik.toolkit.models import LOGO_MAX_BYTES, brand_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return institution_team()


def _brand(team, **fields):
    values = {
        "organization": team.organization,
        "actor": team.officer,
        "primary_colour": "#1f4e79",
        "accent_colour": "#f2a900",
        "text_colour": "#ffffff",
    } | fields
    return services.brand_save(**values)


def test_contrast_is_measured_as_wcag_does():
    assert round(contrast_ratio("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast_ratio("#777777", "#ffffff"), 2) == 4.48


def test_the_brand_is_saved_with_its_logo_and_logged(team):
    brand = _brand(team, logo=png_upload())

    assert brand_of(team.organization).primary_colour == "#1f4e79"
    assert brand.logo.name.endswith("logo.png")
    assert AuditLogEntry.objects.filter(action="cards.brand.saved").count() == 1


def test_text_colour_without_enough_contrast_is_refused(team):
    with pytest.raises(ValidationError) as refused:
        _brand(team, primary_colour="#ffff00", text_colour="#ffffff")

    assert refused.value.code == "contrast"
    assert "1.1:1" in refused.value.messages[0]
    assert not brand_of(team.organization).pk


def test_contrast_enough_for_large_text_is_accepted(team):
    # 3.9:1: the cards draw only large text on the main colour.
    brand = _brand(team, primary_colour="#e0561b", text_colour="#ffffff")

    assert brand.pk


def test_a_logo_of_another_type_is_refused(team):
    pdf = SimpleUploadedFile("logo.pdf", b"%PDF-1.4 ...", content_type="application/pdf")

    with pytest.raises(ValidationError) as refused:
        _brand(team, logo=pdf)

    assert refused.value.code == "file_type"


def test_a_renamed_file_is_refused_as_a_logo(team):
    fake = SimpleUploadedFile("logo.png", b"MZ\x90\x00" * 100, content_type="image/png")

    with pytest.raises(ValidationError) as refused:
        _brand(team, logo=fake)

    assert refused.value.code == "file_content"


def test_a_logo_too_large_is_refused(team):
    big = SimpleUploadedFile("logo.png", b"\x89PNG\r\n\x1a\n" + b"0" * LOGO_MAX_BYTES)

    with pytest.raises(ValidationError) as refused:
        _brand(team, logo=big)

    assert refused.value.code == "file_size"


def test_a_card_with_a_text_too_long_is_refused_naming_the_field(team):
    data = {"number": "12", "caption": " ".join(["novih vrtića u gradu"] * 40)}

    with pytest.raises(ValidationError) as refused:
        number_card(team.organization, team.officer, data=data)

    assert list(refused.value.error_dict) == ["caption"]
    assert "too long" in refused.value.error_dict["caption"][0].messages[0]


@pytest.mark.parametrize(
    ("language", "data", "expected"),
    [
        (
            "sr",
            {"number": "1.250", "caption": "нових стабала засађено у 2026."},
            "Инфографика: 1.250 — нових стабала засађено у 2026. Град Крагујевац.",
        ),
        (
            "sr",
            {"number": "1.250", "caption": "novih stabala zasađeno u 2026."},
            "Infografika: 1.250 — novih stabala zasađeno u 2026. Grad Kragujevac.",
        ),
        (
            "bs",
            {"number": "1.250", "caption": "novih stabala"},
            "Infografika: 1.250 — novih stabala. Grad Kragujevac.",
        ),
        (
            "hr",
            {"number": "1.250", "caption": "novih stabala"},
            "Infografika: 1.250 — novih stabala. Grad Kragujevac.",
        ),
        (
            "sl",
            {"number": "1.250", "caption": "novih dreves"},
            "Infografika: 1.250 — novih dreves. Grad Kragujevac.",
        ),
        (
            "en",
            {"number": "1,250", "caption": "new trees planted in 2026"},
            "Infographic: 1,250 — new trees planted in 2026. Grad Kragujevac.",
        ),
    ],
)
def test_alt_text_is_written_in_the_cards_language_and_script(team, language, data, expected):
    assert alt_text_generate("number", data, language, team.organization) == expected


def test_alt_text_of_each_template(team):
    organization = team.organization
    items = {"title": "Novi budžet", "items": ["Vrtić", "Pijaca.", "Prevoz"]}
    change = {"title": "Ulica", "before": "Rupe", "after": "Asfalt"}
    event = {"title": "Javna rasprava", "date": "2026-12-15", "time": "18:00", "place": "Sala"}

    assert alt_text_generate("list", items, "hr", organization) == (
        "Infografika: Novi budžet: Vrtić; Pijaca; Prevoz. Grad Kragujevac."
    )
    assert alt_text_generate("before_after", change, "en", organization) == (
        "Infographic: Ulica. Before: Rupe. After: Asfalt. Grad Kragujevac."
    )
    assert alt_text_generate("event", event, "en", organization) == (
        "Announcement: Javna rasprava, 15 December 2026, 18:00, Sala. Grad Kragujevac."
    )


def test_generated_alt_text_follows_the_texts(team):
    card = number_card(team.organization, team.officer)

    services.card_update(
        card=card,
        actor=team.officer,
        data={"number": "2.000", "caption": "stabala"},
        language="sr",
        size="square",
        alt_text=card.alt_text,
    )

    assert card.alt_text == "Infografika: 2.000 — stabala. Grad Kragujevac."
    assert not card.alt_text_edited


def test_alt_text_edited_by_hand_is_kept_when_the_texts_change(team):
    card = number_card(team.organization, team.officer)
    services.card_update(
        card=card,
        actor=team.officer,
        data=dict(NUMBER_DATA),
        language="sr",
        size="square",
        alt_text="Moj opis kartice.",
    )
    assert card.alt_text_edited

    services.card_update(
        card=card,
        actor=team.officer,
        data={"number": "2.000", "caption": "stabala"},
        language="sr",
        size="square",
        alt_text=card.alt_text,
    )

    assert (card.alt_text, card.alt_text_edited) == ("Moj opis kartice.", True)

    services.card_alt_text_regenerate(card=card, actor=team.officer)

    assert (card.alt_text, card.alt_text_edited) == (
        "Infografika: 2.000 — stabala. Grad Kragujevac.",
        False,
    )


def test_emptied_alt_text_is_written_again(team):
    card = number_card(team.organization, team.officer, alt_text="Ručno.")
    assert card.alt_text_edited

    services.card_update(
        card=card, actor=team.officer, data=dict(NUMBER_DATA), language="sr", size="square",
        alt_text="",
    )  # fmt: skip

    assert not card.alt_text_edited
    assert card.alt_text.startswith("Infografika: 1.250")
