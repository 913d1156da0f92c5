"""Forms for programmes: creating one, its page, phases, team, enrolment, participants."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from glasnik.access.models import Role
from glasnik.organizations.fields import InstitutionChoiceField, InstitutionSearchFormMixin
from glasnik.organizations.models import Organization, OrganizationKind

from .models import EnrolmentStatus, Phase, Program
from .selectors import ParticipantFilters
from .services.enrolment import MAX_INVITATIONS, invitation_emails_parse
from .services.program import PAGE_FIELDS

# Who organises programmes: associations, state bodies, institutes, cities, others.
ORGANISER_KINDS = (
    OrganizationKind.ASSOCIATION,
    OrganizationKind.STATE_BODY,
    OrganizationKind.PUBLIC_INSTITUTE,
    OrganizationKind.CITY,
    OrganizationKind.OTHER,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def _people_by_email(text: str) -> tuple[list, list[str]]:
    """People with accounts for a list of addresses; and the addresses without one."""
    emails = [entry.strip() for entry in text.replace(",", " ").split() if entry.strip()]
    users = get_user_model().objects.filter(is_active=True)
    found, missing = [], []
    for email in emails:
        person = users.filter(email__iexact=email).first()
        (found.append(person) if person else missing.append(email))
    return found, missing


class ProgramCreateForm(InstitutionSearchFormMixin, forms.ModelForm):
    organization = InstitutionChoiceField(label=_("Organiser"), kinds=ORGANISER_KINDS)
    organisers = forms.CharField(
        label=_("Organisers"),
        help_text=_(
            "Email addresses of the programme's first organisers, separated by commas. Each "
            "must already have an account."
        ),
    )

    class Meta:
        model = Program
        fields = [
            "name",
            "slug",
            "organization",
            "summary",
            "time_zone",
            "language",
            "enrolment_policy",
        ]
        help_texts = {
            "slug": _("Part of the programme's web address: letters, digits and hyphens."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False

    def clean_organisers(self):
        people, missing = _people_by_email(self.cleaned_data["organisers"])
        if missing:
            raise forms.ValidationError(
                _("No one with these addresses has an account: %(emails)s"),
                params={"emails": ", ".join(missing)},
            )
        if not people:
            raise forms.ValidationError(_("Name at least one organiser."))
        return people


class ProgramPageForm(forms.ModelForm):
    class Meta:
        model = Program
        fields = list(PAGE_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "target_group": forms.Textarea(attrs={"rows": 4}),
            "topics": forms.Textarea(attrs={"rows": 5}),
            "enrolment_policy": forms.RadioSelect,
        }
        help_texts = {
            "time_zone": _("Dates and times of the programme's events are shown in it."),
        }


class PhaseForm(forms.ModelForm):
    class Meta:
        model = Phase
        fields = ["kind", "title", "starts_on", "ends_on", "description"]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("A phase cannot end before it starts."))
        return cleaned


class TeamAddForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"), help_text=_("The person must already have an account.")
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (Role.ORGANISER, _("Organiser")),
            (Role.TRAINER, _("Trainer or mentor")),
        ],
        initial=Role.TRAINER,
        widget=forms.RadioSelect,
    )

    def clean_email(self):
        email = self.cleaned_data["email"]
        person = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if person is None:
            raise forms.ValidationError(_("No one with this email address has an account."))
        self.person = person
        return email


class EnrolForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Institution you take part for"),
        queryset=Organization.objects.none(),
        help_text=_(
            "One of the institutions on your profile. Add a position there to choose another."
        ),
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["organization"].empty_label = None


class EnrolWithPositionForm(InstitutionSearchFormMixin, forms.Form):
    """Taking part for someone whose profile names no institution yet: they find it here and
    say what they do there, which goes to their profile as well."""

    organization = InstitutionChoiceField(label=_("Institution you take part for"))
    position_title = forms.CharField(
        label=_("Your position"),
        max_length=150,
        help_text=_("For example: public relations officer, head of the mayor's office."),
    )


class DecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (EnrolmentStatus.ENROLLED, _("Approve")),
            (EnrolmentStatus.DECLINED, _("Decline")),
        ],
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Message to the person"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional. Sent with the email that tells them of the decision."),
    )


class InvitationsForm(forms.Form):
    emails = forms.CharField(
        label=_("Email addresses"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "One address, or a list: one per line or separated by commas. At most "
            "%(count)d at a time."
        )
        % {"count": MAX_INVITATIONS},
    )

    def clean_emails(self):
        valid, invalid = invitation_emails_parse(self.cleaned_data["emails"])
        if invalid:
            raise forms.ValidationError(
                _("These are not email addresses: %(entries)s"),
                params={"entries": ", ".join(invalid)},
            )
        if not valid:
            raise forms.ValidationError(_("Enter at least one email address."))
        if len(valid) > MAX_INVITATIONS:
            raise forms.ValidationError(
                _("Send at most %(count)d invitations at a time."),
                params={"count": MAX_INVITATIONS},
            )
        return valid


class ParticipantFilterForm(forms.Form):
    """The participants list's filters; a bad value is dropped rather than shown as an error."""

    q = forms.CharField(label=_("Name, email or institution"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *EnrolmentStatus.choices],
    )
    kind = forms.ChoiceField(
        label=_("Kind of institution"),
        required=False,
        choices=[("", _("All kinds")), *OrganizationKind.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.input_type = "search"

    def filters(self) -> ParticipantFilters:
        self.is_valid()
        data = {
            name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors
        }
        return ParticipantFilters(
            status=data.get("status") or "",
            kind=data.get("kind") or "",
            search=(data.get("q") or "").strip(),
        )

    def query(self) -> str:
        from django.utils.http import urlencode

        filters = self.filters()
        pairs = [("q", filters.search), ("status", filters.status), ("kind", filters.kind)]
        return urlencode([(key, value) for key, value in pairs if value])
