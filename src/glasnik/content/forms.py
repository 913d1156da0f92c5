"""The content calendar's forms: a post, a move to another day, a decision in the approval
chain, the chain itself, a pillar, a CSV import. Field names `text`, `platforms`,
`is_announcement`, `alt_text` and `has_media` are the ones the post coach reads."""

from datetime import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from glasnik.coach.platforms import Platform
from glasnik.core.languages import ContentLanguage

from .calendar_time import institution_time_zone
from .models import Pillar, PostStatus, Repeat
from .services import media_check

NEW_POST_STATUSES = [
    (PostStatus.IDEA.value, PostStatus.IDEA.label),
    (PostStatus.DRAFT.value, PostStatus.DRAFT.label),
    (PostStatus.PUBLISHED.value, PostStatus.PUBLISHED.label),
]


def variant_field_name(platform: str) -> str:
    return f"variant_{platform}"


class PostForm(forms.Form):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 6}))
    platforms = forms.MultipleChoiceField(
        label=_("Platforms"), choices=Platform.choices, widget=forms.CheckboxSelectMultiple
    )
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    at = forms.TimeField(label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}))
    status = forms.ChoiceField(
        label=_("Status"),
        choices=NEW_POST_STATUSES,
        initial=PostStatus.DRAFT,
        help_text=_("A post planned for a time that has passed can only be recorded as published."),
    )
    is_announcement = forms.BooleanField(label=_("The post announces an event"), required=False)
    image = forms.FileField(
        label=_("Image"), required=False, help_text=_("PNG or JPG, at most 5 MB.")
    )
    has_media = forms.BooleanField(required=False, widget=forms.HiddenInput)
    alt_text = forms.CharField(
        label=_("Alt text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What the image shows, for people who cannot see it."),
    )
    link = forms.URLField(label=_("Link"), required=False, max_length=500, assume_scheme="https")
    hashtags = forms.CharField(label=_("Hashtags"), required=False, max_length=300)
    pillar = forms.ModelChoiceField(
        label=_("Content pillar"), queryset=Pillar.objects.none(), required=False
    )
    language = forms.ChoiceField(
        label=_("Language of the text"), choices=ContentLanguage.choices, required=False
    )
    repeat = forms.ChoiceField(label=_("Repeats"), choices=Repeat.choices, required=False)
    repeat_until = forms.DateField(
        label=_("Repeats until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, organization, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.fields["pillar"].queryset = Pillar.objects.filter(organization=organization)
        self.fields["language"].choices = [
            ("", _("The institution's language")),
            *ContentLanguage.choices,
        ]
        if editing:
            del self.fields["status"]
        for value, label in Platform.choices:
            self.fields[variant_field_name(value)] = forms.CharField(
                label=_("Text for %(platform)s") % {"platform": label},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def variant_fields(self):
        return [self[variant_field_name(value)] for value in Platform.values]

    def main_fields(self):
        return [
            self[name]
            for name in self.fields
            if not name.startswith("variant_") and name not in ("version", "has_media")
        ]

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if image:
            media_check(image)
        return image

    def post_fields(self) -> dict:
        data = self.cleaned_data
        zone = institution_time_zone(self.organization)
        fields = {
            "platforms": data["platforms"],
            "publish_at": datetime.combine(data["day"], data["at"], tzinfo=zone),
            "text": data["text"],
            "variants": {
                value: data[variant_field_name(value)].strip()
                for value in Platform.values
                if data.get(variant_field_name(value), "").strip()
            },
            "language": data.get("language") or "",
            "is_announcement": data.get("is_announcement", False),
            "alt_text": data.get("alt_text", ""),
            "link": data.get("link", ""),
            "hashtags": data.get("hashtags", ""),
            "pillar": data.get("pillar"),
            "repeat": data.get("repeat") or "",
            "repeat_until": data.get("repeat_until"),
        }
        if data.get("image"):
            fields["image"] = data["image"]
        return fields


def post_initial(post, zone) -> dict:
    local = post.publish_at.astimezone(zone)
    initial = {
        "text": post.text,
        "platforms": post.platforms,
        "day": local.date(),
        "at": local.time().replace(second=0, microsecond=0),
        "is_announcement": post.is_announcement,
        "has_media": bool(post.image),
        "alt_text": post.alt_text,
        "link": post.link,
        "hashtags": post.hashtags,
        "pillar": post.pillar_id,
        "language": post.language,
        "repeat": post.repeat,
        "repeat_until": post.repeat_until,
        "version": post.version,
    }
    for platform, text in post.variants.items():
        initial[variant_field_name(platform)] = text
    return initial


class MoveForm(forms.Form):
    day = forms.DateField(label=_("Move to"), widget=forms.DateInput(attrs={"type": "date"}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ChainForm(forms.Form):
    """The chain as people chosen step by step (an empty step ends it)."""

    STEPS = 5

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        for number in range(1, self.STEPS + 1):
            self.fields[f"step_{number}"] = forms.ModelChoiceField(
                label=_("Step %(number)s") % {"number": number},
                queryset=candidates,
                required=False,
                empty_label=_("(none)"),
            )

    def people(self) -> list:
        return [
            self.cleaned_data[name]
            for name in self.fields
            if self.cleaned_data.get(name) is not None
        ]


class PillarForm(forms.Form):
    name = forms.CharField(label=_("New content pillar"), max_length=100)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"), help_text=_("The columns of the CSV export."))
