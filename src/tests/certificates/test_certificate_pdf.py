"""The certificate as PDF: its text, its script, its QR code's address."""

import io
import re

import pytest
from django.core import mail
from pypdf import PdfReader
from training_days import both_days

from glasnik.certificates import pdf
from glasnik.certificates.pdf import (
    PdfUnavailableError,
    certificate_html,
    certificate_pdf,
    qr_code_data_uri,
    verification_url,
)
from glasnik.certificates.services import certificate_issue

pytestmark = pytest.mark.django_db


def _text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape
    return " ".join(page.extract_text().split())


def test_pdf_has_the_name_what_it_certifies_and_the_verification_address(
    make_registration, program_organiser, settings
):
    settings.SITE_URL = "https://glasnik.example.org"
    certificate = certificate_issue(
        registration=both_days(make_registration("Ana", "Smith", language="en")),
        actor=program_organiser,
    )

    content = certificate_pdf(certificate)

    assert content.startswith(b"%PDF")
    text = _text(content)
    assert "Ana Smith" in text
    assert "Certificate of attendance" in text
    assert "Radionica 1: Strategija na društvenim mrežama" in text
    assert "Društvene mreže – program obuke i mentorstva" in text
    assert "14 March 2026 – 15 March 2026" in text
    assert "Stalna konferencija gradova i opština".upper() in text.upper()
    url = f"https://glasnik.example.org/en/certificates/verify/{certificate.code}/"
    assert url in text.replace(" ", "")


def test_pdf_in_serbian_cyrillic_for_sr(make_registration, program_organiser):
    certificate = certificate_issue(
        registration=both_days(make_registration("Marko", "Petrović", language="sr")),
        actor=program_organiser,
    )

    text = _text(certificate_pdf(certificate))

    assert "Марко Петровић" in text
    assert "Радионица 1: Стратегија на друштвеним мрежама" in text
    assert "14. март 2026." in text
    assert "Petrović" not in text
    assert f"/sr/certificates/verify/{certificate.code}/" in text.replace(" ", "")


def test_pdf_in_serbian_latin_for_sr_latn(make_registration, program_organiser):
    certificate = certificate_issue(
        registration=both_days(make_registration("Марко", "Петровић", language="sr-latn")),
        actor=program_organiser,
    )

    text = _text(certificate_pdf(certificate))

    assert "Marko Petrović" in text
    assert "Radionica 1: Strategija na društvenim mrežama" in text
    assert "14. mart 2026." in text
    assert "Петровић" not in text


def test_pdf_html_carries_a_qr_code_and_loads_nothing_from_the_network(
    make_registration, program_organiser
):
    certificate = certificate_issue(
        registration=both_days(make_registration(language="en")), actor=program_organiser
    )

    html = certificate_html(certificate)

    assert f'src="{qr_code_data_uri(verification_url(certificate))}"' in html
    assert verification_url(certificate).endswith(f"/en/certificates/verify/{certificate.code}/")
    assert "http://" not in html.split("<body>")[0]  # only file: fonts in the head
    assert 'lang="en"' in html


def test_pdf_unavailable_when_weasyprint_cannot_load(
    monkeypatch, make_registration, program_organiser
):
    def missing_pango():
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(pdf, "_import_weasyprint", missing_pango)
    certificate = certificate_issue(
        registration=both_days(make_registration(language="en")),
        actor=program_organiser,
        notify=False,
    )

    with pytest.raises(PdfUnavailableError):
        certificate_pdf(certificate)


def test_emailed_certificate_and_its_pdf_link_to_the_public_address(
    make_registration, program_organiser, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://glasnik.example.org/"
    registration = both_days(make_registration("Ana", "Smith", language="en"))

    with django_capture_on_commit_callbacks(execute=True):
        certificate = certificate_issue(registration=registration, actor=program_organiser)

    [message] = mail.outbox
    [(_filename, content, _mimetype)] = message.attachments
    [(html, _html_type)] = message.alternatives
    verify = f"https://glasnik.example.org/en/certificates/verify/{certificate.code}/"
    assert verify in message.body
    assert "https://glasnik.example.org/en/certificates/" in message.body
    assert set(re.findall(r"https?://[^/\s\"<]+/", message.body + html)) == {
        "https://glasnik.example.org/"
    }
    assert verify in _text(content).replace(" ", "")


def test_pdf_drawn_again_links_to_the_public_address_of_today(
    make_registration, program_organiser, settings
):
    certificate = certificate_issue(
        registration=both_days(make_registration("Ana", "Smith", language="en")),
        actor=program_organiser,
    )
    certificate_pdf(certificate)  # drawn once at the old address
    settings.SITE_URL = "https://glasnik.example.org"

    text = _text(certificate_pdf(certificate)).replace(" ", "")

    assert f"https://glasnik.example.org/en/certificates/verify/{certificate.code}/" in text
    assert "127.0.0.1" not in text
