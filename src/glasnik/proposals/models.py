"""An institution's proposal for starting or improving its social-media communication (its
strategy): fixed sections written by its staff, versions kept at each step (sent to the mentor,
sent for approval, approved or returned), and the comments and decisions on it."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from glasnik.core.languages import ContentLanguage

from .sections import SectionKey, TemplateKind


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("proposal", "Being written")
    AWAITING_APPROVAL = "awaiting_approval", _("Waiting for approval")
    RETURNED = "returned", _("Returned by the approver")
    APPROVED = "approved", pgettext_lazy("proposal", "Approved")


class VersionReason(models.TextChoices):
    SENT_TO_MENTOR = "mentor", _("Sent to the mentor")
    SENT_FOR_APPROVAL = "approval", _("Sent for approval")
    APPROVED = "approved", pgettext_lazy("proposal", "Approved")
    RETURNED = "returned", _("Returned with a comment")


class Decision(models.TextChoices):
    APPROVE = "approve", _("Approve")
    RETURN = "return", _("Return with a comment")


class Proposal(models.Model):
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        related_name="proposals",
        editable=False,
    )
    title = models.CharField(pgettext_lazy("document", "title"), max_length=200)
    template = models.CharField(
        _("template"), max_length=16, choices=TemplateKind.choices, editable=False
    )
    language = models.CharField(
        _("language of the text"), max_length=3, choices=ContentLanguage.choices
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProposalStatus.choices,
        default=ProposalStatus.DRAFT,
        editable=False,
    )
    # The mentor's review of the last version sent to the mentor (mentoring's WorkReview).
    review = models.ForeignKey(
        "mentoring.WorkReview",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-updated_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("proposals:detail", kwargs={"pk": self.pk})

    @property
    def content_language(self) -> str:
        return self.language


class ProposalSection(models.Model):
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="sections", editable=False
    )
    key = models.CharField(max_length=16, choices=SectionKey.choices, editable=False)
    text = models.TextField(_("text"), blank=True)
    # Raised by one on every save: a save based on an older revision is a conflict.
    revision = models.PositiveIntegerField(default=1, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "key"], name="proposal_section_once")
        ]

    def __str__(self) -> str:
        return self.get_key_display()


class ProposalVersion(models.Model):
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="versions", editable=False
    )
    number = models.PositiveIntegerField(editable=False)
    reason = models.CharField(
        _("why"), max_length=12, choices=VersionReason.choices, editable=False
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Every section's text at that moment, by section key.
    texts = models.JSONField(default=dict, editable=False)

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["proposal", "number"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "number"], name="proposal_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.proposal} ({self.number})"


class ProposalComment(models.Model):
    """A comment on the proposal; the approver's decisions are comments with a decision."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="comments", editable=False
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
    )
    text = models.TextField(_("comment"), blank=True)
    decision = models.CharField(
        _("decision"), max_length=8, choices=Decision.choices, blank=True, editable=False
    )
    version = models.ForeignKey(
        ProposalVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:50]
