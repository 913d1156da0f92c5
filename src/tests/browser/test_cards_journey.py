"""A PR officer sets the institution's colours and logo, makes a number card while its preview
follows the form, writes the alt text by hand (kept when the texts change), and downloads the
PNG. Every page is checked with axe-core, and at 375 px none scrolls sideways."""

import re
from io import BytesIO

import pytest
from playwright.sync_api import expect
from signed_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}


@pytest.fixture
def team():
    from factories.toolkit import institution_team

    return institution_team()


def _logo_png() -> bytes:
    from PIL import Image

    data = BytesIO()
    Image.new("RGB", (120, 60), "#c8102e").save(data, format="PNG")
    return data.getvalue()


def test_officer_sets_the_look_makes_a_card_and_downloads_it(
    browser, live_server, team, assert_accessible
):
    from glasnik.cards.models import Card
    from glasnik.toolkit.models import brand_of

    slug = team.organization.slug
    page = sign_in(browser, live_server, team.officer)

    page.goto(f"/en/toolkit/{slug}/")
    assert_accessible(page, "cards-toolkit-home")
    page.get_by_role("link", name="Colours and logo").click()
    assert_accessible(page, "cards-brand")
    page.get_by_label("Main colour").fill("#0b4f8a")
    page.get_by_label("Text colour").fill("#ffffff")
    page.get_by_label("Accent colour").fill("#f2a900")
    expect(page.get_by_role("status")).to_contain_text("Enough for text of any size")
    page.get_by_label("Logo").set_input_files(
        {"name": "grb.png", "mimeType": "image/png", "buffer": _logo_png()}
    )
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The institution's look is saved.")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("Logo of"))).to_be_visible()
    assert_accessible(page, "cards-brand-saved")
    assert brand_of(team.organization).primary_colour == "#0b4f8a"

    page.get_by_role("link", name=re.compile("Cards of")).click()
    assert_accessible(page, "cards-list-empty")
    page.get_by_role("link", name="Make a card").click()
    assert_accessible(page, "cards-new")
    page.get_by_role("link", name="A number with a caption").click()
    page.get_by_label("Number").fill("1.250")
    page.get_by_label("Caption").fill("novih stabala zasađeno u 2026. godini")
    preview = page.locator("#card-preview img")
    expect(preview).to_have_attribute("alt", re.compile(r"^Infografika: 1\.250 — novih stabala"))
    expect(preview).to_have_js_property("complete", True)
    assert preview.evaluate("image => image.naturalWidth") == 1080
    assert_accessible(page, "cards-create-preview")
    page.get_by_role("button", name="Save the card").click()
    expect(page.get_by_text("The card is made.")).to_be_visible()
    assert_accessible(page, "cards-detail")

    page.get_by_role("link", name="Change the card").click()
    page.get_by_label("Alt text").fill("Infografika: 1.250 novih stabala u Kragujevcu.")
    page.get_by_role("button", name="Save the card").click()
    expect(page.get_by_text("Written by hand")).to_be_visible()
    page.get_by_role("link", name="Change the card").click()
    expect(page.get_by_text("The alt text was written by hand")).to_be_visible()
    assert_accessible(page, "cards-edit")
    page.get_by_label("Number").fill("1.300")
    page.get_by_role("button", name="Save the card").click()
    expect(page.get_by_text("Infografika: 1.250 novih stabala u Kragujevcu.").first).to_be_visible()

    with page.expect_download() as waiting:
        page.get_by_role("link", name="PNG: Landscape, for X (1600 × 900)").click()
    download = waiting.value
    assert download.suggested_filename == f"{slug}-1300-novih-stabala-zasadjeno-u-2026-1600x900.png"
    with open(download.path(), "rb") as file:
        assert file.read(8) == b"\x89PNG\r\n\x1a\n"
    card = Card.objects.get()
    assert (card.data["number"], card.alt_text_edited) == ("1.300", True)

    page.get_by_role("link", name=re.compile("Cards of")).click()
    assert_accessible(page, "cards-list")
    phone = sign_in(browser, live_server, team.officer, viewport=PHONE)
    for url in (
        f"/en/cards/{slug}/",
        f"/en/cards/{slug}/look/",
        f"/en/cards/{slug}/new/number/",
        f"/en/cards/card/{card.pk}/",
        f"/en/cards/card/{card.pk}/edit/",
    ):
        phone.goto(url)
        width, screen = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width <= screen, f"{url} scrolls sideways at 375 px ({width} > {screen})"
        assert_accessible(phone, f"cards-phone-{url.strip('/').replace('/', '-')}")
