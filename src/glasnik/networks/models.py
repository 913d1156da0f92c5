"""Networks of communicators: the network, its members, its calls for expressions of interest
with their membership statements, and the topics members propose."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from glasnik.core.languages import content_language_field
from glasnik.core.uploads import upload_to_private


class TimeZone(models.TextChoices):
    BELGRADE = "Europe/Belgrade", _("Belgrade")
    SARAJEVO = "Europe/Sarajevo", _("Sarajevo")
    ZAGREB = "Europe/Zagreb", _("Zagreb")
    LJUBLJANA = "Europe/Ljubljana", _("Ljubljana")
    PODGORICA = "Europe/Podgorica", _("Podgorica")
    SKOPJE = "Europe/Skopje", _("Skopje")


class Network(models.Model):
    """A standing community of communicators run by an organising institution."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(pgettext_lazy("web page", "address"), max_length=120, unique=True)
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organising institution"),
        on_delete=models.PROTECT,
        related_name="networks",
    )
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    aims = models.TextField(_("aims"), blank=True)
    audience = models.TextField(_("who it is for"), blank=True)
    how_it_works = models.TextField(_("how it works"), blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=40, choices=TimeZone.choices, default=TimeZone.BELGRADE
    )
    language = content_language_field(
        _("Leave empty for the language of the organising institution.")
    )
    # The year's learning topics, as the needs meeting set them.
    learning_topics = models.TextField(_("learning topics of the year"), blank=True)
    learning_topics_updated_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def content_language(self) -> str:
        """The language its texts (and its calls', meetings' and members' choices) are in."""
        return self.language or self.organization.content_language


class Interest(models.Model):
    """A subject a member wants to learn about or can share experience in: each network's
    organisers name their own, in the network's language."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="interests"
    )
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(max_length=60)

    class Meta:
        verbose_name = _("interest")
        verbose_name_plural = _("interests")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["network", "slug"], name="interest_unique_slug"),
            models.UniqueConstraint(fields=["network", "name"], name="interest_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def content_language(self) -> str:
        return self.network.content_language


class MembershipStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    MEMBER = "member", _("Member")
    DECLINED = "declined", _("Declined")
    LEFT = "left", _("Left")


class Membership(models.Model):
    """A person's place in a network. Every change of status is kept in MembershipChange."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="network_memberships",
        null=True,
        blank=True,
    )
    position_title = models.CharField(pgettext_lazy("job", "position"), max_length=150, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=MembershipStatus.choices,
        default=MembershipStatus.APPLIED,
    )
    interests = models.ManyToManyField(
        Interest, verbose_name=_("interests"), blank=True, related_name="memberships"
    )
    show_email = models.BooleanField(_("show my email address to other members"), default=False)
    show_phone = models.BooleanField(_("show my phone number to other members"), default=False)
    joined_at = models.DateTimeField(_("member since"), null=True, blank=True)
    # The person's name and the institution's names as search keys (Latin, folded, without
    # diacritics), so the directory finds "Петровић" by "petrovic". Written by the services
    # through `membership_search_text`.
    search_text = models.CharField(max_length=700, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["network", "person"], name="membership_unique_person")
        ]
        indexes = [models.Index(fields=["network", "status"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.network}"


class MembershipChange(models.Model):
    """One step in a membership's history: who changed the status, when, and why."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="changes")
    status = models.CharField(_("status"), max_length=12, choices=MembershipStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership change")
        verbose_name_plural = _("membership changes")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.membership}: {self.get_status_display()}"


class Currency(models.TextChoices):
    EUR = "EUR", "EUR"
    RSD = "RSD", "RSD"
    BAM = "BAM", "BAM"


class Call(models.Model):
    """A call for expressions of interest: people join the network by submitting a statement."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="calls"
    )
    title = models.CharField(pgettext_lazy("document", "title"), max_length=200)
    slug = models.SlugField(pgettext_lazy("web page", "address"), max_length=120)
    text = models.TextField(_("text of the call"))
    eligibility = models.TextField(_("who may apply"), blank=True)
    # One window: statements are accepted from the opening until the closing, which is the
    # deadline for statements (a separate deadline before the closing told readers three dates).
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    fee = models.DecimalField(
        _("fee"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave empty when taking part is free of charge."),
    )
    fee_currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR
    )
    is_published = models.BooleanField(_("published"), default=False)
    language = content_language_field(_("Leave empty for the language of the network."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        verbose_name = _("call for expressions of interest")
        verbose_name_plural = _("calls for expressions of interest")
        ordering = ["-opens_at"]
        constraints = [
            models.UniqueConstraint(fields=["network", "slug"], name="call_unique_slug"),
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="call_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=Q(fee__isnull=True) | Q(fee__gt=0), name="call_fee_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def content_language(self) -> str:
        """The language of its text and of its statement's questions."""
        return self.language or self.network.content_language


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    CHOICE = "choice", _("One choice from a list")
    YES_NO = "yes_no", _("Yes or no")
    FILE = "file", _("File")
    CONSENT = "consent", _("Consent")


class StatementQuestion(models.Model):
    """A question the organiser adds to a call's membership statement."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(
        pgettext_lazy("order in a list", "position"), default=0
    )
    kind = models.CharField(_("kind"), max_length=12, choices=QuestionKind.choices)
    label = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)
    # For CHOICE: one option per line.
    options = models.TextField(_("options"), blank=True, help_text=_("One option per line."))
    is_required = models.BooleanField(_("required"), default=True)
    # For CONSENT: the privacy text the applicant agrees to.
    privacy_text = models.TextField(_("privacy text"), blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.label

    @property
    def content_language(self) -> str:
        return self.call.content_language

    @property
    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]


class StatementStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


class Statement(models.Model):
    """A person's membership statement in answer to a call: one per person per call."""

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="statements"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="statements",
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="statements",
    )
    position_title = models.CharField(pgettext_lazy("job", "position"), max_length=150)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=StatementStatus.choices,
        default=StatementStatus.SUBMITTED,
    )
    decision_message = models.TextField(_("message to the applicant"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("membership statement")
        verbose_name_plural = _("membership statements")
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["call", "person"], name="statement_one_per_person")
        ]
        indexes = [models.Index(fields=["call", "status"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.call}"


class StatementAnswer(models.Model):
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(
        StatementQuestion, on_delete=models.CASCADE, related_name="answers"
    )
    value = models.TextField(blank=True)
    file = models.FileField(upload_to=upload_to_private("statements"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "question"], name="answer_one_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.value[:40]}"


class TopicKind(models.TextChoices):
    MEETING = "meeting", _("A meeting")
    TRAINING = "training", _("A training")


class TopicStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")


class TopicProposal(models.Model):
    """A topic a member proposes for a meeting or a training; other members vote for it."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="topics"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="topic_proposals",
    )
    title = models.CharField(_("topic"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("for"), max_length=10, choices=TopicKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=TopicStatus.choices, default=TopicStatus.PROPOSED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("topic proposal")
        verbose_name_plural = _("topic proposals")
        ordering = ["-created_at", "pk"]
        indexes = [models.Index(fields=["network", "status"])]

    def __str__(self) -> str:
        return self.title

    @property
    def content_language(self) -> str:
        return self.network.content_language


class TopicVote(models.Model):
    proposal = models.ForeignKey(TopicProposal, on_delete=models.CASCADE, related_name="votes")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="topic_votes"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "person"], name="topic_vote_one_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.proposal}"
