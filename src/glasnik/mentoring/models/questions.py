"""The question queue of a mentoring session (a programme's online session): participants'
questions, their votes, and what the mentor decided about each."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

QUESTION_MAX_LENGTH = 1000


class QuestionQueue(models.Model):
    """One per session, made when the session's queue is first opened. `version` goes up with
    every change anyone may see (a question, a vote, a decision, closing), so a page that polls
    the queue asks only for it (the ETag) to learn that nothing changed."""

    event = models.OneToOneField(
        "events.Event",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="question_queue",
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    recording_url = models.URLField(
        _("recording link"),
        max_length=500,
        blank=True,
        help_text=_("Shown to the participants with the answered questions after the session."),
    )
    version = models.PositiveBigIntegerField(default=0, editable=False)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("question queue")
        verbose_name_plural = _("question queues")

    def __str__(self) -> str:
        return str(self.event)


class QuestionStatus(models.TextChoices):
    OPEN = "open", _("Waiting for an answer")
    ANSWERED = "answered", _("Answered")
    MERGED = "merged", _("Merged into another question")
    HIDDEN = "hidden", _("Hidden as off-topic")


class Question(models.Model):
    queue = models.ForeignKey(
        QuestionQueue, on_delete=models.CASCADE, related_name="questions", editable=False
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", editable=False
    )
    text = models.TextField(_("your question"), max_length=QUESTION_MAX_LENGTH)
    # Hidden from the other participants only: the mentors and organisers always see who asked.
    is_anonymous = models.BooleanField(_("ask anonymously"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=QuestionStatus.choices, default=QuestionStatus.OPEN
    )
    # Kept with each vote and merge in the same transaction (the queue is ordered by it).
    vote_count = models.PositiveIntegerField(default=0, editable=False)
    answer = models.TextField(_("written answer"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True, editable=False)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        editable=False,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["-vote_count", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=QuestionStatus.MERGED, merged_into__isnull=False)
                | (~Q(status=QuestionStatus.MERGED) & Q(merged_into__isnull=True)),
                name="question_merged_has_target",
            ),
        ]
        indexes = [models.Index(fields=["queue", "status", "-vote_count", "created_at"])]

    def __str__(self) -> str:
        return self.text[:80]


class QuestionVote(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="votes")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["question", "person"], name="question_vote_once")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} → {self.question_id}"
