"""Exports of a call's statements: CSV and XLSX read back, safe against formula injection."""

import csv
import io

import openpyxl
import pytest
from call_answers import answers_for, submit
from django.urls import reverse
from second_factor import login_with_second_factor

from glasnik.networks.exports import spreadsheet_safe
from glasnik.networks.models import QuestionKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported(call, make_person, make_organization):
    text = call.questions.get(kind=QuestionKind.TEXT)
    long_text = call.questions.get(kind=QuestionKind.LONG_TEXT)
    submit(
        call,
        make_person("ana@example.org", first_name="Ana", last_name="Petrović"),
        make_organization("Grad Niš", kind="city"),
        position_title="Portparolka",
        answers=answers_for(call) | {text.pk: '=HYPERLINK("http://x")', long_text.pk: "@SUM(1)"},
    )
    submit(
        call,
        make_person("luka@example.org", first_name="+Luka", last_name="Kovač"),
        make_organization("Občina Piran", country="SI"),
        position_title="-Komunikator",
    )
    return call


def export(client, call, network_organiser, fmt):
    login_with_second_factor(client, network_organiser)
    return client.get(
        reverse("networks:statement_export", args=[call.network.slug, call.slug, fmt])
    )


def test_csv_export_has_answers_as_columns_and_escapes_formulas(
    client, exported, network_organiser
):
    response = export(client, exported, network_organiser, "csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="javni-poziv-')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "First name",
        "Last name",
        "Email",
        "Institution",
        "Country",
        "Kind of institution",
        "Position",
        "Status",
        "Submitted",
        "Odeljenje",
        "Šta očekujete od mreže?",
        "Iskustvo",
        "Vodite li društvene mreže?",
        "Biografija",
        "Saglasnost",
    ]
    ana, luka = rows[1], rows[2]
    assert ana[:8] == [
        "Ana",
        "Petrović",
        "ana@example.org",
        "Grad Niš",
        "Serbia",
        "City",
        "Portparolka",
        "Submitted",
    ]
    assert ana[9:] == ['\'=HYPERLINK("http://x")', "'@SUM(1)", "Početno", "Yes", "", "Yes"]
    assert luka[0] == "'+Luka"
    assert luka[6] == "'-Komunikator"
    assert luka[4] == "Slovenia"


def test_xlsx_export_reads_back_with_no_formulas(client, exported, network_organiser):
    response = export(client, exported, network_organiser, "xlsx")

    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "First name"
    assert rows[1][:4] == ["Ana", "Petrović", "ana@example.org", "Grad Niš"]
    assert rows[1][9] == '\'=HYPERLINK("http://x")'
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert len(rows) == 3


def test_unknown_export_format_is_404(client, exported, network_organiser):
    assert export(client, exported, network_organiser, "pdf").status_code == 404


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+381 11", "'+381 11"),
        ("-2", "'-2"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("Niš", "Niš"),
        (None, ""),
        ("", ""),
    ],
)
def test_spreadsheet_safe(value, safe):
    assert spreadsheet_safe(value) == safe
