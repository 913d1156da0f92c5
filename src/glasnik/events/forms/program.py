"""Forms for a programme's events, their agenda with lecturers, and lecturers' profiles. Times
are entered in the programme's time zone: views activate it around validation and rendering."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from glasnik.core.forms import form_add_service_errors

from ..models import AgendaItem, Event, EventKind, Lecturer
from ..services.programs import PROGRAM_EVENT_FIELDS, PROGRAM_EVENT_KINDS, program_event_check
from .meetings import (
    AgendaItemForm,
    DateTimeLocalInput,
    PlaceFormMixin,
    agenda_initial,
    event_url_field,
)


class ProgramEventForm(PlaceFormMixin, forms.ModelForm):
    map_url = event_url_field("map_url")
    online_url = event_url_field("online_url")

    class Meta:
        model = Event
        fields = list(PROGRAM_EVENT_FIELDS)
        widgets = {
            "kind": forms.RadioSelect,
            "starts_at": DateTimeLocalInput(),
            "ends_at": DateTimeLocalInput(),
            "registration_opens_at": DateTimeLocalInput(),
            "registration_closes_at": DateTimeLocalInput(),
            "mode": forms.RadioSelect,
            "visibility": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "ends_at": _("A training over several days ends on its last day."),
            "online_url": _(
                "Shown only to registered people, from shortly before the start; never on the "
                "public page."
            ),
            "visibility": _(
                "Public events are listed on the programme's page and calendar for everyone; "
                "the others only for participants and the team."
            ),
            "registration_enabled": _("People register for a seat (with a waiting list)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (value, label) for value, label in EventKind.choices if value in PROGRAM_EVENT_KINDS
        ]
        if not self.instance.pk:
            self.fields["kind"].initial = EventKind.TRAINING
            self.fields["registration_enabled"].initial = True

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            program_event_check(cleaned)
        except ValidationError as error:
            form_add_service_errors(self, error)
        return cleaned


class ProgramEventCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_(
            "Sent to everyone registered or waiting, and shown on the event's page. You may "
            "leave it empty."
        ),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ProgramAgendaItemForm(AgendaItemForm):
    """A session: day, times, room, title, type, and its lecturers."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    lecturers = forms.ModelMultipleChoiceField(
        label=_("Lecturers"),
        queryset=Lecturer.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, lecturers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lecturers"].queryset = lecturers

    def item(self) -> dict:
        return super().item() | {
            "id": self.cleaned_data.get("id"),
            "lecturers": list(self.cleaned_data.get("lecturers") or []),
        }


ProgramAgendaFormSet = forms.formset_factory(
    ProgramAgendaItemForm, extra=3, can_delete=True, max_num=80
)


def program_agenda_initial(items: list[AgendaItem]) -> list[dict]:
    rows = agenda_initial(items)
    for row, item in zip(rows, items, strict=True):
        row["id"] = item.pk
        row["lecturers"] = [lecturer.pk for lecturer in item.lecturers.all()]
    return rows


class LecturerForm(forms.ModelForm):
    website = forms.URLField(
        label=_("Website"), required=False, max_length=200, assume_scheme="https"
    )
    account_email = forms.EmailField(
        label=_("Account (email address)"),
        required=False,
        help_text=_(
            "Optional: the lecturer's account on Glasnik, so that they can edit this profile."
        ),
    )

    class Meta:
        model = Lecturer
        fields = ["name", "title", "organization_name", "biography", "website"]
        widgets = {"biography": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, can_link_account: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_link_account:
            # A lecturer edits their own profile but cannot hand it to another account.
            del self.fields["account_email"]
        elif self.instance.pk and self.instance.person_id:
            self.fields["account_email"].initial = self.instance.person.email

    def clean_account_email(self):
        email = self.cleaned_data["account_email"].strip()
        if not email:
            return None
        person = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if person is None:
            raise forms.ValidationError(_("No one with this email address has an account."))
        return person

    def details(self) -> dict:
        data = self.cleaned_data
        details = {
            "name": data["name"].strip(),
            "title": data["title"].strip(),
            "organization_name": data["organization_name"].strip(),
            "biography": data["biography"].strip(),
            "website": data["website"],
        }
        if "account_email" in self.fields:
            details["person"] = data["account_email"]
        return details


def new_event_initial() -> dict:
    from datetime import timedelta

    start = (timezone.localtime() + timedelta(days=30)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    return {"starts_at": start, "ends_at": start + timedelta(hours=8)}
