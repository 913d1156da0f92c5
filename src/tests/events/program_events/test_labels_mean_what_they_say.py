"""One English word, two meanings: each form label is translated for what it names.

"Title" is an event's, a session's or a phase's name, a document's title, or a person's job;
"address" a place or a web page; "position" a job or a place in a list. Message contexts keep
them apart: an event's title was labelled "Назив радног места" (job title) and its venue's
address "Адреса странице" (page address)."""

import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation

from glasnik.programs.models import Phase

pytestmark = pytest.mark.django_db

LANGUAGES = ["sr", "hr", "sl", "bs"]
LABEL = re.compile(r'<label for="id_(?P<field>[\w-]+)">(?P<text>[^<]*)</label>')


def labels(response) -> dict[str, str]:
    assert response.status_code == 200
    return {
        match["field"]: unescape(match["text"]).rstrip(":")
        for match in LABEL.finditer(response.content.decode())
    }


def get_in(client, language: str, name: str, *args):
    with translation.override(language):
        return client.get(reverse(name, args=args))


EVENT_FORM = {
    "sr": {"title": "Назив", "venue_name": "Место одржавања", "venue_address": "Адреса"},
    "bs": {"title": "Naziv", "venue_name": "Mjesto održavanja", "venue_address": "Adresa"},
    "hr": {"title": "Naziv", "venue_name": "Mjesto održavanja", "venue_address": "Adresa"},
    "sl": {"title": "Naslov", "venue_name": "Prizorišče", "venue_address": "Naslov"},
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_programme_event_form_labels_name_the_event_and_its_place(
    program_organiser_client, program, language
):
    found = labels(
        get_in(program_organiser_client, language, "events:program_event_create", program.slug)
    )

    assert {field: found[field] for field in EVENT_FORM[language]} == EVENT_FORM[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_agenda_form_labels_a_session_title_not_a_job(
    program_organiser_client, make_event, language
):
    event = make_event()

    found = labels(
        get_in(program_organiser_client, language, "events:program_event_agenda", event.pk)
    )

    assert found["agenda-0-title"] == EVENT_FORM[language]["title"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_phase_form_labels_the_phase_title(program_organiser_client, program, language):
    found = labels(get_in(program_organiser_client, language, "programs:phases", program.slug))

    assert found["title"] == EVENT_FORM[language]["title"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_phase_edit_form_labels_the_phase_title(program_organiser_client, program, language):
    phase = Phase.objects.create(
        program=program,
        kind="training",
        title="Obuka",
        starts_on="2027-03-01",
        ends_on="2027-03-31",
    )

    found = labels(
        get_in(program_organiser_client, language, "programs:phase_edit", program.slug, phase.pk)
    )

    assert found["title"] == EVENT_FORM[language]["title"]


POSITION = {
    "sr": ("Назив радног места", "Радно место"),
    "bs": ("Naziv radnog mjesta", "Radno mjesto"),
    "hr": ("Naziv radnog mjesta", "Radno mjesto"),
    "sl": ("Naziv delovnega mesta", "Delovno mesto"),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_profile_position_form_labels_the_job(client, make_person, make_organization, language):
    person = make_person(language=language)
    person.positions.create(organization=make_organization(), title="PR")
    client.force_login(person)

    response = get_in(client, language, "accounts:profile")

    field_label, column = POSITION[language]
    assert labels(response)["title"] == field_label
    assert f'<th scope="col">{column}</th>' in response.content.decode()


MATERIAL_TITLE = {"sr": "Наслов", "bs": "Naslov", "hr": "Naslov", "sl": "Naslov"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_material_form_labels_the_document_title(program_organiser_client, make_event, language):
    event = make_event()

    found = labels(get_in(program_organiser_client, language, "events:material_add", event.pk))

    assert found["title"] == MATERIAL_TITLE[language]
