from django import forms
from django.utils.translation import gettext_lazy as _

from glasnik.core.uploads import DOCUMENT_EXTENSIONS, upload_check
from glasnik.organizations.fields import InstitutionChoiceField, InstitutionSearchFormMixin
from glasnik.organizations.models import Country, OrganizationKind

from ..models import Call, QuestionKind, StatementQuestion, StatementStatus
from ..services.calls import Decision, call_dates_check, question_check

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
TEXT_ANSWER_MAX = 500
LONG_TEXT_ANSWER_MAX = 5000


class CallForm(forms.ModelForm):
    """A call's text, dates and fee. Dates are read and shown in the network's time zone: the
    view renders and validates the form inside `timezone.override(network.time_zone)`."""

    class Meta:
        model = Call
        fields = [
            "title",
            "text",
            "eligibility",
            "opens_at",
            "closes_at",
            "fee",
            "fee_currency",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 10}),
            "eligibility": forms.Textarea(attrs={"rows": 4}),
            "opens_at": DATETIME_WIDGET,
            "closes_at": DATETIME_WIDGET,
        }

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        zone = network.get_time_zone_display()
        self.fields["opens_at"].help_text = _(
            "Date and time in the network's time zone (%(zone)s)."
        ) % {"zone": zone}
        self.fields["closes_at"].help_text = _(
            "The deadline for statements: they are accepted until the call closes. Date and time "
            "in the network's time zone (%(zone)s)."
        ) % {"zone": zone}
        self.fields["fee"].widget.attrs["min"] = "0.01"

    def clean(self):
        cleaned = super().clean()
        errors = call_dates_check(
            opens_at=cleaned.get("opens_at"), closes_at=cleaned.get("closes_at")
        )
        for field, message in errors.items():
            if field not in self.errors:
                self.add_error(field, message)
        fee = cleaned.get("fee")
        if fee is not None and fee <= 0:
            self.add_error(
                "fee", _("A fee must be more than zero; leave it empty for a free call.")
            )
        return cleaned

    def _post_clean(self):
        # The model's check constraints are enforced by the service and the database; the form
        # already says what is wrong in words tied to the fields.
        pass


class QuestionForm(forms.ModelForm):
    class Meta:
        model = StatementQuestion
        fields = ["kind", "label", "help_text", "is_required", "options", "privacy_text"]
        widgets = {
            "kind": forms.RadioSelect,
            "options": forms.Textarea(attrs={"rows": 4}),
            "privacy_text": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "options": _("For a choice question only: one option per line."),
            "privacy_text": _(
                "For a consent question only: what people agree to — who processes their "
                "data, for what, how long it is kept and how to withdraw consent."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = QuestionKind.choices

    def clean(self):
        cleaned = super().clean()
        errors = question_check(
            kind=cleaned.get("kind", ""),
            options=cleaned.get("options", ""),
            privacy_text=cleaned.get("privacy_text", ""),
        )
        for field, message in errors.items():
            if field not in self.errors:
                self.add_error(field, message)
        return cleaned

    def _post_clean(self):
        pass


def _question_field(question: StatementQuestion, *, has_file: bool) -> forms.Field:
    common = {"label": question.label, "required": question.is_required}
    if question.help_text:
        common["help_text"] = question.help_text
    kind = question.kind
    if kind == QuestionKind.TEXT:
        return forms.CharField(max_length=TEXT_ANSWER_MAX, **common)
    if kind == QuestionKind.LONG_TEXT:
        return forms.CharField(
            max_length=LONG_TEXT_ANSWER_MAX, widget=forms.Textarea(attrs={"rows": 6}), **common
        )
    if kind == QuestionKind.CHOICE:
        return forms.ChoiceField(
            choices=[(option, option) for option in question.option_list],
            widget=forms.RadioSelect,
            **common,
        )
    if kind == QuestionKind.YES_NO:
        return forms.ChoiceField(
            choices=[("yes", _("Yes")), ("no", _("No"))], widget=forms.RadioSelect, **common
        )
    if kind == QuestionKind.FILE:
        help_text = _("Accepted types: %(types)s; at most 10 MB.") % {
            "types": ", ".join(DOCUMENT_EXTENSIONS)
        }
        if has_file:
            common["required"] = False
            help_text = (
                _("You have already sent a file; choose one only to replace it.") + " " + help_text
            )
        if question.help_text:
            help_text = f"{question.help_text} {help_text}"
        return forms.FileField(
            validators=[upload_check],
            help_text=help_text,
            **{key: value for key, value in common.items() if key != "help_text"},
        )
    # Consent: the privacy text is what the person agrees to, read out with the checkbox.
    return forms.BooleanField(
        label=question.label,
        required=question.is_required,
        help_text=question.privacy_text,
    )


def question_field_name(question: StatementQuestion) -> str:
    return f"question_{question.pk}"


class StatementForm(InstitutionSearchFormMixin, forms.Form):
    # The organisers decide on a person, not an email address: the name goes to the profile.
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    organization = InstitutionChoiceField(
        label=_("Your institution"),
        error_messages={
            "required": _("Choose your institution: search for it by name and pick it."),
            "invalid_choice": _("Choose your institution from the list."),
        },
    )
    position_title = forms.CharField(
        label=_("Your position"),
        max_length=150,
        help_text=_("For example: public relations officer, head of the mayor's office."),
    )

    def __init__(self, *args, questions, statement=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        files_sent = set()
        if statement is not None:
            files_sent = {answer.question_id for answer in statement.answers.all() if answer.file}
        for question in self.questions:
            self.fields[question_field_name(question)] = _question_field(
                question, has_file=question.pk in files_sent
            )

    def answers(self) -> dict:
        """The cleaned answers by question id, as `statement_submit` takes them."""
        answers = {}
        for question in self.questions:
            value = self.cleaned_data.get(question_field_name(question))
            if question.kind == QuestionKind.FILE:
                answers[question.pk] = value or None
            elif question.kind == QuestionKind.CONSENT:
                answers[question.pk] = bool(value)
            else:
                answers[question.pk] = value or ""
        return answers


def statement_initial(statement, questions) -> dict:
    """A saved statement as the form's initial values."""
    initial = {
        "organization": statement.organization_id,
        "position_title": statement.position_title,
    }
    kinds = {question.pk: question.kind for question in questions}
    for answer in statement.answers.all():
        kind = kinds.get(answer.question_id)
        if kind is None or kind == QuestionKind.FILE:
            continue
        value = answer.value == "yes" if kind == QuestionKind.CONSENT else answer.value
        initial[f"question_{answer.question_id}"] = value
    return initial


class StatementFilterForm(forms.Form):
    """The review table's filters. Invalid values are dropped rather than shown as errors."""

    q = forms.CharField(label=_("Name or institution"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *StatementStatus.choices],
    )
    country = forms.ChoiceField(
        label=_("Country"), required=False, choices=[("", _("All countries")), *Country.choices]
    )
    kind = forms.ChoiceField(
        label=_("Kind of institution"),
        required=False,
        choices=[("", _("All kinds")), *OrganizationKind.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.input_type = "search"

    def filters(self) -> dict[str, str]:
        self.is_valid()
        return {
            name: self.cleaned_data.get(name, "").strip()
            for name in self.fields
            if name not in self.errors
        }


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(Decision.APPROVE.value, _("Approve")), (Decision.DECLINE.value, _("Decline"))],
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Message to the applicant"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional. Sent with the decision in the applicant's language of choice."),
    )


class BulkDecisionForm(DecisionForm):
    statements = forms.TypedMultipleChoiceField(
        label=_("Statements"),
        coerce=int,
        error_messages={"required": _("Select at least one statement.")},
    )

    def __init__(self, *args, statement_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statements"].choices = [(pk, pk) for pk in statement_ids]
