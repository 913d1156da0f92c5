"""One-to-one mentoring: a mentor of a programme paired with one of its participants or with
an institution taking part (then each of its enrolled people is the mentee), the pair's goals,
the log of its sessions and its action items."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class MentoringPair(models.Model):
    program = models.ForeignKey(
        "programs.Program",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="mentoring_pairs",
        editable=False,
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentor"),
        on_delete=models.PROTECT,
        related_name="mentoring_pairs_as_mentor",
    )
    # Exactly one of the two: a person enrolled in the programme, or an institution.
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="mentoring_pairs_as_mentee",
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="mentoring_pairs",
    )
    goals = models.TextField(_("goals"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mentoring pair")
        verbose_name_plural = _("mentoring pairs")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(mentee__isnull=True, organization__isnull=False)
                | Q(mentee__isnull=False, organization__isnull=True),
                name="mentoring_pair_one_mentee",
            ),
            models.UniqueConstraint(
                fields=["program", "mentor", "mentee"],
                condition=Q(mentee__isnull=False),
                name="mentoring_pair_unique_person",
            ),
            models.UniqueConstraint(
                fields=["program", "mentor", "organization"],
                condition=Q(organization__isnull=False),
                name="mentoring_pair_unique_institution",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} – {self.mentee_name}"

    @property
    def mentee_name(self) -> str:
        return str(self.mentee or self.organization)


class PairSession(models.Model):
    pair = models.ForeignKey(
        MentoringPair, on_delete=models.CASCADE, related_name="sessions", editable=False
    )
    held_on = models.DateField(_("date"))
    notes = models.TextField(_("notes"), blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mentoring meeting")
        verbose_name_plural = _("mentoring meetings")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return self.held_on.isoformat()


class ItemOwner(models.TextChoices):
    MENTOR = "mentor", _("Mentor")
    MENTEE = "mentee", _("Participant")


class ActionItem(models.Model):
    pair = models.ForeignKey(
        MentoringPair, on_delete=models.CASCADE, related_name="action_items", editable=False
    )
    text = models.CharField(_("what is to be done"), max_length=500)
    owner = models.CharField(_("who does it"), max_length=8, choices=ItemOwner.choices)
    due_on = models.DateField(_("due"))
    done = models.BooleanField(_("done"), default=False)
    # The due date a reminder was sent for: one reminder per due date, however often the
    # reminder task runs (a new due date gets its own).
    reminded_for = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["done", "due_on", "pk"]
        indexes = [models.Index(fields=["due_on", "done"])]

    def __str__(self) -> str:
        return self.text
