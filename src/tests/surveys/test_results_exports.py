"""The responses as XLSX (rows as the CSV export has them, formula-safe, in the reader's
script) and the report as PDF."""

import io

import pytest
from fixtures_results import SIX
from openpyxl import load_workbook

from glasnik.audit.models import AuditLogEntry
from glasnik.certificates import pdf
from glasnik.certificates.pdf import PdfUnavailableError, weasyprint_load

pytestmark = pytest.mark.django_db


def _workbook(response):
    content = b"".join(response.streaming_content)
    return load_workbook(io.BytesIO(content), read_only=True)


def test_xlsx_has_a_row_per_response_formula_safe(organiser_client, needs_survey, answer_as):
    answer_as(*SIX[0], comment='=HYPERLINK("http://x")')
    answer_as(*SIX[1], comment="-2+3")
    answer_as(*SIX[2], comment="Обична реч")

    response = organiser_client.get(f"/en/surveys/{needs_survey.slug}/results/export.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="' + needs_survey.slug + '.xlsx"' in response["Content-Disposition"]
    rows = list(_workbook(response).active.iter_rows(values_only=True))
    assert len(rows) == 4
    assert rows[0][:4] == ("#", "submitted", "person", "email")
    assert [row[-1] for row in rows[1:]] == ['\'=HYPERLINK("http://x")', "'-2+3", "Obična reč"]
    assert [row[4] for row in rows[1:]] == ["Da", "Da", "Ne"]
    assert rows[1][-2] == "Video; Analitika"
    assert AuditLogEntry.objects.filter(
        action="surveys.responses.exported", data={"format": "xlsx"}
    ).exists()


def test_xlsx_in_cyrillic_for_a_cyrillic_reader(organiser_client, needs_survey, six_responses):
    response = organiser_client.get(f"/sr/surveys/{needs_survey.slug}/results/export.xlsx")
    rows = list(_workbook(response).active.iter_rows(values_only=True))
    assert len(rows) == 7
    assert rows[1][4] == "Да"


def test_report_pdf(organiser_client, needs_survey, six_responses):
    try:
        weasyprint_load()
    except PdfUnavailableError:
        pytest.skip("WeasyPrint or Pango is missing")
    q = needs_survey.q
    response = organiser_client.get(
        f"/en/surveys/{needs_survey.slug}/results/report.pdf",
        {"question": q["topics"].pk, "by": "kind"},
    )
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_report_pdf_without_pango_says_why(
    organiser_client, needs_survey, six_responses, monkeypatch
):
    def missing_pango():
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(pdf, "_import_weasyprint", missing_pango)
    response = organiser_client.get(
        f"/en/surveys/{needs_survey.slug}/results/report.pdf", follow=True
    )
    assert "a system library is missing (Pango)" in response.content.decode()
