"""A certificate as PDF: an HTML template in the certificate's language and script, drawn by
WeasyPrint with the vendored DejaVu Sans, so it looks the same on every machine.

WeasyPrint needs the Pango system library. It is imported only when a PDF is drawn: without
Pango the rest of Glasnik works and people see `PdfUnavailableError`'s message instead of a PDF.
"""

import base64
import io
import logging
from pathlib import Path

import qrcode
import qrcode.image.svg
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from glasnik.core.context_processors import HTML_LANG
from glasnik.core.links import public_url
from glasnik.core.reader_script import html_in_reader_script

from .models import Certificate

logger = logging.getLogger("glasnik.certificates")

FONT_FOLDER = "vendor/fonts/dejavu-2.37"


class PdfUnavailableError(Exception):
    """The PDF cannot be drawn on this server (WeasyPrint or Pango is missing)."""

    message = _(
        "Certificates cannot be made into PDF files on this server at the moment: a system "
        "library is missing (Pango). The certificate itself is valid and can be verified. "
        "Please ask the site's administrator to install it."
    )


def _import_weasyprint():
    """The seam to the outside world: importing WeasyPrint loads Pango through cffi."""
    import weasyprint

    return weasyprint


def weasyprint_load():
    try:
        return _import_weasyprint()
    except (ImportError, OSError) as error:
        logger.warning("WeasyPrint cannot be loaded: %s", error)
        raise PdfUnavailableError from error


def verification_url(certificate: Certificate) -> str:
    """The public address that confirms the certificate, in the certificate's language."""
    with translation.override(certificate.language):
        path = reverse("certificates:verify", kwargs={"code": certificate.code})
    return public_url(path)


def qr_code_data_uri(text: str) -> str:
    image = qrcode.make(
        text,
        image_factory=qrcode.image.svg.SvgPathImage,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=2,
    )
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _font_folder() -> Path:
    found = finders.find(f"{FONT_FOLDER}/DejaVuSans.ttf")
    if not found:
        raise PdfUnavailableError
    return Path(found).parent


def certificate_html(certificate: Certificate) -> str:
    """The certificate's page as HTML, in its language and (for Serbian) its script."""
    url = verification_url(certificate)
    fonts = _font_folder()
    with translation.override(certificate.language):
        html = render_to_string(
            "certificates/pdf/certificate.html",
            {
                "certificate": certificate,
                "kind_label": certificate.get_kind_display(),
                "verification_url": url,
                "qr_code": qr_code_data_uri(url),
                "font_regular": (fonts / "DejaVuSans.ttf").as_uri(),
                "font_bold": (fonts / "DejaVuSans-Bold.ttf").as_uri(),
                "html_lang": HTML_LANG.get(certificate.language, certificate.language),
            },
        )
    return html_in_reader_script(html, certificate.language)


def _url_fetcher_for(weasyprint, fonts: Path):
    """Fetch only the vendored fonts and data: URIs; a certificate never loads anything else."""
    allowed_prefix = fonts.as_uri() + "/"

    class CertificateFetcher(weasyprint.URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith(("data:", allowed_prefix)):
                return super().fetch(url, headers)
            raise ValueError(f"Certificates do not load {url!r}")

    return CertificateFetcher(allowed_protocols=("data", "file"))


def certificate_pdf(certificate: Certificate) -> bytes:
    weasyprint = weasyprint_load()
    html = certificate_html(certificate)
    document = weasyprint.HTML(
        string=html, url_fetcher=_url_fetcher_for(weasyprint, _font_folder())
    )
    return document.write_pdf()


def certificate_filename(certificate: Certificate) -> str:
    return f"certificate-{certificate.pk}.pdf"
