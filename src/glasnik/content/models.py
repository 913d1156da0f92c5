"""An institution's content calendar: the posts it plans, the content pillars (campaigns) it
groups them in, and the chain of people who approve a post before it is published.

A recurring post is one row whose occurrences are computed when a calendar is read
(`glasnik.content.recurrence`): editing, moving or cancelling the series is one change, and
there are no copies to keep in step with it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from glasnik.coach.platforms import Platform  # noqa: F401  (the values `platforms` holds)
from glasnik.core.languages import content_language_field
from glasnik.core.uploads import upload_to_private

MEDIA_EXTENSIONS = ("png", "jpg", "jpeg")
MEDIA_MAX_BYTES = 5 * 1024 * 1024


class PostStatus(models.TextChoices):
    IDEA = "idea", _("Idea")
    DRAFT = "draft", pgettext_lazy("post status", "Draft")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class Repeat(models.TextChoices):
    NEVER = "", _("Does not repeat")
    WEEKLY = "weekly", _("Every week")
    MONTHLY = "monthly", _("Every month")


class Pillar(models.Model):
    """A campaign or content pillar of an institution ("Town hall services", "Culture")."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        related_name="content_pillars",
    )
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("content pillar")
        verbose_name_plural = _("content pillars")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"], name="content_pillar_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ApprovalStep(models.Model):
    """One step of an institution's approval chain: the person who approves there."""

    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        related_name="approval_steps",
    )
    position = models.PositiveSmallIntegerField(_("step"))
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("approval step")
        verbose_name_plural = _("approval steps")
        ordering = ["organization", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "position"], name="content_step_unique_position"
            ),
            models.UniqueConstraint(
                fields=["organization", "person"], name="content_step_unique_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.person}"


class Post(models.Model):
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        related_name="planned_posts",
    )
    # Platform values; a JSON list works alike on SQLite and PostgreSQL.
    platforms = models.JSONField(_("platforms"), default=list)
    publish_at = models.DateTimeField(_("date and time"))
    text = models.TextField(_("text"), blank=True)
    # Platform value → the text for that platform where it differs.
    variants = models.JSONField(_("texts per platform"), default=dict, blank=True)
    language = content_language_field(_("Leave empty for the institution's language."))
    image = models.FileField(_("image"), upload_to=upload_to_private("content-media"), blank=True)
    alt_text = models.TextField(_("alt text"), blank=True)
    is_announcement = models.BooleanField(
        _("announces an event"), default=False, help_text=_("The post invites to an event.")
    )
    link = models.URLField(_("link"), max_length=500, blank=True)
    hashtags = models.CharField(_("hashtags"), max_length=300, blank=True)
    pillar = models.ForeignKey(
        Pillar,
        verbose_name=_("content pillar"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="posts",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=PostStatus.choices, default=PostStatus.DRAFT
    )
    # While in review: the position of the chain's step it waits at.
    review_step = models.PositiveSmallIntegerField(null=True, blank=True)
    repeat = models.CharField(_("repeats"), max_length=8, choices=Repeat.choices, blank=True)
    repeat_until = models.DateField(_("repeats until"), null=True, blank=True)
    # Raised by every write; a form sends the version it was drawn from (concurrent edits).
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = pgettext_lazy("on social media", "post")
        verbose_name_plural = pgettext_lazy("on social media", "posts")
        ordering = ["publish_at", "pk"]
        indexes = [models.Index(fields=["organization", "publish_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(repeat="") | models.Q(repeat_until__isnull=False),
                name="content_post_repeat_has_end",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        first_line = (self.text or "").strip().split("\n", 1)[0]
        return first_line[:60] + ("…" if len(first_line) > 60 else "") or str(_("(no text)"))

    @property
    def content_language(self) -> str:
        return self.language or self.organization.content_language


class Decision(models.TextChoices):
    SUBMITTED = "submitted", _("sent for approval")
    APPROVED = "approved", _("approved")
    RETURNED = "returned", _("returned with a comment")
    COMMENTED = "commented", _("commented")


class PostEvent(models.Model):
    """The trail of a post: who sent it, approved it, returned it or commented, when."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="trail")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decision = models.CharField(max_length=10, choices=Decision.choices)
    step = models.PositiveSmallIntegerField(null=True, blank=True)
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.post_id} {self.decision}"
