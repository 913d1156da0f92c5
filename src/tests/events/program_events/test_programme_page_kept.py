"""The programme page keeps each event's row in the event's cache namespace: drawn once per
language, never shown stale after the event changes, the seats always counted afresh."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from factories.accounts import PersonFactory

from glasnik.core.object_cache import object_cache_read
from glasnik.events.program_page import ROW_ENTRY
from glasnik.events.services.cancellation import event_cancel
from glasnik.events.services.programs import program_event_update
from glasnik.events.services.registration import registration_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client):
    """Signed in: visitors who are not get the whole page's copy, which is another cache."""
    client.force_login(PersonFactory())
    return client


def page(client, program, language="en") -> str:
    response = client.get(f"/{language}/programmes/{program.slug}/")
    assert response.status_code == 200
    return response.content.decode()


def events_table(html: str) -> str:
    return html[html.index("<tbody>") : html.index("</tbody>")]


def kept_rows(event) -> dict:
    program = event.program
    names = [
        f"{ROW_ENTRY}:{language}:{program.time_zone}:{program.content_language}"
        for language in ("en", "sr")
    ]
    return object_cache_read("event", event.pk, names).found


def test_a_row_is_drawn_once_per_language_and_kept_with_its_event(client, program, make_event):
    event = make_event(title="Pisanje za društvene mreže")

    first = events_table(page(client, program))
    assert len(kept_rows(event)) == 1
    assert events_table(page(client, program)) == first
    page(client, program, "sr")

    assert len(kept_rows(event)) == 2
    assert "Pisanje za društvene mreže" in first


def test_a_changed_event_is_shown_changed_at_once(client, program, make_event, program_organiser):
    event = make_event(title="Stari naslov")
    assert "Stari naslov" in page(client, program)

    program_event_update(event=event, actor=program_organiser, title="Novi naslov")

    shown = page(client, program)
    assert "Novi naslov" in shown
    assert "Stari naslov" not in shown


def test_a_cancelled_event_is_shown_cancelled_at_once(
    client, program, make_event, program_organiser
):
    event = make_event(title="Trening koji se otkazuje")
    assert "Cancelled" not in page(client, program)

    event_cancel(event=event, actor=program_organiser, reason="Bolest predavača")

    assert "Cancelled" in page(client, program)


def test_the_seats_are_counted_afresh_on_every_request(client, program, make_event, make_enrolment):
    event = make_event(capacity=30)
    assert "0 of 30 taken" in page(client, program)

    enrolment = make_enrolment()
    registration_create(event=event, person=enrolment.person, organization=enrolment.organization)

    assert "1 of 30 taken" in page(client, program)


def test_kept_rows_cost_no_queries_and_the_count_does_not_grow_with_events(
    client, program, make_event
):
    def queries(count: int) -> int:
        for number in range(count):
            make_event(title=f"Trening {number}", days=20 + number)
        page(client, program)  # draws and keeps the new rows
        with CaptureQueriesContext(connection) as captured:
            page(client, program)
        return len(captured)

    assert queries(2) == queries(20)


def test_a_deleted_event_leaves_no_row(client, program, make_event):
    event = make_event(title="Događaj koji nestaje")
    assert "Događaj koji nestaje" in page(client, program)

    event.delete()

    assert "Događaj koji nestaje" not in page(client, program)


# The timeline, the description and the team, kept with the programme.


def test_a_new_phase_and_a_changed_description_show_at_once(client, program, program_organiser):
    from datetime import timedelta

    from django.utils import timezone

    from glasnik.programs.services.program import phase_create, program_update

    page(client, program)  # kept
    today = timezone.localdate()
    phase_create(
        program=program,
        actor=program_organiser,
        kind="mentoring",
        title="Mentorstvo po opštinama",
        starts_on=today,
        ends_on=today + timedelta(days=30),
    )
    program_update(program=program, actor=program_organiser, description="Novi opis programa")

    shown = page(client, program)
    assert "Mentorstvo po opštinama" in shown
    assert "Novi opis programa" in shown


def test_the_team_shows_a_new_trainer_and_a_renamed_one_at_once(client, program, make_person):
    from glasnik.access.models import Role
    from glasnik.access.services import role_grant

    trainer = make_person(first_name="Dragan", last_name="Ilić")
    page(client, program)  # kept without him
    role_grant(person=trainer, role=Role.TRAINER, scope=program)
    assert "Dragan Ilić" in page(client, program)

    trainer.last_name = "Ilić-Petrović"
    trainer.save(update_fields=["last_name"])

    assert "Dragan Ilić-Petrović" in page(client, program)


def test_the_timeline_is_kept_per_day_so_phases_move_on_with_the_date(client, program, monkeypatch):
    from datetime import timedelta

    from glasnik.programs import selectors

    today = selectors.program_today(program)
    page(client, program)
    monkeypatch.setattr(selectors, "program_today", lambda program: today + timedelta(days=1))
    page(client, program)

    names = [f"programme-about:en:{day.isoformat()}" for day in (today, today + timedelta(1))]
    assert set(object_cache_read("program", program.pk, names).found) == set(names)


def test_a_row_is_kept_in_the_readers_script(client, program, make_event):
    make_event(title="Obuka za društvene mreže")

    cyrillic = events_table(page(client, program, "sr"))
    latin = events_table(page(client, program, "sr-latn"))

    assert "Обука за друштвене мреже" in cyrillic
    assert 'lang="sr-Cyrl"' in cyrillic
    assert "Obuka za društvene mreže" in latin
    assert "Обука" not in latin
    assert events_table(page(client, program, "sr")) == cyrillic  # kept, the same


def test_the_number_of_participants_follows_enrolments_at_once(client, program, make_enrolment):
    assert "0 participants" in page(client, program)

    enrolment = make_enrolment()
    assert "1 participant" in page(client, program)

    enrolment.delete()
    assert "0 participants" in page(client, program)
