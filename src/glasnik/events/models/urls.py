"""An event's pages, defined once (as pretalx's `event.urls`): templates write
`{{ event.urls.public }}`, views `redirect(event.urls.public)`, emails and iCalendar files
`public_url(event.urls.public)`.

A network meeting and a programme's event have different public pages and organisers' forms;
every other page is shared. The public page is the one that describes the event: a meeting's
page (answers, agenda, minutes) or a programme event's page (agenda by day, registration box).
"""

from django.urls import reverse


class EventUrls:
    def __init__(self, event):
        self.event = event

    def _reverse(self, name: str) -> str:
        return reverse(f"events:{name}", args=[self.event.pk])

    def _by_owner(self, program_page: str, meeting_page: str) -> str:
        return self._reverse(program_page if self.event.program_id else meeting_page)

    @property
    def public(self) -> str:
        return self._by_owner("program_event_detail", "meeting_detail")

    @property
    def edit(self) -> str:
        return self._by_owner("program_event_edit", "meeting_edit")

    @property
    def cancel(self) -> str:
        return self._by_owner("program_event_cancel", "meeting_cancel")

    @property
    def agenda(self) -> str:
        return self._by_owner("program_event_agenda", "meeting_agenda")

    @property
    def register(self) -> str:
        """The person's own registration: the form, or their seat, QR code and link."""
        return self._reverse("register")

    @property
    def registrations(self) -> str:
        """The organisers' table of registrations."""
        return self._reverse("registrations_manage")

    @property
    def ical(self) -> str:
        """The event as an iCalendar file, for everyone who may see the event."""
        return self._reverse("meeting_ics")

    @property
    def registration_ical(self) -> str:
        """The event as an iCalendar file, for a person registered for it."""
        return self._reverse("registration_ics")
