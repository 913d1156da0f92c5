from django import forms
from django.utils.translation import gettext_lazy as _

from glasnik.core.languages import InterfaceLanguageSelect
from glasnik.organizations.models import Organization

from .models import PROFILE_FIELDS, Position, User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = PROFILE_FIELDS
        widgets = {"gender": forms.RadioSelect, "experience_level": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        self.fields["gender"].choices = [("", _("Not stated")), *self.fields["gender"].choices[1:]]
        self.fields["experience_level"].choices = self.fields["experience_level"].choices[1:]
        language = self.fields["preferred_language"]
        language.widget = InterfaceLanguageSelect(choices=language.choices)


class PositionForm(forms.ModelForm):
    organization = forms.ModelChoiceField(
        label=_("Institution"), queryset=Organization.objects.order_by("name")
    )

    class Meta:
        model = Position
        fields = ["organization", "title", "since", "until"]
        widgets = {
            "since": forms.DateInput(attrs={"type": "date"}),
            "until": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end date cannot be before the start date."))
        return cleaned
