from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from glasnik.core.languages import ContentLanguage

from .platforms import Platform
from .rules import RULES

LONGEST_TEXT = 100_000  # the longest any platform takes (a website's page)


class PostCheckForm(forms.Form):
    """A post to check. The field names are the coach's interface: a form that includes
    coach/_panel.html names its fields the same."""

    text = forms.CharField(
        label=pgettext_lazy("social media", "Text of the post"),
        required=False,
        max_length=LONGEST_TEXT,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    platforms = forms.MultipleChoiceField(
        label=_("Platforms"),
        choices=Platform.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    language = forms.ChoiceField(
        label=pgettext_lazy("social media", "Language of the post"),
        choices=ContentLanguage.choices,
        required=False,
    )
    is_announcement = forms.BooleanField(
        label=_("This is an announcement (of an event, a deadline, a closure)"), required=False
    )
    has_media = forms.BooleanField(label=_("The post has an image"), required=False)
    alt_text = forms.CharField(
        label=_("Alt text of the image"),
        help_text=_("What the image shows, for people who cannot see it."),
        required=False,
        max_length=1500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def check_arguments(self) -> dict:
        """The cleaned post as `coach_check` takes it."""
        return {name: self.cleaned_data[name] for name in self.fields}


class CoachSettingsForm(forms.Form):
    enabled = forms.MultipleChoiceField(
        label=_("Rules the coach applies"),
        choices=[(code, rule.title) for code, rule in RULES.items()],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def disabled(self) -> list[str]:
        return [code for code in RULES if code not in self.cleaned_data["enabled"]]
