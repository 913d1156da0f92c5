"""The organisers' forms of the survey builder. Texts are typed in the survey's default
language, with optional translations of each question into the other languages."""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from glasnik.core.languages import ContentLanguage

from .models import (
    CHOICE_TYPES,
    ConditionLogic,
    ConditionOperator,
    Question,
    QuestionType,
    Survey,
)
from .texts import text_for_reader

TRANSLATION_LANGUAGES = [code for code, _label in ContentLanguage.choices if code != "cnr"]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self):
        super().__init__(format="%Y-%m-%dT%H:%M")


class SurveyForm(forms.ModelForm):
    """A survey's settings; `owner` (the programme or network) offers its events to attach
    the survey to as their questionnaire after the event."""

    def __init__(self, *args, owner=None, **kwargs):
        super().__init__(*args, **kwargs)
        from glasnik.events.models import Event
        from glasnik.programs.models import Program

        events = Event.objects.none()
        if owner is not None:
            mine = {"program": owner} if isinstance(owner, Program) else {"network": owner}
            events = Event.objects.filter(**mine).order_by("-starts_at")
        self.fields["event"].queryset = events
        self.fields["event"].label_from_instance = lambda event: (
            f"{event.title} ({date_format(event.starts_at, 'SHORT_DATE_FORMAT')})"
        )

    class Meta:
        model = Survey
        fields = [
            "title",
            "kind",
            "language",
            "intro",
            "is_anonymous",
            "event",
            "opens_at",
            "closes_at",
        ]
        widgets = {
            "intro": forms.Textarea(attrs={"rows": 3}),
            "opens_at": DateTimeInput(),
            "closes_at": DateTimeInput(),
        }
        help_texts = {
            "opens_at": _("Optional."),
            "closes_at": _("Optional."),
            "event": _(
                "Optional: the event this is the questionnaire after. Its participants see the "
                "survey on the event's page once it ends, and the event's feedback invitation "
                "carries its link."
            ),
        }
        labels = {"event": _("Questionnaire after the event")}


class SectionForm(forms.Form):
    title = forms.CharField(label=_("Section title"), max_length=200, required=False)
    condition_logic = forms.ChoiceField(
        label=_("When it has conditions, show it when"),
        choices=ConditionLogic.choices,
        initial=ConditionLogic.ALL,
    )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class QuestionForm(forms.Form):
    """A question in the survey's default language; `text_<code>` fields add translations."""

    type = forms.ChoiceField(label=_("Type of question"), choices=QuestionType.choices)
    text = forms.CharField(label=_("Question"), max_length=500, widget=forms.Textarea({"rows": 2}))
    help = forms.CharField(label=_("Help text"), max_length=500, required=False)
    is_required = forms.BooleanField(label=_("An answer is required"), required=False)
    choices = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea({"rows": 4}),
        help_text=_(
            "One per line: the options of a choice, the rows of a Likert matrix, the items to rank."
        ),
    )
    allows_other = forms.BooleanField(
        label=_("Multiple choice: offer “Other, please specify”"), required=False
    )
    scale_labels = forms.CharField(
        label=_("Scale labels"),
        required=False,
        widget=forms.Textarea({"rows": 3}),
        help_text=_(
            "Rating scale and Likert matrix: one label per point, lowest first "
            "(five points when left empty)."
        ),
    )
    min_value = forms.DecimalField(label=_("Number: smallest"), required=False)
    max_value = forms.DecimalField(label=_("Number: largest"), required=False)
    points = forms.IntegerField(
        label=_("Knowledge test: points"), required=False, min_value=0, max_value=100
    )
    condition_logic = forms.ChoiceField(
        label=_("When it has conditions, show it when"),
        choices=ConditionLogic.choices,
        initial=ConditionLogic.ALL,
    )

    def __init__(self, *args, survey: Survey, question: Question | None = None, **kwargs):
        self.survey, self.question = survey, question
        if question is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_for(survey, question)
        super().__init__(*args, **kwargs)
        if question is not None:
            self.fields["type"].disabled = True
        for code in TRANSLATION_LANGUAGES:
            if code == survey.language:
                continue
            self.fields[f"text_{code}"] = forms.CharField(
                label=_("Question in %(language)s") % {"language": ContentLanguage(code).label},
                max_length=500,
                required=False,
            )

    @property
    def translation_fields(self):
        return [self[name] for name in self.fields if name.startswith("text_")]

    @property
    def main_fields(self):
        return [self[name] for name in self.fields if not name.startswith("text_")]

    @staticmethod
    def initial_for(survey: Survey, question: Question) -> dict:
        language = survey.language
        labels = [
            text_for_reader(choice.label, language, language).text
            for choice in question.choices.all()
        ]
        initial = {
            "type": question.type,
            "text": question.text.get(language, ""),
            "help": question.help.get(language, ""),
            "is_required": question.is_required,
            "choices": "\n".join(labels),
            "allows_other": question.allows_other,
            "scale_labels": "\n".join(question.scale_labels.get(language, [])),
            "min_value": question.min_value,
            "max_value": question.max_value,
            "points": question.points,
            "condition_logic": question.condition_logic,
        }
        for code, text in question.text.items():
            initial[f"text_{code}"] = text
        return initial

    def service_arguments(self) -> dict:
        """The cleaned data as the builder services take it (texts as maps by language)."""
        data = self.cleaned_data
        language = self.survey.language
        kind = self.question.type if self.question else data["type"]
        text = {language: data["text"]}
        text.update(
            {name[5:]: value for name, value in data.items() if name.startswith("text_") and value}
        )
        old = {}
        if self.question is not None:
            old = {choice.pk: choice.label for choice in self.question.choices.all()}
        choices = []
        for position, label in enumerate(_lines(data["choices"])):
            kept = dict(list(old.values())[position]) if position < len(old) else {}
            choices.append(kept | {language: label})
        arguments = {
            "text": text,
            "help": {language: data["help"]},
            "is_required": data["is_required"],
            "allows_other": data["allows_other"] and kind == QuestionType.MULTIPLE,
            "min_value": data["min_value"],
            "max_value": data["max_value"],
            "scale_labels": {language: _lines(data["scale_labels"])}
            if data["scale_labels"]
            else {},
            "points": data["points"] or 0,
            "condition_logic": data["condition_logic"],
            "choices": choices if kind in CHOICE_TYPES else [],
        }
        if kind == QuestionType.RATING and arguments["max_value"] is None:
            labels = _lines(data["scale_labels"])
            arguments["max_value"] = len(labels) if labels else 5
            arguments["min_value"] = 1
        if self.question is None:
            arguments["type"] = kind
        return arguments


class ConditionForm(forms.Form):
    """Show a question or section only when an earlier question's answer matches: the choices
    (for a choice question) or the value (for the others)."""

    source = forms.TypedChoiceField(label=_("Earlier question"), coerce=int)
    operator = forms.ChoiceField(label=_("Its answer"), choices=ConditionOperator.choices)
    choices = forms.TypedMultipleChoiceField(
        label=_("Options"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    value = forms.CharField(
        label=_("Value"),
        max_length=100,
        required=False,
        help_text=_("For questions answered with a number or a text."),
    )

    def __init__(self, *args, earlier: list[Question], language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.earlier = {question.pk: question for question in earlier}
        self.fields["source"].choices = [
            (q.pk, text_for_reader(q.text, language).text) for q in earlier
        ]
        self.fields["choices"].choices = [
            (
                choice.pk,
                f"{text_for_reader(q.text, language).text} — "
                f"{text_for_reader(choice.label, language).text}",
            )
            for q in earlier
            if q.type in (QuestionType.SINGLE, QuestionType.MULTIPLE)
            for choice in q.choice_list
        ]

    def condition_value(self):
        source = self.earlier[self.cleaned_data["source"]]
        if source.type in (QuestionType.SINGLE, QuestionType.MULTIPLE):
            own = {choice.pk for choice in source.choice_list}
            chosen = [pk for pk in self.cleaned_data["choices"] if pk in own]
            return chosen if self.cleaned_data["operator"] == "any_of" else chosen[:1] or None
        return self.cleaned_data["value"]
