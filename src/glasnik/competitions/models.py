"""A competition of institutions: categories, weighted criteria, entries with example posts,
the jury with its conflicts and score sheets, and the public vote.

Default orderings stay on each table's own columns: one that goes through a foreign key makes
every query of the table join and sort by the other (reading a competition's 30,000 scores
took ten times as long)."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from glasnik.core.uploads import upload_to_private


class Method(models.TextChoices):
    MEAN = "mean", _("Mean of the jurors' totals")
    TRIMMED = "trimmed", _("Trimmed mean (without the highest and the lowest total)")
    ZSCORE = "zscore", _("Standardised per juror (z-score)")


class Eligibility(models.TextChoices):
    ENROLLED = "enrolled", _("Institutions enrolled in the programme")
    ANY = "any", _("Any institution")


class Competition(models.Model):
    """A competition of institutions, usually the last phase of a programme. An imported
    competition (from a `glasnik-competition/1` archive) is read-only: its entries, jurors and
    sheets live in `archive`, with its categories and criteria also as rows."""

    program = models.ForeignKey(
        "programs.Program",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="competitions",
        null=True,
        blank=True,
    )
    slug = models.SlugField(pgettext_lazy("web page", "address"), max_length=120, unique=True)
    title = models.CharField(pgettext_lazy("event, session or phase", "title"), max_length=200)
    rules = models.TextField(_("rules"), blank=True)
    eligibility = models.CharField(
        _("who may enter"), max_length=12, choices=Eligibility.choices, default=Eligibility.ENROLLED
    )
    entries_open_at = models.DateTimeField(_("entries open"), null=True, blank=True)
    entries_close_at = models.DateTimeField(_("entries close"), null=True, blank=True)
    jury_starts_at = models.DateTimeField(_("jury starts"), null=True, blank=True)
    jury_ends_at = models.DateTimeField(
        _("jury ends"), null=True, blank=True, help_text=_("Scoring locks at this time.")
    )
    vote_opens_at = models.DateTimeField(_("public vote opens"), null=True, blank=True)
    vote_closes_at = models.DateTimeField(_("public vote closes"), null=True, blank=True)
    results_published_at = models.DateTimeField(_("results published"), null=True, blank=True)
    method = models.CharField(
        _("aggregation method"), max_length=8, choices=Method.choices, default=Method.MEAN
    )
    alpha = models.DecimalField(
        _("weight of the measured metric"),
        max_digits=4,
        decimal_places=3,
        default=Decimal(0),
        help_text=_("From 0 to 1; together with the weight of the public vote at most 1."),
    )
    beta = models.DecimalField(
        _("weight of the public vote"), max_digits=4, decimal_places=3, default=Decimal(0)
    )
    metric_name = models.CharField(
        _("measured metric"),
        max_length=200,
        blank=True,
        help_text=_("For example: engagement rate by reach over the period."),
    )
    blind_scoring = models.BooleanField(
        _("blind scoring"),
        default=False,
        help_text=_("Jurors see entries without the institution's name."),
    )
    archive_published = models.BooleanField(
        _("archive published"),
        default=False,
        help_text=_("The results' archive, with pseudonymous institution keys, is public."),
    )
    is_imported = models.BooleanField(_("imported"), default=False, editable=False)
    archive = models.JSONField(_("archive"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("competition")
        verbose_name_plural = _("competitions")
        ordering = ["-created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(alpha__gte=0) & Q(beta__gte=0) & Q(alpha__lte=1 - F("beta")),
                name="competition_weights_at_most_one",
            ),
            models.CheckConstraint(
                condition=Q(program__isnull=False) | Q(is_imported=True),
                name="competition_program_unless_imported",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def results_published(self) -> bool:
        return self.results_published_at is not None

    def entries_open(self, at=None) -> bool:
        at = at or timezone.now()
        return (
            not self.is_imported
            and (self.entries_open_at is None or self.entries_open_at <= at)
            and (self.entries_close_at is None or at < self.entries_close_at)
        )

    def scoring_open(self, at=None) -> bool:
        at = at or timezone.now()
        return (
            not self.is_imported
            and (self.jury_starts_at is None or self.jury_starts_at <= at)
            and (self.jury_ends_at is None or at < self.jury_ends_at)
        )

    def vote_open(self, at=None) -> bool:
        at = at or timezone.now()
        return (
            not self.is_imported
            and self.vote_opens_at is not None
            and self.vote_opens_at <= at
            and (self.vote_closes_at is None or at < self.vote_closes_at)
        )

    def vote_closed(self, at=None) -> bool:
        at = at or timezone.now()
        return self.vote_closes_at is not None and self.vote_closes_at <= at


class Category(models.Model):
    """A group of entries ranked together, e.g. a population band."""

    competition = models.ForeignKey(
        Competition, on_delete=models.CASCADE, related_name="categories"
    )
    key = models.SlugField(_("key"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = pgettext_lazy("competition", "category")
        verbose_name_plural = pgettext_lazy("competition", "categories")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["competition", "key"], name="category_unique_key")
        ]

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    """What jurors score, on a scale from 0 to `max`, weighted in the juror's total."""

    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="criteria")
    key = models.SlugField(_("key"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2, default=Decimal(1))
    max = models.PositiveSmallIntegerField(_("highest score"), default=5)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["competition", "key"], name="criterion_unique_key"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="criterion_weight_positive"),
            models.CheckConstraint(condition=Q(max__gt=0), name="criterion_max_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class EntryStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class Entry(models.Model):
    """An institution's entry in one category: a draft until submitted, editable until the
    entries close."""

    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="entries")
    category = models.ForeignKey(
        Category,
        verbose_name=pgettext_lazy("competition", "category"),
        on_delete=models.PROTECT,
        related_name="entries",
    )
    institution = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="competition_entries",
    )
    description = models.TextField(_("description"), blank=True)
    profile_links = models.JSONField(_("links to social media profiles"), default=list, blank=True)
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period to"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=EntryStatus.choices, default=EntryStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    metric = models.DecimalField(
        _("measured metric"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "institution"], name="entry_one_per_institution_and_category"
            ),
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="entry_period_in_order",
            ),
        ]
        indexes = [models.Index(fields=["competition", "status"])]

    def __str__(self) -> str:
        return f"{self.institution} – {self.category}"

    @property
    def is_submitted(self) -> bool:
        return self.status == EntryStatus.SUBMITTED


class ExamplePost(models.Model):
    """A post the entrant chose to show: a link, a screenshot and why it was chosen."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="example_posts")
    url = models.URLField(_("link to the post"), max_length=500)
    screenshot = models.FileField(
        _("screenshot"), upload_to=upload_to_private("competition-screenshots"), blank=True
    )
    why_chosen = models.TextField(_("why it was chosen"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("example post")
        verbose_name_plural = _("example posts")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.url


class Juror(models.Model):
    """A person on the jury. With no categories and no entries named, the juror scores every
    entry; otherwise the entries named and those in the categories named."""

    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="jurors")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="juror_assignments",
    )
    categories = models.ManyToManyField(
        Category,
        verbose_name=pgettext_lazy("competition", "categories"),
        blank=True,
        related_name="+",
    )
    entries = models.ManyToManyField(Entry, verbose_name=_("entries"), blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("juror")
        verbose_name_plural = _("jurors")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["competition", "person"], name="juror_once")]

    def __str__(self) -> str:
        return str(self.person)


class Conflict(models.Model):
    """A conflict of interest a juror declared on an entry; the juror's sheet for it does not
    count. Conflicts by institution are found, not declared (`scoring.conflicted_pairs`)."""

    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="conflicts")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="conflicts")
    reason = models.TextField(_("reason"), blank=True)
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["juror", "entry"], name="conflict_once")]

    def __str__(self) -> str:
        return f"{self.juror} – {self.entry}"


class ScoreSheet(models.Model):
    """A juror's scores for one entry, with general written feedback for the entrant."""

    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="sheets")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="sheets")
    feedback = models.TextField(_("feedback for the entrant"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["juror", "entry"], name="score_sheet_once")]

    def __str__(self) -> str:
        return f"{self.juror} – {self.entry}"


class Score(models.Model):
    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="+"
    )
    value = models.DecimalField(_("score"), max_digits=6, decimal_places=2)
    comment = models.TextField(_("comment"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="score_once"),
            models.CheckConstraint(condition=Q(value__gte=0), name="score_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class Vote(models.Model):
    """A verified account's vote for one entry of a category: one per person per category."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="votes")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="votes")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="competition_votes"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["person", "category"], name="vote_one_per_category")
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.entry}"
