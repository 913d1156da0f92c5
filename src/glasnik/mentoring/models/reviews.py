"""Reviews of work: a participant submits a document or a structured plan to their mentor,
who comments on its sections and returns it (needs work or approved); every submission is a
new version, kept, so both can see what changed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from glasnik.core.uploads import upload_to_private

REVIEW_EXTENSIONS = ("pdf", "docx", "odt")


class WorkKind(models.TextChoices):
    PROPOSAL = "proposal", _("Institution's proposal")
    STRATEGY = "strategy", _("Strategy draft")
    CONTENT_PLAN = "content_plan", _("Content plan")
    POST = "post", pgettext_lazy("on social media", "Post")


class ReviewStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for the mentor")
    NEEDS_WORK = "needs_work", _("Needs work")
    APPROVED = "approved", _("Approved")


class WorkReview(models.Model):
    pair = models.ForeignKey(
        "mentoring.MentoringPair", on_delete=models.CASCADE, related_name="reviews", editable=False
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", editable=False
    )
    title = models.CharField(pgettext_lazy("event, session or phase", "title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=WorkKind.choices)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ReviewStatus.choices,
        default=ReviewStatus.SUBMITTED,
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("review of work")
        verbose_name_plural = _("reviews of work")
        ordering = ["-updated_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class ReviewVersion(models.Model):
    review = models.ForeignKey(
        WorkReview, on_delete=models.CASCADE, related_name="versions", editable=False
    )
    number = models.PositiveSmallIntegerField(editable=False)
    document = models.FileField(
        _("document"), upload_to=upload_to_private("mentoring-reviews"), blank=True
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    # What the mentor decided about this version, and their word on the whole.
    returned_status = models.CharField(
        max_length=12, choices=ReviewStatus.choices, blank=True, editable=False
    )
    returned_at = models.DateTimeField(null=True, blank=True, editable=False)
    mentor_note = models.TextField(_("note to the participant"), blank=True)

    class Meta:
        ordering = ["review", "number"]
        constraints = [
            models.UniqueConstraint(fields=["review", "number"], name="review_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.review} ({self.number})"


class ReviewSection(models.Model):
    version = models.ForeignKey(
        ReviewVersion, on_delete=models.CASCADE, related_name="sections", editable=False
    )
    position = models.PositiveSmallIntegerField(editable=False)
    title = models.CharField(pgettext_lazy("event, session or phase", "title"), max_length=200)
    text = models.TextField(_("text"))
    comment = models.TextField(_("mentor's comment"), blank=True)

    class Meta:
        ordering = ["version", "position"]

    def __str__(self) -> str:
        return self.title
