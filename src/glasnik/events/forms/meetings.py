"""Forms for meetings. Times are entered in the event's (the network's) time zone: views
activate it around validation and rendering."""

from datetime import datetime, time

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..models import AgendaItem, Event, EventMode, RsvpAnswer, SessionType
from ..recurrence import MAX_OCCURRENCES, Frequency
from ..services.meetings import meeting_place_check, meeting_times_check


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class PlaceFormMixin:
    """Checks that the place matches the way of meeting (venue, link, or both)."""

    def clean_place(self, cleaned: dict) -> None:
        if "mode" not in cleaned:
            return
        try:
            meeting_place_check(
                mode=cleaned["mode"],
                venue_name=cleaned.get("venue_name", ""),
                online_url=cleaned.get("online_url", ""),
            )
        except ValidationError as error:
            self.add_error(None, error)


def event_url_field(name: str) -> forms.URLField:
    """A form field for one of the event's addresses (a map, an online meeting), labelled as
    the model names it."""
    model_field = Event._meta.get_field(name)
    return forms.URLField(
        label=capfirst(model_field.verbose_name),
        max_length=model_field.max_length,
        required=False,
        assume_scheme="https",
        help_text=model_field.help_text,
    )


class MeetingForm(PlaceFormMixin, forms.ModelForm):
    map_url = event_url_field("map_url")
    online_url = event_url_field("online_url")
    notify = forms.BooleanField(
        label=_("Tell the members by email"),
        required=False,
        initial=True,
        help_text=_("On a change of time or place, those who answered yes or maybe are told."),
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "description",
            "language",
            "starts_at",
            "ends_at",
            "mode",
            "venue_name",
            "venue_address",
            "map_url",
            "online_url",
            "visibility",
            "is_needs_meeting",
        ]
        widgets = {
            "starts_at": DateTimeLocalInput(),
            "ends_at": DateTimeLocalInput(),
            "mode": forms.RadioSelect,
            "visibility": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("starts_at") and cleaned.get("ends_at"):
            try:
                meeting_times_check(starts_at=cleaned["starts_at"], ends_at=cleaned["ends_at"])
            except ValidationError as error:
                self.add_error(None, error)
        self.clean_place(cleaned)
        return cleaned


class SeriesForm(PlaceFormMixin, forms.Form):
    title = forms.CharField(label=pgettext_lazy("event, session or phase", "Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    first_starts_at = forms.DateTimeField(
        label=_("First meeting starts"), widget=DateTimeLocalInput()
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration in minutes"), min_value=15, max_value=24 * 60, initial=90
    )
    frequency = forms.ChoiceField(
        label=_("Repeats"),
        choices=Frequency.choices,
        initial=Frequency.MONTHLY_WEEKDAY,
        widget=forms.RadioSelect,
    )
    until = forms.DateField(
        label=_("Last date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Give a last date or a number of meetings."),
    )
    count = forms.IntegerField(
        label=_("Number of meetings"), required=False, min_value=1, max_value=MAX_OCCURRENCES
    )
    mode = forms.ChoiceField(
        label=_("How"),
        choices=EventMode.choices,
        initial=EventMode.ONLINE,
        widget=forms.RadioSelect,
    )
    venue_name = forms.CharField(label=_("Venue"), max_length=200, required=False)
    venue_address = forms.CharField(
        label=pgettext_lazy("place", "Address"), max_length=300, required=False
    )
    map_url = forms.URLField(
        label=_("Map link"), max_length=500, required=False, assume_scheme="https"
    )
    online_url = forms.URLField(
        label=_("Online meeting link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=Event._meta.get_field("online_url").help_text,
    )
    visibility = forms.ChoiceField(
        label=_("Who sees it"),
        choices=Event._meta.get_field("visibility").choices,
        initial=Event._meta.get_field("visibility").default,
        widget=forms.RadioSelect,
        help_text=Event._meta.get_field("visibility").help_text,
    )
    first_is_needs_meeting = forms.BooleanField(
        label=_("The first meeting is the needs meeting"),
        required=False,
        help_text=_("It sets the year's learning topics."),
    )
    notify = forms.BooleanField(label=_("Tell the members by email"), required=False, initial=True)

    def clean(self):
        cleaned = super().clean()
        until, count = cleaned.get("until"), cleaned.get("count")
        if until and count:
            self.add_error("count", _("Give either a last date or a number of meetings, not both."))
        elif not until and not count and not self.errors.get("count"):
            self.add_error("until", _("Give a last date or a number of meetings."))
        first = cleaned.get("first_starts_at")
        if first and until and until < timezone.localtime(first).date():
            self.add_error("until", _("The last date cannot be before the first meeting."))
        self.clean_place(cleaned)
        return cleaned


class SeriesEditForm(PlaceFormMixin, forms.Form):
    """What the meetings still to come of a series share."""

    title = SeriesForm.base_fields["title"]
    description = SeriesForm.base_fields["description"]
    mode = SeriesForm.base_fields["mode"]
    venue_name = SeriesForm.base_fields["venue_name"]
    venue_address = SeriesForm.base_fields["venue_address"]
    map_url = SeriesForm.base_fields["map_url"]
    online_url = SeriesForm.base_fields["online_url"]
    visibility = SeriesForm.base_fields["visibility"]

    def clean(self):
        cleaned = super().clean()
        self.clean_place(cleaned)
        return cleaned


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to those who said they would come)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 12})
    )
    needs_outcome = forms.CharField(
        label=_("Learning topics for the year"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One topic per line. They are shown on the network's page."),
    )

    def __init__(self, *args, needs_meeting: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not needs_meeting:
            del self.fields["needs_outcome"]


class RsvpForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Will you come?"), choices=RsvpAnswer.choices, widget=forms.RadioSelect
    )


def _day_label(day) -> str:
    return f"{date_format(day, 'l')}, {date_format(day, 'SHORT_DATE_FORMAT')}"


class AgendaItemForm(forms.Form):
    """One agenda item; its times are clock times on one of the event's days."""

    title = forms.CharField(label=pgettext_lazy("event, session or phase", "Title"), max_length=200)
    day = forms.TypedChoiceField(label=_("Day"), choices=(), coerce=str, required=False)
    start_time = forms.TimeField(
        label=_("From"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    end_time = forms.TimeField(
        label=_("To"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    room = forms.CharField(label=_("Room"), max_length=120, required=False)
    session_type = forms.ChoiceField(
        label=_("Type"), choices=SessionType.choices, initial=SessionType.TALK
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, days: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.days = days
        if len(days) > 1:
            self.fields["day"].choices = [(day.isoformat(), _day_label(day)) for day in days]
            self.fields["day"].required = True
        else:
            del self.fields["day"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The item must end after it starts."))
        return cleaned

    def item(self) -> dict:
        """The agenda item's fields, times made aware in the current (the event's) time zone."""
        cleaned = self.cleaned_data
        day = datetime.fromisoformat(cleaned["day"]).date() if cleaned.get("day") else self.days[0]

        def at(clock: time | None):
            return timezone.make_aware(datetime.combine(day, clock)) if clock else None

        return {
            "title": cleaned["title"],
            "description": cleaned.get("description", ""),
            "starts_at": at(cleaned.get("start_time")),
            "ends_at": at(cleaned.get("end_time")),
            "room": cleaned.get("room", ""),
            "session_type": cleaned["session_type"],
        }


def agenda_initial(items: list[AgendaItem]) -> list[dict]:
    return [
        {
            "title": item.title,
            "day": timezone.localtime(item.starts_at).date().isoformat() if item.starts_at else "",
            "start_time": timezone.localtime(item.starts_at).time() if item.starts_at else None,
            "end_time": timezone.localtime(item.ends_at).time() if item.ends_at else None,
            "room": item.room,
            "session_type": item.session_type,
            "description": item.description,
        }
        for item in items
    ]


AgendaFormSet = forms.formset_factory(AgendaItemForm, extra=2, can_delete=True, max_num=60)
