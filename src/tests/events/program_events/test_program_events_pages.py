"""A programme's events: organisers create and edit them (with registration settings) and
their agenda of sessions with lecturers; the public page shows the agenda by day in the
programme's time zone, the map link, never the online link; 404s for everyone else."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from factories.events import LecturerFactory

from glasnik.audit.models import AuditLogEntry
from glasnik.events.models import AgendaItem, Event, Material, Visibility
from glasnik.events.services.programs import program_agenda_set

pytestmark = pytest.mark.django_db

BELGRADE = ZoneInfo("Europe/Belgrade")


def event_form(**overrides) -> dict:
    start = (timezone.localdate() + timedelta(days=20)).isoformat()
    end = (timezone.localdate() + timedelta(days=21)).isoformat()
    return {
        "kind": "training",
        "title": "Dvodnevni trening",
        "description": "Teorija i vežbe.",
        "starts_at": f"{start}T09:30",
        "ends_at": f"{end}T16:00",
        "mode": "in_person",
        "venue_name": "SKIP centar",
        "venue_address": "Bulevar Zorana Đinđića 64a, Beograd",
        "map_url": "https://www.openstreetmap.org/?q=skip",
        "online_url": "",
        "visibility": "public",
        "registration_enabled": "on",
        "capacity": "25",
        "registration_opens_at": "",
        "registration_closes_at": "",
        "per_organization_limit": "2",
        "offer_hours": "48",
        "required_days": "",
        "feedback_anonymous": "on",
        "reminder_hours": "24",
    } | overrides


def test_organiser_creates_a_two_day_training_in_the_programmes_time_zone(
    program_organiser_client, program
):
    response = program_organiser_client.post(
        reverse("events:program_event_create", args=[program.slug]), event_form()
    )
    event = Event.objects.get(program=program)
    assert response.status_code == 302
    assert response["Location"] == reverse("events:program_event_agenda", args=[event.pk])
    assert event.starts_at.astimezone(BELGRADE).strftime("%H:%M") == "09:30"
    assert (event.ends_at - event.starts_at).days == 1
    assert (event.capacity, event.per_organization_limit, event.registration_enabled) == (
        25,
        2,
        True,
    )
    assert event.time_zone == "Europe/Belgrade"
    assert event.network is None
    assert AuditLogEntry.objects.filter(action="events.program_event.created").count() == 1


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"ends_at": "2020-01-01T10:00"}, "ends_at", "must end after it starts"),
        ({"venue_name": ""}, "venue_name", "needs the name of the venue"),
        ({"mode": "online", "venue_name": ""}, "online_url", "needs the link"),
        ({"kind": "meeting"}, "kind", "Select a valid choice"),
        ({"capacity": "0"}, "capacity", "at least one seat"),
    ],
)
def test_event_form_bad_input_gets_a_clear_message(
    program_organiser_client, program, overrides, field, message
):
    response = program_organiser_client.post(
        reverse("events:program_event_create", args=[program.slug]), event_form(**overrides)
    )
    assert response.status_code == 200
    form = response.context["form"]
    errors = " ".join(form.errors.get(field or "__all__", []))
    assert message in errors
    assert not Event.objects.exists()


def test_agenda_with_lecturers_is_saved_by_day(program_organiser_client, program, make_event):
    event = make_event(length_days=2)
    dragan = LecturerFactory(name="Dragan Ilić", slug="dragan-ilic")
    jovana = LecturerFactory(name="Jovana Stanković", slug="jovana")
    first = timezone.localtime(event.starts_at, BELGRADE).date()
    second = first + timedelta(days=1)
    data = {
        "agenda-TOTAL_FORMS": "3",
        "agenda-INITIAL_FORMS": "0",
        "agenda-MIN_NUM_FORMS": "0",
        "agenda-MAX_NUM_FORMS": "80",
        "agenda-0-title": "Teorija",
        "agenda-0-day": first.isoformat(),
        "agenda-0-start_time": "10:00",
        "agenda-0-end_time": "11:30",
        "agenda-0-room": "Sala 1",
        "agenda-0-session_type": "theory",
        "agenda-0-lecturers": [str(dragan.pk)],
        "agenda-1-title": "Grupni rad",
        "agenda-1-day": second.isoformat(),
        "agenda-1-start_time": "09:30",
        "agenda-1-end_time": "11:00",
        "agenda-1-session_type": "group_work",
        "agenda-1-lecturers": [str(dragan.pk), str(jovana.pk)],
        "agenda-2-title": "",
        "agenda-2-session_type": "talk",
    }
    response = program_organiser_client.post(
        reverse("events:program_event_agenda", args=[event.pk]), data
    )
    assert response.status_code == 302
    items = list(event.agenda_items.order_by("position"))
    assert [item.title for item in items] == ["Teorija", "Grupni rad"]
    assert items[1].starts_at.astimezone(BELGRADE) == datetime.combine(
        second, time(9, 30), BELGRADE
    )
    assert sorted(lecturer.name for lecturer in items[1].lecturers.all()) == [
        "Dragan Ilić",
        "Jovana Stanković",
    ]

    page = program_organiser_client.get(reverse("events:program_event_agenda", args=[event.pk]))
    assert page.context["formset"].initial[0]["lecturers"] == [dragan.pk]


def test_agenda_update_keeps_sessions_and_their_materials(program, program_organiser, make_event):
    event = make_event()
    [item] = program_agenda_set(event=event, actor=program_organiser, items=[{"title": "Teorija"}])
    Material.objects.create(
        event=event, agenda_item=item, title="Slajdovi", kind="link", url="https://example.org"
    )
    program_agenda_set(
        event=event,
        actor=program_organiser,
        items=[{"id": item.pk, "title": "Teorija (nova)"}, {"title": "Diskusija"}],
    )
    item.refresh_from_db()
    assert item.title == "Teorija (nova)"
    assert Material.objects.get().agenda_item == item
    program_agenda_set(event=event, actor=program_organiser, items=[{"title": "Samo ovo"}])
    assert list(event.agenda_items.values_list("title", flat=True)) == ["Samo ovo"]


@pytest.mark.parametrize("language", ["en", "sr", "sr-latn", "bs", "hr", "sl"])
def test_public_event_page_shows_agenda_lecturers_and_map_but_no_online_link(
    client, program, make_event, program_organiser, language
):
    event = make_event(
        length_days=2,
        mode="hybrid",
        online_url="https://meet.example.org/tajna-soba",
        map_url="https://www.openstreetmap.org/?q=skip",
    )
    lecturer = LecturerFactory(name="Dragan Ilić", slug="dragan-ilic")
    start = event.starts_at
    program_agenda_set(
        event=event,
        actor=program_organiser,
        items=[
            {
                "title": "Teorija",
                "starts_at": start,
                "ends_at": start + timedelta(hours=1),
                "session_type": "theory",
                "lecturers": [lecturer],
            },
            {"title": "Vežba", "starts_at": start + timedelta(days=1), "session_type": "exercise"},
        ],
    )
    response = client.get(f"/{language}/events/programme/{event.pk}/")
    content = response.content.decode()
    assert response.status_code == 200
    assert [len(items) for _day, items in response.context["agenda_days"]] == [1, 1]
    assert "/events/lecturers/dragan-ilic/" in content
    assert "https://www.openstreetmap.org/?q=skip" in content
    assert "tajna-soba" not in content
    local_start = timezone.localtime(start, BELGRADE).strftime("%H:%M")
    assert local_start in content or local_start.lstrip("0") in content


def test_event_page_query_count_is_the_same_for_1_and_30_sessions(
    client, program, make_event, program_organiser
):
    event = make_event()
    lecturer = LecturerFactory(name="Dragan Ilić", slug="dragan-ilic")
    path = reverse("events:program_event_detail", args=[event.pk])

    def queries(count) -> int:
        program_agenda_set(
            event=event,
            actor=program_organiser,
            items=[{"title": f"Sesija {n}", "lecturers": [lecturer]} for n in range(count)],
        )
        with CaptureQueriesContext(connection) as captured:
            client.get(path, HTTP_COOKIE="sessionid=x")
        return len(captured)

    assert queries(1) == queries(30)
    assert AgendaItem.objects.filter(event=event).count() == 30


def test_members_only_event_and_network_meetings_are_404_on_this_page(
    client, program, make_event, make_enrolment
):
    event = make_event(visibility=Visibility.MEMBERS)
    path = reverse("events:program_event_detail", args=[event.pk])
    assert client.get(path).status_code == 404
    client.force_login(make_enrolment().person)
    assert client.get(path).status_code == 200


def test_edit_and_agenda_pages_are_404_for_participants(client, make_event, make_enrolment):
    event = make_event()
    client.force_login(make_enrolment().person)
    for name in ("program_event_edit", "program_event_agenda"):
        assert client.get(reverse(f"events:{name}", args=[event.pk])).status_code == 404
    assert (
        client.get(reverse("events:program_event_create", args=["drustvene-mreze"])).status_code
        == 404
    )


def test_organiser_edits_the_event(program_organiser_client, make_event):
    event = make_event()
    response = program_organiser_client.post(
        reverse("events:program_event_edit", args=[event.pk]),
        event_form(title="Novi naziv", capacity="12"),
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.title, event.capacity, event.sequence) == ("Novi naziv", 12, 1)
