"""Forms for the network's page, its members, the directory and topic proposals."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from glasnik.accounts.models import ExperienceLevel
from glasnik.core.forms import ListSelect
from glasnik.core.languages import written_in_html
from glasnik.organizations.models import Country, Organization, OrganizationKind

from ..models import (
    Interest,
    Membership,
    MembershipStatus,
    Network,
    TopicKind,
    TopicProposal,
    TopicStatus,
)
from ..selectors.directory import DirectoryFilters
from ..services.network import PAGE_FIELDS


class NetworkPageForm(forms.ModelForm):
    class Meta:
        model = Network
        fields = [*PAGE_FIELDS, "learning_topics"]
        widgets = {
            "aims": forms.Textarea(attrs={"rows": 4}),
            "audience": forms.Textarea(attrs={"rows": 4}),
            "how_it_works": forms.Textarea(attrs={"rows": 4}),
            "learning_topics": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "learning_topics": _("The topics the needs meeting set for the year, one per line."),
        }


class OrganiserAddForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address of the new organiser"),
        help_text=_("The person must already have an account."),
    )

    def clean_email(self):
        email = self.cleaned_data["email"]
        person = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if person is None:
            raise forms.ValidationError(_("No one with this email address has an account."))
        self.person = person
        return email


class MembershipDecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (MembershipStatus.MEMBER, _("Approve as a member")),
            (MembershipStatus.DECLINED, _("Decline")),
            (MembershipStatus.LEFT, _("Remove from the network")),
        ],
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Message to the person"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional. Sent with the email that tells them of the decision."),
    )


class MemberStatusFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *MembershipStatus.choices],
    )


class DirectoryEntryForm(forms.ModelForm):
    """A member's own directory entry."""

    class Meta:
        model = Membership
        fields = ["organization", "position_title", "interests", "show_email", "show_phone"]
        widgets = {"interests": forms.CheckboxSelectMultiple}
        help_texts = {
            "organization": _(
                "One of the institutions on your profile. Add a position there to choose another."
            ),
            "show_email": _("Organisers always see your contact details."),
        }

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        # The person's own institutions (and the one on the entry now), not every institution.
        own = Q(positions__person=person)
        if self.instance.organization_id:
            own |= Q(pk=self.instance.organization_id)
        organization = self.fields["organization"]
        organization.queryset = (
            Organization.objects.filter(own).distinct().order_by("name").only("id", "name")
        )
        organization.required = True
        # The network's own choices, named in its language and marked so.
        interests = self.fields["interests"]
        interests.queryset = Interest.objects.filter(network_id=self.instance.network_id)
        lang = self.instance.network.content_language
        interests.label_from_instance = lambda interest: written_in_html(interest.name, lang)


class DirectoryFilterForm(forms.Form):
    """The directory's filters. Invalid values are dropped rather than shown as errors."""

    q = forms.CharField(label=_("Name or institution"), required=False, max_length=100)
    country = forms.ChoiceField(
        label=_("Country"),
        required=False,
        choices=[("", _("All countries")), *Country.choices],
        widget=ListSelect,
    )
    region = forms.ChoiceField(label=_("Region"), required=False, widget=ListSelect)
    kind = forms.ChoiceField(
        label=_("Kind of institution"),
        required=False,
        choices=[("", _("All kinds")), *OrganizationKind.choices],
        widget=ListSelect,
    )
    position = forms.CharField(
        label=pgettext_lazy("job", "Position"), required=False, max_length=100
    )
    experience = forms.ChoiceField(
        label=_("Experience with social media"),
        required=False,
        choices=[("", _("Any experience")), *ExperienceLevel.choices],
        widget=ListSelect,
    )
    interests = forms.MultipleChoiceField(
        label=_("Interests"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, regions: list[str], interests: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.input_type = "search"
        self.fields["region"].choices = [("", _("All regions")), *((r, r) for r in regions)]
        self.fields["interests"].choices = [(str(i.pk), i.name) for i in interests]

    def filters(self) -> DirectoryFilters:
        """The valid filters, each field checked alone so one bad value does not drop the rest."""
        self.is_valid()
        data = {
            name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors
        }
        return DirectoryFilters(
            country=data.get("country") or "",
            region=data.get("region") or "",
            kind=data.get("kind") or "",
            position=(data.get("position") or "").strip(),
            experience=data.get("experience") or "",
            interests=tuple(int(pk) for pk in data.get("interests") or ()),
            search=(data.get("q") or "").strip(),
        )

    def query_items(self) -> list[tuple[str, str]]:
        """The valid filters as query-string pairs, for pagination and export links."""
        self.is_valid()
        items = []
        for name in self.fields:
            if name in self.errors:
                continue
            value = self.cleaned_data.get(name)
            for single in value if isinstance(value, list) else [value]:
                if single:
                    items.append((name, str(single).strip()))
        return items


class TopicProposalForm(forms.ModelForm):
    class Meta:
        model = TopicProposal
        fields = ["title", "kind", "description"]
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"kind": _("Proposed for")}
        help_texts = {"description": _("What should members learn or discuss, and why?")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = TopicKind.choices
        self.fields["kind"].initial = TopicKind.MEETING


class TopicStatusFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *TopicStatus.choices]
    )
