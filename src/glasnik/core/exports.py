"""Tables people download (CSV, XLSX): in the reader's script and safe to open in a spreadsheet."""

from collections.abc import Iterable, Sequence

import tablib
from django.http import HttpResponse
from django.utils.translation import get_language

from .reader_script import text_in_reader_script

EXPORT_FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# A cell starting with one of these is read as a formula by spreadsheet programs.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def export_cell(value, *, language: str | None = None):
    """A value as it goes into a cell: text in the reader's script, never a formula."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    text = text_in_reader_script(str(value), language or get_language())
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def export_dataset(
    *, headers: Sequence[str], rows: Iterable[Sequence], title: str = ""
) -> tablib.Dataset:
    language = get_language()
    dataset = tablib.Dataset(headers=[export_cell(header, language=language) for header in headers])
    # XLSX sheet names are at most 31 characters.
    dataset.title = text_in_reader_script(title, language)[:31] if title else None
    for row in rows:
        dataset.append([export_cell(value, language=language) for value in row])
    return dataset


def export_response(*, dataset: tablib.Dataset, file_format: str, filename: str) -> HttpResponse:
    """A download of `dataset` as CSV (UTF-8 with BOM, so Excel reads Č and Ђ) or XLSX."""
    if file_format not in EXPORT_FORMATS:
        raise ValueError(f"Unknown export format: {file_format}")
    content = dataset.export(file_format)
    if file_format == "csv":
        content = "\ufeff" + content
    response = HttpResponse(content, content_type=EXPORT_FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response
