"""Forms of one-to-one mentoring and reviews of work."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from glasnik.access.models import Role
from glasnik.access.selectors import role_holders
from glasnik.organizations.models import Organization
from glasnik.programs.forms import DateInput
from glasnik.programs.models import Enrolment, EnrolmentStatus

from .models import ItemOwner, ReviewStatus, WorkKind
from .models.reviews import REVIEW_EXTENSIONS

MAX_SECTIONS = 6


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person) -> str:
        return person.get_full_name() or person.email


class PairForm(forms.Form):
    mentor = PersonChoiceField(label=_("Mentor"), queryset=get_user_model().objects.none())
    mentee = PersonChoiceField(
        label=_("Participant"),
        queryset=get_user_model().objects.none(),
        required=False,
        help_text=_("Choose a participant or an institution."),
    )
    organization = forms.ModelChoiceField(
        label=_("Institution"), queryset=Organization.objects.none(), required=False
    )
    goals = forms.CharField(
        label=_("Goals"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, program, **kwargs):
        super().__init__(*args, **kwargs)
        enrolled = Enrolment.objects.filter(program=program, status=EnrolmentStatus.ENROLLED)
        self.fields["mentor"].queryset = role_holders(Role.TRAINER, program).order_by(
            "last_name", "first_name"
        )
        self.fields["mentee"].queryset = (
            get_user_model()
            .objects.filter(enrolments__in=enrolled)
            .order_by("last_name", "first_name")
        )
        self.fields["organization"].queryset = (
            Organization.objects.filter(enrolments__in=enrolled).distinct().order_by("name")
        )


class GoalsForm(forms.Form):
    goals = forms.CharField(
        label=_("Goals"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class PairSessionForm(forms.Form):
    held_on = forms.DateField(label=_("Date of the meeting"), widget=DateInput())
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class ActionItemForm(forms.Form):
    text = forms.CharField(label=_("What is to be done"), max_length=500)
    owner = forms.ChoiceField(label=_("Who does it"), choices=ItemOwner.choices)
    due_on = forms.DateField(label=_("Due"), widget=DateInput())


class WorkForm(forms.Form):
    """A piece of work: its sections (a title and a text each) and, or, a document."""

    document = forms.FileField(
        label=_("Document"),
        required=False,
        help_text=_("Optional: PDF, Word (DOCX) or OpenDocument (ODT), at most 10 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(f".{ext}" for ext in REVIEW_EXTENSIONS)}
        ),
    )

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        sections = list(sections)
        for i in range(MAX_SECTIONS):
            title, text = sections[i] if i < len(sections) else ("", "")
            self.fields[f"section_{i}_title"] = forms.CharField(
                label=_("Title of section %(number)d") % {"number": i + 1},
                required=False,
                max_length=200,
                initial=title,
            )
            self.fields[f"section_{i}_text"] = forms.CharField(
                label=_("Text of section %(number)d") % {"number": i + 1},
                required=False,
                widget=forms.Textarea(attrs={"rows": 5}),
                initial=text,
            )

    def sections(self) -> list[tuple[str, str]]:
        data = self.cleaned_data
        return [
            (data[f"section_{i}_title"], data[f"section_{i}_text"]) for i in range(MAX_SECTIONS)
        ]

    def section_fields(self) -> list[tuple]:
        return [
            (self[f"section_{i}_title"], self[f"section_{i}_text"]) for i in range(MAX_SECTIONS)
        ]


class NewWorkForm(WorkForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of work"), choices=WorkKind.choices)

    field_order = ["title", "kind", "document"]


class ReturnForm(forms.Form):
    """The mentor's decision on the latest version and their note on the whole."""

    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[
            (ReviewStatus.NEEDS_WORK, ReviewStatus.NEEDS_WORK.label),
            (ReviewStatus.APPROVED, ReviewStatus.APPROVED.label),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("A note on the whole"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class SectionCommentsForm(forms.Form):
    """The mentor's comment on each section of the latest version, drawn beside the section
    (posted with the ReturnForm)."""

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.section_list = list(sections)
        for section in self.section_list:
            self.fields[f"comment_{section.pk}"] = forms.CharField(
                label=_("Your comment on “%(title)s”") % {"title": section.title or "—"},
                required=False,
                initial=section.comment,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def comments(self) -> dict[int, str]:
        return {s.pk: self.cleaned_data[f"comment_{s.pk}"] for s in self.section_list}

    def with_fields(self) -> list:
        """The sections, each with its comment's field as `comment_field`."""
        for section in self.section_list:
            section.comment_field = self[f"comment_{section.pk}"]
        return self.section_list
