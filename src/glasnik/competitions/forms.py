"""Forms of a competition: its setup, categories, criteria and jury; an entry with its example
posts; a juror's score sheet; the public vote. They validate what people type; the services
decide what is allowed, and their refusals are shown on the same form."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Competition, Criterion, Entry
from .services import SCREENSHOT_EXTENSIONS, TIMELINE


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


SETUP_FIELDS = (
    "title",
    "rules",
    "eligibility",
    *TIMELINE,
    "method",
    "alpha",
    "beta",
    "metric_name",
    "blind_scoring",
)


class CompetitionForm(forms.ModelForm):
    """The whole setup of a competition but its categories, criteria and jury."""

    class Meta:
        model = Competition
        fields = SETUP_FIELDS
        widgets = {name: DateTimeLocalInput() for name in TIMELINE}

    def clean(self):
        data = super().clean()
        alpha, beta = data.get("alpha"), data.get("beta")
        if alpha is not None and beta is not None and (alpha < 0 or beta < 0 or alpha + beta > 1):
            self.add_error(
                "beta",
                _("The weights of the metric and of the public vote must be from 0 to 1 together."),
            )
        for start, end in (
            ("entries_open_at", "entries_close_at"),
            ("jury_starts_at", "jury_ends_at"),
            ("vote_opens_at", "vote_closes_at"),
        ):
            if data.get(start) and data.get(end) and data[end] <= data[start]:
                self.add_error(end, _("This must be later than the opening."))
        return data

    def _post_clean(self):
        # The services save the competition; the model's own checks would need a programme.
        pass


class CapitalisedLabels:
    """Labels begin with a capital, as Django's model forms write them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.label = capfirst(field.label)


class CategoryForm(CapitalisedLabels, forms.Form):
    prefix = "category"

    name = forms.CharField(label=_("name"), max_length=200)
    key = forms.SlugField(
        label=_("key"),
        max_length=60,
        help_text=_("A short name for files and exports, e.g. under-20k."),
    )


class CriterionForm(forms.ModelForm):
    prefix = "criterion"

    class Meta:
        model = Criterion
        fields = ("name", "key", "description", "weight", "max")

    def clean_weight(self):
        weight = self.cleaned_data["weight"]
        if weight is not None and weight <= 0:
            raise ValidationError(_("The weight must be above 0."))
        return weight

    def clean_max(self):
        value = self.cleaned_data["max"]
        if value is not None and value <= 0:
            raise ValidationError(_("The highest score must be above 0."))
        return value

    def _post_clean(self):
        pass


class JurorForm(CapitalisedLabels, forms.Form):
    email = forms.EmailField(
        label=_("juror's email address"),
        help_text=_("The person must already have an account."),
    )

    def __init__(self, *args, competition: Competition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"] = forms.ModelMultipleChoiceField(
            label=pgettext_lazy("competition", "categories"),
            queryset=competition.categories.all(),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("None chosen and no entries chosen: the juror scores every entry."),
        )
        self.fields["entries"] = forms.ModelMultipleChoiceField(
            label=_("entries"),
            queryset=competition.entries.select_related("institution", "category"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        for field in self.fields.values():
            field.label = capfirst(field.label)

    def clean_email(self):
        email = self.cleaned_data["email"]
        person = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if person is None:
            raise ValidationError(_("Nobody has an account with this email address."))
        self.person = person
        return email


class MetricForm(CapitalisedLabels, forms.Form):
    metric = forms.DecimalField(
        label=_("measured metric"), max_digits=14, decimal_places=4, required=False
    )


class EntryForm(forms.ModelForm):
    profile_links = forms.CharField(
        label=_("links to social media profiles"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One link a line."),
    )

    class Meta:
        model = Entry
        fields = ("description", "profile_links", "period_start", "period_end")
        widgets = {"period_start": DateInput(), "period_end": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["profile_links"] = "\n".join(self.instance.profile_links)

    def clean_profile_links(self):
        links = [line.strip() for line in self.cleaned_data["profile_links"].splitlines()]
        links = [link for link in links if link]
        validator = forms.URLField(assume_scheme="https")
        for link in links:
            try:
                validator.clean(link)
            except ValidationError as error:
                raise ValidationError(_("Not a web address: %(link)s") % {"link": link}) from error
        return links

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period must end after it starts."))
        return data

    def _post_clean(self):
        pass


class EntryCreateForm(EntryForm):
    def __init__(self, *args, competition: Competition, institutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "category": forms.ModelChoiceField(
                label=pgettext_lazy("competition", "category"),
                queryset=competition.categories.all(),
            ),
            "institution": forms.TypedChoiceField(
                label=_("institution"),
                choices=[(org.pk, org.name) for org in institutions],
                coerce=int,
            ),
            **self.fields,
        }
        for field in self.fields.values():
            field.label = capfirst(field.label)


class ExamplePostForm(CapitalisedLabels, forms.Form):
    url = forms.URLField(label=_("link to the post"), max_length=500, assume_scheme="https")
    screenshot = forms.FileField(
        label=_("screenshot"),
        required=False,
        help_text=_("PNG or JPEG, up to 5 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(f".{ext}" for ext in SCREENSHOT_EXTENSIONS)}
        ),
    )
    why_chosen = forms.CharField(
        label=_("why it was chosen"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class SheetForm(forms.Form):
    """A score and a comment per criterion, and the general feedback."""

    def __init__(self, *args, criteria: list, scores: dict, feedback: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            score = scores.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.DecimalField(
                label=criterion.name,
                min_value=0,
                max_value=criterion.max,
                decimal_places=2,
                required=False,
                initial=None if score is None else score.value.normalize(),
                help_text=_("From 0 to %(max)s") % {"max": criterion.max},
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on “%(criterion)s”") % {"criterion": criterion.name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial="" if score is None else score.comment,
            )
        self.fields["feedback"] = forms.CharField(
            label=_("feedback for the entrant"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 5}),
            initial=feedback,
            help_text=_("The entrant reads it without your name."),
        )
        self.fields["feedback"].label = capfirst(self.fields["feedback"].label)

    def rows(self):
        for criterion in self.criteria:
            yield criterion, self[f"score_{criterion.pk}"], self[f"comment_{criterion.pk}"]


class ConflictForm(CapitalisedLabels, forms.Form):
    reason = forms.CharField(
        label=_("reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
