"""iCalendar (RFC 5545) for events, built with the icalendar library: one event to download,
or a feed that calendar apps subscribe to. Text is in the reader's language and script."""

from collections.abc import Iterable
from datetime import timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

from glasnik.core.languages import written_in_text
from glasnik.core.links import public_url
from glasnik.core.reader_script import text_in_reader_script

from .models import Event

PRODID = "-//Glasnik//Events//EN"
UID_DOMAIN = "glasnik"


def event_uid(event: Event) -> str:
    return f"{event.uid}@{UID_DOMAIN}"


def event_url(event: Event, language: str) -> str:
    """The event's public page (`event.urls.public`), which links on to the person's seat."""
    with translation.override(language):
        return public_url(event.urls.public)


def _location(event: Event) -> str:
    if event.is_in_person:
        place = ", ".join(part for part in (event.venue_name, event.venue_address) if part)
        return written_in_text(place, event)
    return _("Online")


def _description(event: Event) -> str:
    parts = []
    if event.is_cancelled:
        parts.append(_("This meeting has been cancelled."))
        if event.cancellation_reason:
            parts.append(written_in_text(event.cancellation_reason, event))
    if event.description:
        parts.append(written_in_text(event.description, event))
    agenda = list(event.agenda_items.all())
    if agenda:
        zone = ZoneInfo(event.time_zone)
        lines = [_("Agenda:")]
        for item in agenda:
            when = f"{item.starts_at.astimezone(zone):%H:%M} " if item.starts_at else ""
            lines.append(f"– {when}{written_in_text(item.title, event)}")
        parts.append("\n".join(lines))
    if event.is_online and event.program_id is not None:
        parts.append(
            _(
                "The link to join appears on your registration page %(minutes)d minutes "
                "before the start."
            )
            % {"minutes": settings.EVENTS_ONLINE_LINK_LEAD_MINUTES}
        )
    elif event.is_online:
        parts.append(
            _(
                "The link to join appears on the meeting page %(minutes)d minutes before the "
                "start, for members who said they will come."
            )
            % {"minutes": settings.EVENTS_ONLINE_LINK_LEAD_MINUTES}
        )
    if event.map_url and event.is_in_person:
        parts.append(_("Map: %(url)s") % {"url": event.map_url})
    return "\n\n".join(parts)


def _vevent(event: Event, language: str) -> icalendar.Event:
    zone = ZoneInfo(event.time_zone)
    vevent = icalendar.Event()
    vevent.add("uid", event_uid(event))
    vevent.add("dtstamp", event.updated_at)
    vevent.add("last-modified", event.updated_at)
    vevent.add("sequence", event.sequence)
    vevent.add("dtstart", event.starts_at.astimezone(zone))
    vevent.add("dtend", event.ends_at.astimezone(zone))
    vevent.add(
        "summary",
        text_in_reader_script(event.title, language, written_in=event.content_language),
    )
    description = _description(event)
    if description:
        vevent.add("description", text_in_reader_script(description, language))
    vevent.add("location", text_in_reader_script(_location(event), language))
    vevent.add("url", event_url(event, language))
    vevent.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    return vevent


def calendar_build(events: Iterable[Event], *, name: str, language: str) -> bytes:
    """An iCalendar document with `events`, its time zones included. A `name` that people
    wrote (a network's) comes marked with its language (`written_in_text`)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", text_in_reader_script(name, language))
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    events = list(events)
    with translation.override(language):
        for event in events:
            calendar.add_component(_vevent(event, language))
    if events:
        first = min(event.starts_at for event in events).date()
        last = max(event.ends_at for event in events).date()
        calendar.add_missing_timezones(
            first_date=first - timedelta(days=366), last_date=last + timedelta(days=366)
        )
    return calendar.to_ical()


def ics_response(content: bytes, filename: str) -> HttpResponse:
    """An iCalendar file to download; calendar apps may keep it for five minutes."""
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=300"
    return response
