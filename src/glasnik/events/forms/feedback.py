"""The feedback form: the event's rating and comment, and one small form per lecturer."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from glasnik.core.ratings import RatingField

COMMENT_MAX_LENGTH = 4000


class EventFeedbackForm(forms.Form):
    rating = RatingField(label=_("How would you rate the event overall?"))
    comment = forms.CharField(
        label=_("Comment on the event"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What was useful, what would you change? Optional."),
    )


class LecturerFeedbackForm(forms.Form):
    rating = RatingField(required=False, empty_label=_("No rating (I did not attend)"))
    comment = forms.CharField(
        required=False, max_length=COMMENT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, lecturer, **kwargs):
        super().__init__(*args, prefix=f"lecturer-{lecturer.pk}", **kwargs)
        self.lecturer = lecturer
        self.fields["rating"].label = gettext("Your rating of %(name)s") % {"name": lecturer.name}
        self.fields["comment"].label = gettext("Comment on %(name)s") % {"name": lecturer.name}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("comment") and cleaned.get("rating") is None:
            self.add_error("rating", gettext("Choose a rating to go with your comment."))
        return cleaned


def feedback_forms(event_lecturers, data=None) -> tuple[EventFeedbackForm, list]:
    """The event's form and one per lecturer, bound to `data` when given."""
    return (
        EventFeedbackForm(data),
        [LecturerFeedbackForm(data, lecturer=lecturer) for lecturer in event_lecturers],
    )
