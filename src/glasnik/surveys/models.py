"""Surveys: needs research, questionnaires after events, knowledge tests and general
questionnaires of a programme or a network, in sections (the respondent's pages) of questions.

What people write in a survey's questions, sections and choices is kept per language as a JSON
map (`{"sr": "…", "sl": "…"}`); the reader's language is shown, falling back to the survey's
default language (`glasnik.surveys.texts`).

An anonymous survey's responses name nobody: `Response.person` stays empty, and who has
answered is kept apart in `SurveyReceipt`, written as `glasnik.core.anonymity` says.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from glasnik.core.languages import ContentLanguage
from glasnik.core.uploads import upload_to_private


class SurveyKind(models.TextChoices):
    NEEDS = "needs", _("Needs assessment")
    FEEDBACK = "feedback", _("Feedback questionnaire")
    KNOWLEDGE = "knowledge", _("Knowledge test")
    GENERAL = "general", _("General questionnaire")


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", pgettext_lazy("survey", "Open")
    CLOSED = "closed", pgettext_lazy("survey", "Closed")


class ConditionLogic(models.TextChoices):
    ALL = "all", _("all conditions hold")
    ANY = "any", _("any condition holds")


class Survey(models.Model):
    """A questionnaire owned by a programme or a network (exactly one), optionally about one of
    its events."""

    program = models.ForeignKey(
        "programs.Program",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="surveys",
    )
    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="surveys",
    )
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="surveys",
    )
    slug = models.SlugField(pgettext_lazy("web page", "address"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=SurveyKind.choices)
    language = models.CharField(
        _("default language"),
        max_length=3,
        choices=ContentLanguage.choices,
        help_text=_("Questions without a translation into the reader's language are shown in it."),
    )
    title = models.CharField(pgettext_lazy("event, session or phase", "title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    is_anonymous = models.BooleanField(
        _("anonymous"),
        default=False,
        help_text=_("Responses are stored without the respondent's name. This cannot be changed."),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    # A knowledge test taken after a training: the same test taken before it, so that each
    # person's two scores give their learning gain (`glasnik.surveys.knowledge`).
    pre_test = models.OneToOneField(
        "self",
        verbose_name=_("test before the training"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="post_test",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(program__isnull=False, network__isnull=True)
                | Q(program__isnull=True, network__isnull=False),
                name="survey_one_owner",
            ),
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(closes_at__gt=models.F("opens_at")),
                name="survey_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def owner(self):
        """The programme or network whose organisers manage the survey."""
        return self.program or self.network

    @property
    def content_language(self) -> str:
        return self.language


class Section(models.Model):
    """A page of the survey, shown only when its conditions hold (if it has any)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(
        pgettext_lazy("order in a list", "position"), default=0
    )
    title = models.JSONField(pgettext_lazy("event, session or phase", "title"), default=dict)
    condition_logic = models.CharField(
        _("show when"), max_length=3, choices=ConditionLogic.choices, default=ConditionLogic.ALL
    )

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return str(self.title.get(self.survey.language, ""))


class QuestionType(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    LIKERT = "likert", _("Likert matrix")
    RATING = "rating", _("Rating scale")
    NPS = "nps", _("Net promoter score (0–10)")
    NUMBER = "number", _("Number")
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    RANKING = "ranking", _("Ranking")
    DATE = "date", _("Date")
    FILE = "file", _("File upload")


# Types whose answers are one or more of the question's choices (a Likert matrix's choices are
# its rows, a ranking's the items to order).
CHOICE_TYPES = frozenset(
    {QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.LIKERT, QuestionType.RANKING}
)
# Types answered with a number on a scale: their results have a mean and a median.
SCALE_TYPES = frozenset({QuestionType.RATING, QuestionType.NPS, QuestionType.NUMBER})


class Question(models.Model):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(
        pgettext_lazy("order in a list", "position"), default=0
    )
    type = models.CharField(_("type"), max_length=10, choices=QuestionType.choices)
    text = models.JSONField(_("question"), default=dict)
    help = models.JSONField(_("help text"), default=dict, blank=True)
    is_required = models.BooleanField(_("required"), default=False)
    # Multiple choice: an "Other, please specify" box.
    allows_other = models.BooleanField(_("“Other, please specify”"), default=False)
    # Number: bounds; rating and Likert matrix: the scale (1 to scale_max).
    min_value = models.DecimalField(
        _("smallest"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("largest"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    bound_message = models.JSONField(
        _("message when the number is out of bounds"),
        default=dict,
        blank=True,
        help_text=_(
            "By language; without one in the reader's language, Glasnik's own names the bounds."
        ),
    )
    # Rating scale and Likert matrix: the labels of the scale's points, lowest first, per
    # language ({"sr": ["Uopšte se ne slažem", …]}); their count is the scale's length.
    scale_labels = models.JSONField(_("scale"), default=dict, blank=True)
    # Knowledge tests: the correct answer (choice ids, or a number) and its points.
    correct_answer = models.JSONField(_("correct answer"), null=True, blank=True)
    points = models.PositiveSmallIntegerField(_("points"), default=0)
    condition_logic = models.CharField(
        _("show when"), max_length=3, choices=ConditionLogic.choices, default=ConditionLogic.ALL
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["section__position", "section_id", "position", "pk"]

    def __str__(self) -> str:
        return str(self.text.get(self.section.survey.language, ""))


class Choice(models.Model):
    """An option of a choice question, a row of a Likert matrix or an item to rank."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveSmallIntegerField(
        pgettext_lazy("order in a list", "position"), default=0
    )
    label = models.JSONField(_("label"), default=dict)

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return str(self.label.get(self.question.section.survey.language, ""))


class ConditionOperator(models.TextChoices):
    EQUALS = "equals", _("equals")
    ANY_OF = "any_of", _("is any of")
    GREATER_THAN = "greater_than", _("is greater than")


class Condition(models.Model):
    """Show a question or a section only when an earlier question's answer matches. Several
    conditions on one target combine as its `condition_logic` says."""

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, null=True, blank=True, related_name="conditions"
    )
    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, null=True, blank=True, related_name="conditions"
    )
    source = models.ForeignKey(
        Question,
        verbose_name=_("earlier question"),
        on_delete=models.CASCADE,
        related_name="dependent_conditions",
    )
    operator = models.CharField(_("operator"), max_length=12, choices=ConditionOperator.choices)
    # Equals: a choice id or a number; any of: a list of choice ids; greater than: a number.
    value = models.JSONField(_("value"))

    class Meta:
        verbose_name = _("condition")
        verbose_name_plural = _("conditions")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(question__isnull=False, section__isnull=True)
                | Q(question__isnull=True, section__isnull=False),
                name="condition_one_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.source_id} {self.operator} {self.value}"


class Response(models.Model):
    """A respondent's sent answers. `person` is empty in an anonymous survey, and
    `submitted_at` there is only the day."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_responses",
    )
    language = models.CharField(max_length=10, blank=True)
    submitted_at = models.DateTimeField()
    # Whether its answers are in the survey's stored counts (`ResultCount`) yet.
    counted = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["pk"]
        indexes = [
            models.Index(
                fields=["survey"], condition=Q(counted=False), name="survey_response_uncounted"
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "person"],
                condition=Q(person__isnull=False),
                name="survey_response_one_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}#{self.pk}"


class Answer(models.Model):
    """One value of a response, in the column its type uses, so results are counted in the
    database: a single choice is one row with `choice`; a multiple choice one row per chosen
    option (the "other" text in a row without a choice); a Likert matrix one row per row
    (`choice`) with the scale point in `number`; a ranking one row per item with its rank in
    `number`."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choice = models.ForeignKey(
        Choice, on_delete=models.CASCADE, null=True, blank=True, related_name="answers"
    )
    number = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    text = models.TextField(blank=True)
    date = models.DateField(null=True, blank=True)
    file = models.FileField(upload_to=upload_to_private("surveys"), blank=True, max_length=300)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["pk"]
        indexes = [
            models.Index(fields=["question", "choice"]),
            # The written answers, few among many, listed per question.
            models.Index(
                fields=["question", "id"], condition=~Q(text=""), name="survey_answer_written"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.choice_id or self.number or self.text or self.date}"


class ResultCount(models.Model):
    """A survey's answers counted so far (`glasnik.surveys.results.responses_count`), so that
    its results page reads a few hundred rows instead of every answer: how many answers have
    this question, choice and number, or (`respondents`) how many responses answered the
    question. A key may have several rows; they are added up when read."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="result_counts")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    choice = models.ForeignKey(
        Choice, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    number = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    respondents = models.BooleanField(default=False)
    count = models.PositiveIntegerField()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.question_id}/{self.choice_id}/{self.number}: {self.count}"


class SurveyReceipt(models.Model):
    """Who has answered a survey (so nobody answers twice), kept apart from the answers. In an
    anonymous survey `answered_at` is the day, and every receipt of the survey is rewritten
    with it (`glasnik.core.anonymity.anonymous_receipts_mark`)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="receipts")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_receipts"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "person"], name="survey_receipt_unique")
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.person_id}"


class SurveyDraft(models.Model):
    """A signed-in respondent's unfinished answers, page by page, until they send them: then
    the draft is deleted (in an anonymous survey, in the transaction that marks their receipt,
    so the answers never sit beside their name again)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="drafts")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_drafts"
    )
    # {question id: the value as the respondent typed it, cleaned}; files by stored name.
    data = models.JSONField(default=dict)
    page = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "person"], name="survey_draft_unique")
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.person_id}"


class SurveyInvitation(models.Model):
    """A personal invitation to answer a survey once, by a link with an unguessable token that
    works without signing in. It says who was invited and when they were reminded; whether they
    have answered is read from their `SurveyReceipt` (kept apart from the answers), so in an
    anonymous survey nothing links a response to an invitation or a person."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_invitations"
    )
    token = models.CharField(max_length=64, unique=True)
    invited_at = models.DateTimeField()
    reminded_at = models.DateTimeField(null=True, blank=True)
    reminder_count = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "person"], name="survey_invitation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.person_id}"
