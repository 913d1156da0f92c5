"""Programmes: time-boxed capacity-building programmes with phases, a team and participants.
A programme's trainings and sessions are events (glasnik.events) that point to it."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from glasnik.core.languages import content_language_field
from glasnik.networks.models import TimeZone


class EnrolmentPolicy(models.TextChoices):
    OPEN = "open", _("Open: anyone may enrol")
    APPROVAL = "approval", _("By approval: the organisers approve each participant")
    INVITATION = "invitation", _("By invitation only")


class Program(models.Model):
    """A programme such as "Social media — a training and mentoring programme"."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(pgettext_lazy("web page", "address"), max_length=120, unique=True)
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="programs",
    )
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    target_group = models.TextField(_("who it is for"), blank=True)
    topics = models.TextField(
        _("topics"),
        blank=True,
        help_text=_("One per line: the needs the programme answers, e.g. from its needs survey."),
    )
    time_zone = models.CharField(
        _("time zone"), max_length=40, choices=TimeZone.choices, default=TimeZone.BELGRADE
    )
    language = content_language_field(_("Leave empty for the language of the organiser."))
    enrolment_policy = models.CharField(
        _("enrolment"),
        max_length=12,
        choices=EnrolmentPolicy.choices,
        default=EnrolmentPolicy.APPROVAL,
    )
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def topic_list(self) -> list[str]:
        return [line.strip() for line in self.topics.splitlines() if line.strip()]

    @property
    def content_language(self) -> str:
        """The language its texts (and its phases' and events') are in."""
        return self.language or self.organization.content_language


class PhaseKind(models.TextChoices):
    RESEARCH = "research", _("Research")
    TRAINING = "training", _("Training")
    MENTORING = "mentoring", _("Mentoring")
    COMPETITION = "competition", _("Competition")
    OTHER = "other", _("Other")


class Phase(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="phases")
    position = models.PositiveSmallIntegerField(
        pgettext_lazy("order in a list", "position"), default=0
    )
    kind = models.CharField(_("kind"), max_length=12, choices=PhaseKind.choices)
    title = models.CharField(pgettext_lazy("event, session or phase", "title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["starts_on", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="phase_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def content_language(self) -> str:
        return self.program.content_language


class EnrolmentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    ENROLLED = "enrolled", _("Enrolled")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Enrolment(models.Model):
    """A participant of a programme, at an institution."""

    program = models.ForeignKey(
        Program, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="enrolments"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=EnrolmentStatus.choices, default=EnrolmentStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["program", "person"], name="enrolment_one_per_person")
        ]
        indexes = [models.Index(fields=["program", "status"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.program}"


def new_invitation_token() -> str:
    return secrets.token_urlsafe(24)


class Invitation(models.Model):
    """An invitation by email to enrol in a programme (the person may not have an account yet)."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    token = models.CharField(max_length=64, unique=True, default=new_invitation_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["program", "email"], name="program_invitation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.email} – {self.program}"
