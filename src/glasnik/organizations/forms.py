from django import forms
from django.utils.translation import gettext_lazy as _

from glasnik.core.forms import ListSelect

from .models import Country, OrganizationKind


class OrganizationFilterForm(forms.Form):
    """The list page's filters. Invalid values are dropped rather than shown as errors."""

    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    country = forms.ChoiceField(
        label=_("Country"),
        required=False,
        choices=[("", _("All countries")), *Country.choices],
        widget=ListSelect,
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *OrganizationKind.choices],
        widget=ListSelect,
    )
    region = forms.ChoiceField(label=_("Region"), required=False, widget=ListSelect)

    def __init__(self, *args, regions: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.input_type = "search"
        self.fields["region"].choices = [
            ("", _("All regions")),
            *((region, region) for region in regions),
        ]

    def filters(self) -> dict[str, str]:
        """The valid filters, each field checked alone so one bad value does not drop the rest."""
        self.is_valid()
        return {
            name: self.cleaned_data.get(name, "").strip()
            for name in self.fields
            if name not in self.errors
        }
