from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from glasnik.core.languages import ContentLanguage

from .models import Decision
from .sections import TemplateKind


class ProposalCreateForm(forms.Form):
    title = forms.CharField(label=pgettext_lazy("document", "Title"), max_length=200)
    template = forms.ChoiceField(
        label=_("Start from the template for"),
        choices=TemplateKind.choices,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(
        label=_("Language the proposal is written in"), choices=ContentLanguage.choices
    )


class SectionForm(forms.Form):
    text = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision"), choices=Decision.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Needed when you return the proposal: say what should change."),
        max_length=5000,
    )


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
