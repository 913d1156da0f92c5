"""Forms for registration: the participant's form (institution and the event's questions) and
the organisers' invitations."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from glasnik.organizations.models import Organization

from ..models import RegistrationQuestion, RegistrationQuestionKind

YES_NO_CHOICES = [("yes", _("Yes")), ("no", _("No"))]
MAX_INVITATIONS = 200


def question_field_name(question: RegistrationQuestion) -> str:
    return f"question_{question.pk}"


def _question_field(question: RegistrationQuestion) -> forms.Field:
    common = {
        "label": question.label,
        "help_text": question.help_text,
        "required": question.is_required,
    }
    if question.kind == RegistrationQuestionKind.LONG_TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=5000, **common)
    if question.kind == RegistrationQuestionKind.CHOICE:
        options = [line.strip() for line in question.options.splitlines() if line.strip()]
        return forms.ChoiceField(
            choices=[(option, option) for option in options], widget=forms.RadioSelect, **common
        )
    if question.kind == RegistrationQuestionKind.YES_NO:
        return forms.ChoiceField(choices=YES_NO_CHOICES, widget=forms.RadioSelect, **common)
    return forms.CharField(max_length=500, **common)


class RegistrationForm(forms.Form):
    """The person's institution (when the event needs to know it) and the event's questions."""

    invitation = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args,
        questions: list[RegistrationQuestion],
        organizations: list[Organization],
        ask_organization: bool,
        require_organization: bool,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.questions = questions
        if ask_organization:
            self.fields["organization"] = forms.ModelChoiceField(
                queryset=Organization.objects.filter(pk__in=[org.pk for org in organizations]),
                label=_("Institution you represent"),
                required=require_organization,
                empty_label=_("Choose…"),
                help_text=_("Your institutions come from your profile."),
            )
        for question in questions:
            self.fields[question_field_name(question)] = _question_field(question)

    def answers(self) -> dict[str, str]:
        return {
            str(question.pk): self.cleaned_data.get(question_field_name(question), "")
            for question in self.questions
        }


def _split_addresses(text: str) -> list[str]:
    return [part.strip() for part in text.replace(",", "\n").replace(";", "\n").splitlines()]


class InvitationForm(forms.Form):
    emails = forms.CharField(
        label=_("Email addresses"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One address per line (or separated by commas)."),
    )

    def clean_emails(self) -> list[str]:
        addresses = [
            address for address in _split_addresses(self.cleaned_data["emails"]) if address
        ]
        invalid = []
        for address in addresses:
            try:
                validate_email(address)
            except ValidationError:
                invalid.append(address)
        if invalid:
            raise ValidationError(
                _("These are not email addresses: %(addresses)s")
                % {"addresses": ", ".join(invalid[:10])}
            )
        if not addresses:
            raise ValidationError(_("Enter at least one email address."))
        if len(addresses) > MAX_INVITATIONS:
            raise ValidationError(
                _("At most %(count)d addresses at a time.") % {"count": MAX_INVITATIONS}
            )
        return addresses
