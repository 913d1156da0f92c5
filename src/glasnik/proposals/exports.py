"""A proposal as a document: DOCX (python-docx) and PDF (WeasyPrint, as certificates are
made), with the institution's name, logo and colours, a heading per section, the version's
number and the date. Headings are in the proposal's language and in the script its text is
written in; the text is as written."""

import base64
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from docx import Document
from docx.shared import Cm, Pt, RGBColor

from glasnik.certificates.pdf import FONT_FOLDER, PdfUnavailableError, weasyprint_load
from glasnik.core.context_processors import HTML_LANG
from glasnik.toolkit.models import Brand, brand_of

from .models import Proposal, ProposalVersion
from .sections import SECTIONS
from .selectors import current_texts, texts_are_empty, writing_language

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"


class ExportUnavailableError(Exception):
    message = PdfUnavailableError.message


@dataclass
class ExportSection:
    title: str
    paragraphs: list[str]


@dataclass
class ExportDocument:
    proposal: Proposal
    brand: Brand
    language: str
    institution: str
    version_line: str
    sections: list[ExportSection]


def _logo_bytes(brand: Brand) -> bytes | None:
    if not brand.logo:
        return None
    try:
        with brand.logo.open("rb") as logo:
            return logo.read()
    except OSError:
        return None


def _version_line(version: ProposalVersion | None, today: date) -> str:
    day = formats.date_format(today, "DATE_FORMAT")
    if version is None:
        return _("Draft, not yet sent · %(date)s") % {"date": day}
    return _("Version %(number)s · %(date)s") % {"number": version.number, "date": day}


def export_document(proposal: Proposal) -> ExportDocument:
    """What the files show; `ValidationError` when there is nothing written yet."""
    texts = current_texts(proposal)
    if texts_are_empty(texts):
        raise ValidationError(
            _("The proposal is empty: write at least one section before exporting it."),
            code="empty",
        )
    language = writing_language(proposal, texts)
    latest = proposal.versions.order_by("-number").first()
    with translation.override(language):
        sections = [
            ExportSection(str(guide.title), _paragraphs(texts.get(guide.key, "")))
            for guide in SECTIONS
            if texts.get(guide.key, "").strip()
        ]
        version_line = _version_line(latest, timezone.localdate())
    return ExportDocument(
        proposal=proposal,
        brand=brand_of(proposal.organization),
        language=language,
        institution=proposal.organization.name,
        version_line=version_line,
        sections=sections,
    )


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


def proposal_docx(document: ExportDocument) -> bytes:
    docx = Document()
    colour = _rgb(document.brand.primary_colour)
    logo = _logo_bytes(document.brand)
    if logo:
        docx.add_picture(io.BytesIO(logo), width=Cm(3))
    institution = docx.add_paragraph()
    run = institution.add_run(document.institution)
    run.bold, run.font.size, run.font.color.rgb = True, Pt(14), colour
    title = docx.add_heading(document.proposal.title, level=0)
    for run in title.runs:
        run.font.color.rgb = colour
    docx.add_paragraph(document.version_line)
    for section in document.sections:
        heading = docx.add_heading(section.title, level=1)
        for run in heading.runs:
            run.font.color.rgb = colour
        for paragraph in section.paragraphs:
            docx.add_paragraph(paragraph)
    docx.core_properties.title = document.proposal.title
    docx.core_properties.language = HTML_LANG.get(document.language, document.language)
    buffer = io.BytesIO()
    docx.save(buffer)
    return buffer.getvalue()


def _font_folder() -> Path:
    found = finders.find(f"{FONT_FOLDER}/DejaVuSans.ttf")
    if not found:
        raise ExportUnavailableError
    return Path(found).parent


def _logo_data_uri(brand: Brand) -> str:
    logo = _logo_bytes(brand)
    if not logo:
        return ""
    kind = "png" if logo.startswith(b"\x89PNG") else "jpeg"
    return f"data:image/{kind};base64," + base64.b64encode(logo).decode("ascii")


def proposal_pdf(document: ExportDocument) -> bytes:
    try:
        weasyprint = weasyprint_load()
    except PdfUnavailableError as error:
        raise ExportUnavailableError from error
    fonts = _font_folder()
    allowed = fonts.as_uri() + "/"

    class Fetcher(weasyprint.URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith(("data:", allowed)):
                return super().fetch(url, headers)
            raise ValueError(f"Proposals do not load {url!r}")

    with translation.override(document.language):
        html = render_to_string(
            "proposals/pdf/proposal.html",
            {
                "document": document,
                "logo": _logo_data_uri(document.brand),
                "font_regular": (fonts / "DejaVuSans.ttf").as_uri(),
                "font_bold": (fonts / "DejaVuSans-Bold.ttf").as_uri(),
                "html_lang": HTML_LANG.get(document.language, document.language),
            },
        )
    fetcher = Fetcher(allowed_protocols=("data", "file"))
    return weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf()


def export_filename(proposal: Proposal, extension: str) -> str:
    base = slugify(proposal.title) or "proposal"
    return f"{base}-{proposal.pk}.{extension}"
