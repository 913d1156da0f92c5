from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Question, QuestionQueue
from .models.questions import QUESTION_MAX_LENGTH


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["text", "is_anonymous"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3, "maxlength": QUESTION_MAX_LENGTH})}
        help_texts = {
            "is_anonymous": _(
                "The other participants will not see your name. The mentors and organisers "
                "always do."
            )
        }
        error_messages = {
            "text": {
                "required": _("Write your question."),
                "max_length": _("A question can be at most %(limit_value)d characters long."),
            }
        }


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Written answer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Leave empty when the question was answered live in the session."),
    )


class RecordingForm(forms.ModelForm):
    recording_url = forms.URLField(
        label=_("Recording link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Shown to the participants with the answered questions after the session."),
    )

    class Meta:
        model = QuestionQueue
        fields = ["recording_url"]
        error_messages = {"recording_url": {"invalid": _("Enter a full web address.")}}
