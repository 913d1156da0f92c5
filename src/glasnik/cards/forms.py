"""The forms of the cards app: the institution's look, and one form per card template (the
template's texts, then the language, size and alt text every card has)."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from glasnik.toolkit.models import COLOUR, LOGO_EXTENSIONS

from .models import CARD_LANGUAGES, CardSize, CardTemplate

LIST_ITEMS = (3, 5)


class ColourInput(forms.TextInput):
    input_type = "color"


def _colour_field(label) -> forms.CharField:
    return forms.CharField(label=label, max_length=7, validators=[COLOUR], widget=ColourInput())


class BrandForm(forms.Form):
    primary_colour = _colour_field(capfirst(_("main colour")))
    text_colour = _colour_field(capfirst(_("text colour")))
    accent_colour = _colour_field(capfirst(_("accent colour")))
    logo = forms.FileField(
        label=capfirst(_("logo")),
        required=False,
        help_text=_("PNG or JPEG, up to 2 MB. It is drawn on a white strip."),
        widget=forms.FileInput(attrs={"accept": ",".join(f".{ext}" for ext in LOGO_EXTENSIONS)}),
    )
    logo_remove = forms.BooleanField(label=_("Remove the logo"), required=False)

    def __init__(self, *args, has_logo: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_logo:
            del self.fields["logo_remove"]


class CardForm(forms.Form):
    """What every card has; a template's form adds its texts (`DATA_FIELDS`)."""

    DATA_FIELDS: tuple[str, ...] = ()
    language = forms.ChoiceField(label=capfirst(_("language of the text")), choices=CARD_LANGUAGES)
    size = forms.ChoiceField(
        label=_("Size shown here"),
        choices=CardSize.choices,
        help_text=_("You can download the card in every size."),
    )
    alt_text = forms.CharField(
        label=_("Alt text"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "What the card says, for people who do not see it. Leave it empty and it is "
            "written from the card's texts."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields([*self.DATA_FIELDS, "language", "size", "alt_text"])

    def card_data(self) -> dict:
        """The template's texts as the card keeps them (JSON)."""
        data = {}
        for name in self.DATA_FIELDS:
            value = self.cleaned_data[name]
            if isinstance(value, datetime.time):
                value = value.strftime("%H:%M")
            elif isinstance(value, datetime.date):
                value = value.isoformat()
            data[name] = value
        return data

    @classmethod
    def initial_from(cls, data: dict) -> dict:
        initial = {name: data[name] for name in cls.DATA_FIELDS if name in data}
        if isinstance(initial.get("items"), list):
            initial["items"] = "\n".join(initial["items"])
        return initial


def _text(label, max_length: int, *, rows: int = 0, help_text="") -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(
        label=label, max_length=max_length, widget=widget, help_text=help_text, strip=True
    )


class NumberCardForm(CardForm):
    DATA_FIELDS = ("number", "caption")
    number = _text(
        pgettext_lazy("infographic card", "Number"),
        20,
        help_text=_("As you want it shown, e.g. 1.250 or 87%."),
    )
    caption = _text(_("Caption"), 160, rows=2, help_text=_("What the number counts."))


class ListCardForm(CardForm):
    DATA_FIELDS = ("title", "items")
    title = _text(pgettext_lazy("infographic card", "Title"), 120)
    items = _text(_("Items"), 600, rows=5, help_text=_("One item per line: 3 to 5 items."))

    def clean_items(self) -> list[str]:
        items = [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]
        low, high = LIST_ITEMS
        if not low <= len(items) <= high:
            raise ValidationError(
                _("Write 3 to 5 items, one per line (now %(count)s)."),
                code="items_count",
                params={"count": len(items)},
            )
        if any(len(item) > 100 for item in items):
            raise ValidationError(_("Each item may have at most 100 characters."), code="item")
        return items


class BeforeAfterCardForm(CardForm):
    DATA_FIELDS = ("title", "before", "after")
    title = _text(pgettext_lazy("infographic card", "Title"), 120)
    before = _text(pgettext_lazy("before and after card", "Before"), 160, rows=2)
    after = _text(pgettext_lazy("before and after card", "After"), 160, rows=2)


class EventCardForm(CardForm):
    DATA_FIELDS = ("title", "date", "time", "place")
    title = _text(pgettext_lazy("infographic card", "Title"), 140, rows=2)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}))
    place = _text(_("Place"), 140)


TEMPLATE_FORMS = {
    CardTemplate.NUMBER: NumberCardForm,
    CardTemplate.LIST: ListCardForm,
    CardTemplate.BEFORE_AFTER: BeforeAfterCardForm,
    CardTemplate.EVENT: EventCardForm,
}
