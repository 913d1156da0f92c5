import io

import openpyxl
from django.utils import translation

from glasnik.core.exports import export_cell, export_dataset, export_response


def test_export_cell_turns_a_formula_into_text():
    assert export_cell('=HYPERLINK("http://evil")') == '\'=HYPERLINK("http://evil")'
    assert export_cell("+381 11 123") == "'+381 11 123"
    assert export_cell("@handle") == "'@handle"


def test_export_cell_keeps_numbers_and_plain_text():
    assert export_cell(42) == 42
    assert export_cell(None) == ""
    assert export_cell("Opština Niš", language="hr") == "Opština Niš"


def test_export_cell_writes_serbian_text_in_the_readers_script():
    assert export_cell("Општина Ниш", language="sr-latn") == "Opština Niš"
    assert export_cell("Opština Niš", language="sr") == "Општина Ниш"


def test_csv_export_starts_with_a_byte_order_mark_and_reads_back():
    with translation.override("sr-latn"):
        dataset = export_dataset(headers=["Име", "Град"], rows=[["Ана", "=1+1"]])
        response = export_response(dataset=dataset, file_format="csv", filename="members")

    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    assert text.lstrip("\ufeff").splitlines() == ["Ime,Grad", "Ana,'=1+1"]
    assert response["Content-Disposition"] == 'attachment; filename="members.csv"'


def test_xlsx_export_reads_back_with_openpyxl():
    with translation.override("sr"):
        dataset = export_dataset(headers=["Ime"], rows=[["Marko"]], title="Članovi mreže")
        response = export_response(dataset=dataset, file_format="xlsx", filename="members")

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [["Име"], ["Марко"]]
    assert sheet.title == "Чланови мреже"
