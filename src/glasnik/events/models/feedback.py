"""Feedback: participants' ratings of an event and of its lecturers."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .agenda import Lecturer
from .event import Event

RATING_CHOICES = [(value, str(value)) for value in range(1, 6)]


class FeedbackResponse(models.Model):
    """A participant's rating of an event. Without a person when feedback is anonymous; the
    FeedbackReceipt records who answered, so nobody answers twice."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="feedback")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback_responses",
    )
    rating = models.PositiveSmallIntegerField(_("rating of the event"), choices=RATING_CHOICES)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event}: {self.rating}"


class LecturerRating(models.Model):
    response = models.ForeignKey(
        FeedbackResponse, on_delete=models.CASCADE, related_name="lecturer_ratings"
    )
    lecturer = models.ForeignKey(Lecturer, on_delete=models.CASCADE, related_name="ratings")
    rating = models.PositiveSmallIntegerField(_("rating"), choices=RATING_CHOICES)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("rating of a lecturer")
        verbose_name_plural = _("ratings of lecturers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "lecturer"], name="lecturer_rating_one_per_response"
            ),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="lecturer_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lecturer}: {self.rating}"


class FeedbackReceipt(models.Model):
    """That a person has given feedback on an event (kept apart from anonymous answers)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="feedback_receipts")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feedback_receipts"
    )
    invited_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="feedback_receipt_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.event}"
