"""The proposal as DOCX and PDF: the institution's name, the title, the version line, a
heading per written section and its text; an empty proposal gives a message, not a file."""

import io

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader
from second_factor import login_with_second_factor

from glasnik.proposals.sections import SectionKey, TemplateKind
from glasnik.proposals.services import proposal_create, proposal_send_for_approval

from .conftest import write

pytestmark = pytest.mark.django_db


def export(client, proposal, file_format):
    url = reverse("proposals:export", kwargs={"pk": proposal.pk, "file_format": file_format})
    return client.get(url)


@pytest.fixture
def written(team, proposal):
    write(proposal, SectionKey.GOALS, "Odgovor na svako pitanje za jedan radni dan.", team.officer)
    write(proposal, SectionKey.CRISIS, "Prva poruka u roku od jednog sata.", team.officer)
    proposal_send_for_approval(proposal=proposal, actor=team.officer)
    return proposal


def test_docx_has_the_institution_headings_and_text(client, team, written):
    login_with_second_factor(client, team.mentor)

    response = export(client, written, "docx")

    assert response["Content-Disposition"].endswith('.docx"')
    document = Document(io.BytesIO(response.content))
    paragraphs = [p.text for p in document.paragraphs]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert paragraphs[0] == "Grad Kragujevac"
    assert paragraphs[1] == "Strategija komunikacije 2027."
    assert paragraphs[2].startswith("Verzija 1 · ")  # Serbian, in the script of the text
    # The sections written: the two above and three of the template's prompts.
    assert len(headings) == 5
    assert "Odgovor na svako pitanje za jedan radni dan." in paragraphs
    assert "Prva poruka u roku od jednog sata." in paragraphs


def test_pdf_has_the_institution_headings_and_text(client, team, written):
    login_with_second_factor(client, team.officer)

    response = export(client, written, "pdf")

    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Grad Kragujevac" in text
    assert "Strategija komunikacije 2027." in text
    assert "Odgovor na svako pitanje za jedan radni dan." in text


def test_empty_proposal_gives_a_message_and_no_file(client, team):
    empty = proposal_create(
        organization=team.organization,
        template=TemplateKind.MUNICIPALITY,
        title="Prazno",
        actor=team.officer,
    )
    for section in empty.sections.all():
        write(empty, section.key, "", team.officer)
    login_with_second_factor(client, team.officer)

    for file_format in ("docx", "pdf"):
        response = export(client, empty, file_format)
        assert response.status_code == 302
        page = client.get(response.url).content.decode()
        assert "The proposal is empty: write at least one section before exporting it." in page


def test_unknown_format_is_not_found(client, team, written):
    login_with_second_factor(client, team.officer)

    assert export(client, written, "odt").status_code == 404


def test_exports_carry_the_institutions_logo_and_colour(client, team, written, settings, tmp_path):
    from django.core.files.base import ContentFile
    from PIL import Image

    from glasnik.toolkit.models import Brand

    settings.MEDIA_ROOT = tmp_path
    png = io.BytesIO()
    Image.new("RGB", (40, 40), "#7a1f3d").save(png, format="PNG")
    brand = Brand(organization=team.organization, primary_colour="#7a1f3d")
    brand.logo.save("grb.png", ContentFile(png.getvalue()))
    login_with_second_factor(client, team.officer)

    document = Document(io.BytesIO(export(client, written, "docx").content))
    pdf = PdfReader(io.BytesIO(export(client, written, "pdf").content))

    assert len(document.inline_shapes) == 1
    heading = next(p for p in document.paragraphs if p.style.name == "Heading 1")
    assert str(heading.runs[0].font.color.rgb) == "7A1F3D"
    assert "Grad Kragujevac" in pdf.pages[0].extract_text()
    assert pdf.pages[0].images  # the logo


def test_comment_by_the_mentor_and_an_empty_one_refused(client, team, proposal):
    login_with_second_factor(client, team.mentor)
    url = reverse("proposals:comment_add", kwargs={"pk": proposal.pk})

    empty = client.post(url, {"text": "  "})
    added = client.post(url, {"text": "Dodajte rokove u plan."})

    assert empty.status_code == 400
    assert added.status_code == 302
    page = client.get(reverse("proposals:detail", kwargs={"pk": proposal.pk})).content.decode()
    assert "Dodajte rokove u plan." in page
