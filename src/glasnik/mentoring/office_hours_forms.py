from django import forms
from django.utils.translation import gettext_lazy as _

from .office_hours import MAX_WEEKS


class SlotsForm(forms.Form):
    """New slots: a start in the programme's time zone (the view activates it)."""

    starts_at = forms.DateTimeField(
        label=_("Start"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "required": _("Choose the date and time."),
            "invalid": _("Choose the date and time."),
        },
    )
    duration_minutes = forms.IntegerField(
        label=_("Length in minutes"), min_value=10, max_value=240, initial=30
    )
    meeting_url = forms.URLField(
        label=_("Meeting link"),
        max_length=500,
        assume_scheme="https",
        error_messages={
            "required": _("Enter a full web address."),
            "invalid": _("Enter a full web address."),
        },
    )
    weeks = forms.IntegerField(
        label=_("Weeks"),
        min_value=1,
        max_value=MAX_WEEKS,
        initial=1,
        help_text=_("1 for a single slot; more to repeat it at the same time each week."),
    )


class BookingForm(forms.Form):
    topic = forms.CharField(
        label=_("Topic"),
        max_length=300,
        error_messages={"required": _("Say what you would like to talk about.")},
    )
