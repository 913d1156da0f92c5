"""A survey's results as files: the raw responses as XLSX, written row by row (openpyxl's
write-only mode, to a temporary file) so memory stays flat however many responses there are,
each cell in the reader's script and never a formula; and the report as PDF, drawn by
WeasyPrint with the vendored DejaVu Sans (without Pango, `PdfUnavailableError`)."""

import re
import tempfile
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from glasnik.certificates.pdf import FONT_FOLDER, PdfUnavailableError, weasyprint_load
from glasnik.core.context_processors import HTML_LANG
from glasnik.core.exports import export_cell
from glasnik.core.reader_script import html_in_reader_script, text_in_reader_script

from .answers import SurveyPlan
from .results import export_headers, export_rows


def _xlsx_cell(value, language: str):
    value = export_cell(value, language=language)
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def responses_xlsx(plan: SurveyPlan, *, named: bool, language: str):
    """The responses as an XLSX workbook in an open temporary file, read from its start."""
    workbook = Workbook(write_only=True)
    title = re.sub(r"[\\/?*\[\]:]", " ", text_in_reader_script(plan.survey.title, language))
    sheet = workbook.create_sheet(" ".join(title.split())[:31] or "1")
    sheet.append([_xlsx_cell(cell, language) for cell in export_headers(plan, named=named)])
    for row in export_rows(plan, named=named):
        sheet.append([_xlsx_cell(cell, language) for cell in row])
    # Closed by the response that sends it (and so deleted).
    file = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115
    workbook.save(file)
    file.seek(0)
    return file


def _fonts() -> Path:
    found = finders.find(f"{FONT_FOLDER}/DejaVuSans.ttf")
    if not found:
        raise PdfUnavailableError
    return Path(found).parent


def report_pdf(context: dict, *, language: str) -> bytes:
    """The results page's content as a printable PDF."""
    weasyprint = weasyprint_load()
    fonts = _fonts()
    html = render_to_string(
        "surveys/pdf/report.html",
        {
            **context,
            "font_regular": (fonts / "DejaVuSans.ttf").as_uri(),
            "font_bold": (fonts / "DejaVuSans-Bold.ttf").as_uri(),
            "html_lang": HTML_LANG.get(language, language),
        },
    )
    html = html_in_reader_script(html, language)
    allowed = fonts.as_uri() + "/"

    class ReportFetcher(weasyprint.URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith(("data:", allowed)):
                return super().fetch(url, headers)
            raise ValueError(f"Survey reports do not load {url!r}")

    fetcher = ReportFetcher(allowed_protocols=("data", "file"))
    return weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf()
