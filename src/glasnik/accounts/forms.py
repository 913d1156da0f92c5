from allauth.account import forms as allauth_forms
from django import forms
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext_lazy as _

from glasnik.organizations.fields import InstitutionChoiceField, InstitutionSearchFormMixin

from .models import PROFILE_FIELDS, Position, User


class SignupForm(allauth_forms.SignupForm):
    """allauth's sign-up form, doing the same work whether or not the address has an account:
    the answer's time must not tell who has one (allauth answers both alike otherwise)."""

    def try_save(self, request):
        if self.account_already_exists:
            # A new account's password is hashed, the slowest step by far: hash this one too.
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)


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


class PositionForm(InstitutionSearchFormMixin, forms.ModelForm):
    organization = InstitutionChoiceField(label=_("Institution"))

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
