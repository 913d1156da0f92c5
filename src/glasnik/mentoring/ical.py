"""The calendar invitation of an office-hour booking (RFC 5545 with the iTIP methods of RFC 5546),
built with the icalendar library as the events' calendars are: REQUEST when it is booked, CANCEL
with the same UID when it is called off, so calendar apps add and then remove the one entry."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from glasnik.core.reader_script import text_in_reader_script
from glasnik.events.ical import UID_DOMAIN

from .models import OfficeHourBooking

PRODID = "-//Glasnik//Office hours//EN"
FILENAME = "office-hours.ics"
MIMETYPE = "text/calendar"


def _address(person) -> icalendar.vCalAddress:
    address = icalendar.vCalAddress(f"mailto:{person.email}")
    address.params["cn"] = icalendar.vText(str(person))
    return address


def booking_calendar(booking: OfficeHourBooking, *, language: str, cancelled: bool) -> bytes:
    """The booking as a calendar entry, its text in `language` (a reader's)."""
    slot = booking.slot
    zone = ZoneInfo(slot.program.time_zone)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    vevent = icalendar.Event()
    vevent.add("uid", f"office-hours-{slot.uid}-{booking.pk}@{UID_DOMAIN}")
    vevent.add("dtstamp", timezone.now())
    vevent.add("sequence", 1 if cancelled else 0)
    vevent.add("dtstart", slot.starts_at.astimezone(zone))
    vevent.add("dtend", slot.ends_at.astimezone(zone))
    with translation.override(language):
        summary = _("Office hours: %(mentor)s and %(participant)s") % {
            "mentor": slot.mentor,
            "participant": booking.participant,
        }
        description = "\n\n".join(
            [_("Topic: %(topic)s") % {"topic": booking.topic}, slot.meeting_url]
        )
    vevent.add("summary", text_in_reader_script(summary, language))
    vevent.add("description", text_in_reader_script(description, language))
    vevent.add("location", slot.meeting_url)
    vevent.add("url", slot.meeting_url)
    vevent.add("organizer", _address(slot.mentor))
    vevent.add("attendee", _address(booking.participant))
    vevent.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    calendar.add_component(vevent)
    day = slot.starts_at.date()
    calendar.add_missing_timezones(
        first_date=day - timedelta(days=1), last_date=day + timedelta(days=1)
    )
    return calendar.to_ical()
