"""Rating scales (1–5 and the like): the form field people answer with, and the summaries
(count, average, distribution) that reports, feedback and surveys show.

Generic on purpose: nothing here knows about events. A summary is computed from counts per
score, which one `values(group, score).annotate(Count)` query gives for any number of groups,
so a page's query count never depends on how many people answered.
"""

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.db.models import Count, QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# The five-point scale's words, lowest first; a question may bring its own.
FIVE_POINT_LABELS = (
    pgettext_lazy("rating", "poor"),
    pgettext_lazy("rating", "fair"),
    pgettext_lazy("rating", "good"),
    pgettext_lazy("rating", "very good"),
    pgettext_lazy("rating", "excellent"),
)


def rating_choices(
    *, low: int = 1, high: int = 5, labels: Iterable[str] | None = None
) -> list[tuple[int, str]]:
    """Choices such as (1, "1 – poor") … (5, "5 – excellent"). Without words for a scale other
    than 1–5, the number alone."""
    values = range(low, high + 1)
    words = list(labels) if labels is not None else None
    if words is None and (low, high) == (1, 5):
        words = list(FIVE_POINT_LABELS)
    if words is None:
        return [(value, str(value)) for value in values]
    if len(words) != len(values):
        raise ValueError("A rating scale needs one label per value.")
    # Lazy: a form's fields are built when its module is imported, in whatever language the
    # first request had; each label must follow the language of the page that shows it.
    return [
        (value, format_lazy("{} – {}", value, word))
        for value, word in zip(values, words, strict=True)
    ]


class RatingWidget(forms.RadioSelect):
    """A radio group laid out as a row of options. Forms render it in a fieldset with the
    question as its legend (`use_fieldset`), so screen readers announce the question with each
    option; the arrow keys move between options as in any radio group."""

    template_name = "core/includes/rating_widget.html"
    option_template_name = "core/includes/rating_option.html"


class RatingField(forms.TypedChoiceField):
    """An answer on a rating scale, cleaned to an int (None when optional and left empty)."""

    widget = RatingWidget

    def __init__(
        self,
        *,
        low: int = 1,
        high: int = 5,
        labels: Iterable[str] | None = None,
        required: bool = True,
        empty_label: str | None = None,
        **kwargs,
    ):
        kwargs.setdefault("error_messages", {"required": _("Choose one of the ratings.")})
        self.low, self.high = low, high
        choices = rating_choices(low=low, high=high, labels=labels)
        if not required:
            # A chosen radio button cannot be unchosen: an optional rating offers "no answer".
            choices.append(("", empty_label or _("No answer")))
            kwargs.setdefault("initial", "")
        super().__init__(
            choices=choices,
            coerce=int,
            empty_value=None,
            required=required,
            **kwargs,
        )


@dataclass(frozen=True)
class RatingSummary:
    """How one thing was rated: how many answers, their average and how many gave each score."""

    low: int = 1
    high: int = 5
    distribution: Mapping[int, int] = field(default_factory=dict)

    @property
    def scores(self) -> range:
        return range(self.low, self.high + 1)

    @property
    def count(self) -> int:
        return sum(self.distribution.get(score, 0) for score in self.scores)

    @property
    def average(self) -> Decimal | None:
        """Rounded to two places (half up, as people round); None without answers."""
        if not self.count:
            return None
        total = sum(score * self.distribution.get(score, 0) for score in self.scores)
        return (Decimal(total) / Decimal(self.count)).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )

    @property
    def rows(self) -> list[dict]:
        """One row per score, highest first, with its count and share (whole percent) — what
        the chart and the table show. The share of the most frequent score sizes the bars."""
        count = self.count
        most = max((self.distribution.get(score, 0) for score in self.scores), default=0)
        return [
            {
                "score": score,
                "count": self.distribution.get(score, 0),
                "percent": round(100 * self.distribution.get(score, 0) / count) if count else 0,
                "bar": round(100 * self.distribution.get(score, 0) / most) if most else 0,
            }
            for score in reversed(self.scores)
        ]

    def as_dict(self) -> dict:
        return {
            "average": self.average,
            "count": self.count,
            "distribution": {score: self.distribution.get(score, 0) for score in self.scores},
        }


def rating_summaries(
    queryset: QuerySet,
    *,
    group_by: str | None = None,
    score_field: str = "rating",
    low: int = 1,
    high: int = 5,
) -> dict[Hashable, RatingSummary]:
    """Summaries of `queryset`'s scores per value of `group_by` (one query). Without
    `group_by`, a single summary under the key None. Groups without answers are absent."""
    fields = [score_field] if group_by is None else [group_by, score_field]
    rows = queryset.order_by().values(*fields).annotate(answers=Count("pk"))
    counts: dict[Hashable, dict[int, int]] = defaultdict(dict)
    for row in rows:
        key = None if group_by is None else row[group_by]
        counts[key][row[score_field]] = row["answers"]
    return {
        key: RatingSummary(low=low, high=high, distribution=distribution)
        for key, distribution in counts.items()
    }


def rating_summary(
    queryset: QuerySet, *, score_field: str = "rating", low: int = 1, high: int = 5
) -> RatingSummary:
    """One summary of all of `queryset`'s scores (one query); empty when nobody answered."""
    summaries = rating_summaries(queryset, score_field=score_field, low=low, high=high)
    return summaries.get(None, RatingSummary(low=low, high=high))
