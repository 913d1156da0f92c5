"""A programme event's page keeps its facts and its agenda with the event: a signed-in reader's
request reads neither from the database, and any change to the event, its agenda or a lecturer
on it shows at once."""

from datetime import timedelta

import pytest
from factories.accounts import PersonFactory
from factories.events import LecturerFactory
from queries import sql_of

from glasnik.events.models import AgendaItem
from glasnik.events.services.programs import (
    lecturer_update,
    program_agenda_set,
    program_event_update,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client):
    """Signed in: visitors who are not get the whole page's copy, which is another cache."""
    client.force_login(PersonFactory())
    return client


def page(client, event) -> str:
    response = client.get(f"/en/events/programme/{event.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def session(event, title: str, *lecturers, hour: int = 9) -> dict:
    starts_at = event.starts_at.replace(hour=hour)
    return {
        "title": title,
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(hours=1),
        "lecturers": list(lecturers),
    }


def test_the_agenda_is_read_once(client, make_event, program_organiser):
    event = make_event(title="Krizna komunikacija")
    program_agenda_set(
        event=event,
        actor=program_organiser,
        items=[session(event, "Uvod", LecturerFactory(name="Dragan Ilić"))],
    )

    first = sql_of(lambda: page(client, event))
    second = sql_of(lambda: page(client, event))

    shown = page(client, event)
    assert "Uvod" in shown
    assert "Dragan Ilić" in shown
    assert 'FROM "events_agendaitem"' in first
    assert 'FROM "events_agendaitem"' not in second


def test_an_edited_event_shows_at_once(client, make_event, program_organiser):
    event = make_event(title="Stari naslov", description="Stari opis.")
    page(client, event)

    program_event_update(
        event=event, actor=program_organiser, title="Novi naslov", description="Novi opis."
    )

    shown = page(client, event)
    assert "Novi naslov" in shown
    assert "Novi opis." in shown
    assert "Stari opis." not in shown


def test_a_changed_agenda_shows_at_once(client, make_event, program_organiser):
    event = make_event()
    assert "The agenda will be published here." in page(client, event)

    program_agenda_set(event=event, actor=program_organiser, items=[session(event, "Uvod")])
    assert "Uvod" in page(client, event)

    item = AgendaItem.objects.get(event=event)
    program_agenda_set(
        event=event,
        actor=program_organiser,
        items=[{**session(event, "Vežba pisanja"), "id": item.pk}],
    )
    shown = page(client, event)
    assert "Vežba pisanja" in shown
    assert "Uvod" not in shown


def test_a_lecturer_renamed_or_added_shows_at_once(client, make_event, program_organiser):
    event = make_event()
    jovana = LecturerFactory(name="Jovana Stanković")
    program_agenda_set(event=event, actor=program_organiser, items=[session(event, "Uvod", jovana)])
    assert "Jovana Stanković" in page(client, event)

    lecturer_update(lecturer=jovana, actor=program_organiser, name="Jovana Petrović")
    assert "Jovana Petrović" in page(client, event)

    item = AgendaItem.objects.get(event=event)
    item.lecturers.add(LecturerFactory(name="Milan Jovanović"))
    assert "Milan Jovanović" in page(client, event)

    milan = item.lecturers.get(name="Milan Jovanović")
    milan.agenda_items.clear()  # from the lecturer's side
    assert "Milan Jovanović" not in page(client, event)

    jovana.delete()
    assert "Jovana Petrović" not in page(client, event)


def test_materials_are_kept_per_what_the_reader_may_see_and_shown_changed_at_once(
    client, make_event, program_organiser
):
    from glasnik.events.services.materials import material_create, material_delete

    event = make_event()
    material_create(
        event=event, actor=program_organiser, title="Prezentacija", url="https://example.org/p"
    )
    assert "Prezentacija" not in page(client, event)  # not public, the reader takes no part

    public = material_create(
        event=event,
        actor=program_organiser,
        title="Javni priručnik",
        url="https://example.org/j",
        is_public=True,
    )
    shown = page(client, event)
    assert "Javni priručnik" in shown
    assert "Prezentacija" not in shown

    assert 'FROM "events_material"' not in sql_of(lambda: page(client, event))

    material_delete(material=public, actor=program_organiser)
    assert "Javni priručnik" not in page(client, event)
