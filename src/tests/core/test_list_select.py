"""ListSelect draws the same select as Django's own widget, without a template per option."""

import re

from django import forms

from glasnik.core.forms import ListSelect

CHOICES = [("", "All kinds"), ("city", "Grad"), ("municipality", "Opština <i>i</i> & grad")]


def both(**field):
    class Django(forms.Form):
        kind = forms.ChoiceField(choices=CHOICES, **field)

    class Ours(forms.Form):
        kind = forms.ChoiceField(choices=CHOICES, widget=ListSelect, **field)

    return Django, Ours


def same_html(first: str, second: str) -> bool:
    return re.sub(r"\s+", " ", first) == re.sub(r"\s+", " ", second)


def test_an_unbound_select_is_the_same_as_djangos():
    django_form, ours = both(required=False)

    assert same_html(str(django_form()["kind"]), str(ours()["kind"]))


def test_the_chosen_option_is_selected_and_labels_are_escaped():
    django_form, ours = both(required=False)

    drawn = str(ours({"kind": "municipality"})["kind"])

    assert same_html(str(django_form({"kind": "municipality"})["kind"]), drawn)
    assert '<option value="municipality" selected>Opština &lt;i&gt;i&lt;/i&gt; &amp; grad' in drawn
    assert drawn.count(" selected") == 1


def test_an_invalid_required_select_carries_the_same_attributes():
    django_form, ours = both(required=True)
    django_bound, ours_bound = django_form({"kind": "nowhere"}), ours({"kind": "nowhere"})
    django_bound.is_valid()
    ours_bound.is_valid()

    drawn = str(ours_bound["kind"])

    assert same_html(str(django_bound["kind"]), drawn)
    assert 'aria-invalid="true"' in drawn
    assert " required" in drawn
