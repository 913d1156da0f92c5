from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse

from glasnik.events.models import EventMode, Visibility
from glasnik.events.services.meetings import meeting_cancel, meeting_update
from glasnik.events.services.rsvp import calendar_token_get

pytestmark = pytest.mark.django_db


def _parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def _feed_url(person) -> str:
    return reverse("events:personal_feed", args=[calendar_token_get(person=person).token])


def test_personal_feed_has_the_meetings_with_times_in_the_network_time_zone(
    client, member, make_meeting
):
    start = datetime(2030, 7, 2, 16, 0, tzinfo=UTC)  # 18:00 in Belgrade (summer time)
    event = make_meeting(
        title="Krizno komuniciranje",
        description="Vežbe na primerima.",
        visibility=Visibility.MEMBERS,
    )
    meeting_update(event=event, actor=None, starts_at=start, ends_at=start + timedelta(hours=2))

    calendar = _parse(client.get(_feed_url(member)))

    [vevent] = calendar.events
    assert str(vevent["uid"]) == f"{event.uid}@glasnik"
    assert vevent.start == datetime(2030, 7, 2, 18, 0, tzinfo=ZoneInfo("Europe/Belgrade"))
    assert str(vevent.start.tzinfo) == "Europe/Belgrade"
    assert vevent.end == start + timedelta(hours=2)
    assert str(vevent["summary"]) == "Krizno komuniciranje"
    assert "Vežbe na primerima." in str(vevent["description"])
    assert str(vevent["location"]) == "Online"
    assert str(vevent["url"]).endswith(reverse("events:meeting_detail", args=[event.pk]))
    assert str(vevent["status"]) == "CONFIRMED"
    assert vevent["dtstamp"].dt.tzinfo is not None
    assert int(vevent["sequence"]) == 1
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Belgrade"]
    # The online link stays on the meeting page, which shows it only shortly before the start.
    assert b"meet.example.org" not in client.get(_feed_url(member)).content


def test_feed_keeps_the_uid_when_a_meeting_changes_and_marks_cancelled_ones(
    client, member, network_organiser, make_meeting
):
    event = make_meeting(title="Otkazani")
    uid_before = str(_parse(client.get(_feed_url(member))).events[0]["uid"])

    meeting_cancel(event=event, actor=network_organiser, reason="Praznik")

    [vevent] = _parse(client.get(_feed_url(member))).events
    assert str(vevent["uid"]) == uid_before
    assert str(vevent["status"]) == "CANCELLED"
    assert "Praznik" in str(vevent["description"])


def test_feed_is_in_the_reader_language_and_script(client, make_member, make_meeting):
    reader = make_member(language="sr")
    make_meeting(
        title="Mesečni sastanak",
        mode=EventMode.IN_PERSON,
        online_url="",
        venue_name="Sala 2",
        venue_address="Makedonska 22, Beograd",
    )

    [vevent] = _parse(client.get(_feed_url(reader))).events

    assert str(vevent["summary"]) == "Месечни састанак"
    assert str(vevent["location"]) == "Сала 2, Македонска 22, Београд"
    assert "/sr/events/" in str(vevent["url"])


def test_feed_with_a_wrong_token_is_404(client, member, make_meeting):
    make_meeting()
    calendar_token_get(person=member)

    response = client.get(reverse("events:personal_feed", args=["not-the-token"]))

    assert response.status_code == 404


def test_feed_of_a_person_who_left_the_network_is_empty(client, member, network, make_meeting):
    from glasnik.networks.models import Membership
    from glasnik.networks.services.memberships import membership_leave

    make_meeting()
    url = _feed_url(member)
    membership_leave(membership=Membership.objects.get(person=member), actor=member)

    assert _parse(client.get(url)).events == []


def test_network_feed_for_a_member_and_for_a_stranger(client, member, make_person, make_meeting):
    make_meeting(title="Sastanak")
    stranger = make_person()
    member_url = reverse(
        "events:personal_network_feed", args=[calendar_token_get(person=member).token, "mreza"]
    )
    stranger_url = reverse(
        "events:personal_network_feed", args=[calendar_token_get(person=stranger).token, "mreza"]
    )

    assert [str(e["summary"]) for e in _parse(client.get(member_url)).events] == ["Sastanak"]
    assert client.get(stranger_url).status_code == 404


def test_public_feed_has_only_public_meetings_and_no_links(client, network, make_meeting):
    make_meeting(title="Za članove")
    make_meeting(title="Javni", visibility=Visibility.PUBLIC)

    response = client.get(reverse("events:network_feed", args=["mreza"]))

    calendar = _parse(response)
    assert [str(vevent["summary"]) for vevent in calendar.events] == ["Javni"]
    assert b"meet.example.org" not in response.content
    assert client.get(reverse("events:network_feed", args=["nema"])).status_code == 404


def test_meeting_ics_download(client, member, make_meeting):
    event = make_meeting(title="Sastanak")
    client.force_login(member)

    response = client.get(reverse("events:meeting_ics", args=[event.pk]))

    assert response["Content-Disposition"] == f'attachment; filename="sastanak-{event.pk}.ics"'
    [vevent] = _parse(response).events
    assert str(vevent["uid"]) == f"{event.uid}@glasnik"


def test_meeting_ics_of_a_members_only_meeting_is_404_for_visitors(client, make_meeting):
    event = make_meeting()

    assert client.get(reverse("events:meeting_ics", args=[event.pk])).status_code == 404


def test_feed_leaves_out_meetings_long_past(client, member, make_meeting):
    make_meeting(title="Davno", days=-400)
    make_meeting(title="Uskoro")

    calendar = _parse(client.get(_feed_url(member)))

    assert [str(vevent["summary"]) for vevent in calendar.events] == ["Uskoro"]


def test_meeting_ics_links_to_the_public_address(client, member, make_meeting, settings):
    settings.SITE_URL = "https://glasnik.example.org/"  # as people write it, with the slash
    event = make_meeting(title="Sastanak")
    client.force_login(member)

    [vevent] = _parse(client.get(reverse("events:meeting_ics", args=[event.pk]))).events

    assert str(vevent["url"]) == f"https://glasnik.example.org/en/events/{event.pk}/"
