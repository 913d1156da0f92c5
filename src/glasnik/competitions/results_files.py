"""A competition's results as files for its organisers: XLSX (openpyxl, never a formula) and
PDF (WeasyPrint with the vendored DejaVu Sans, like the survey reports)."""

import io
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from glasnik.certificates.pdf import FONT_FOLDER, PdfUnavailableError, weasyprint_load
from glasnik.core.context_processors import HTML_LANG
from glasnik.core.exports import export_cell
from glasnik.core.reader_script import html_in_reader_script


def _cell(value, language: str):
    value = export_cell(value, language=language)
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def results_xlsx(table: list[dict], *, language: str) -> bytes:
    """One row per entry: category, rank, entry, final, jury, metric and vote scores."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Results")[:31])
    sheet.append(
        [
            _("Category"),
            _("Rank"),
            _("Entry"),
            _("Final score"),
            _("Jury score"),
            _("Metric score"),
            _("Vote score"),
        ]
    )
    for group in table:
        for row in group["rows"]:
            result = row["result"]
            sheet.append(
                [
                    _cell(value, language)
                    for value in (
                        group["name"],
                        result.rank,
                        row["name"],
                        None if result.final is None else round(result.final, 4),
                        None if result.jury is None else round(result.jury, 4),
                        round(result.metric, 4),
                        round(result.vote, 4),
                    )
                ]
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _fonts() -> Path:
    found = finders.find(f"{FONT_FOLDER}/DejaVuSans.ttf")
    if not found:
        raise PdfUnavailableError
    return Path(found).parent


def results_pdf(context: dict, *, language: str) -> bytes:
    weasyprint = weasyprint_load()
    fonts = _fonts()
    html = render_to_string(
        "competitions/pdf/results.html",
        {
            **context,
            "font_regular": (fonts / "DejaVuSans.ttf").as_uri(),
            "font_bold": (fonts / "DejaVuSans-Bold.ttf").as_uri(),
            "html_lang": HTML_LANG.get(language, language),
        },
    )
    html = html_in_reader_script(html, language)
    allowed = fonts.as_uri() + "/"

    class ResultsFetcher(weasyprint.URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith(("data:", allowed)):
                return super().fetch(url, headers)
            raise ValueError(f"Competition results do not load {url!r}")

    fetcher = ResultsFetcher(allowed_protocols=("data", "file"))
    return weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf()
