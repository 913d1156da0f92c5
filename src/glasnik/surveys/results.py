"""A survey's results, counted in the database: per question the answers per option with their
share, the mean and median of scales, the net promoter score, free text listed; and the raw
responses as CSV rows, read in chunks so memory stays flat however many there are."""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Sum

from .answers import NPS_MAX, SurveyPlan, scale_length
from .models import Answer, QuestionType, Response, ResultCount, Survey
from .selectors import question_order
from .texts import Written, scale_labels_for_reader, text_for_reader

NPS_PROMOTER = 9
NPS_DETRACTOR = 6


@dataclass
class Row:
    label: Written | str
    count: int
    percent: float

    @property
    def bar(self) -> int:
        return round(self.percent)


@dataclass
class QuestionResult:
    question: object
    text: Written
    answered: int = 0
    rows: list[Row] = field(default_factory=list)
    mean: Decimal | None = None
    median: Decimal | None = None
    nps: int | None = None
    # Free text: how many were written and the first few (`breakdown.text_previews`).
    texts: list[str] = field(default_factory=list)
    text_count: int = 0
    # Likert matrix: per row its label, the counts per point and the row's mean.
    matrix: list[dict] = field(default_factory=list)
    scale: list[Written | str] = field(default_factory=list)

    @property
    def type(self) -> str:
        return self.question.type


def _percent(count: int, total: int) -> float:
    return round(100 * count / total, 1) if total else 0.0


def _round(value) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


def _mean(counted: list[tuple]) -> Decimal | None:
    """The mean of values given as (value, how many times) pairs, as counted in the database."""
    total = sum(count for _value, count in counted)
    if not total:
        return None
    return _round(sum(float(value) * count for value, count in counted) / total)


def _median(counted: list[tuple]) -> Decimal | None:
    """The median of values given as sorted (value, how many times) pairs: the middle one, or
    the mean of the two middle ones."""
    total = sum(count for _value, count in counted)
    if not total:
        return None
    low, high = (total - 1) // 2, total // 2
    middle, seen = [], 0
    for value, count in counted:
        for place in (low, high):
            if seen <= place < seen + count:
                middle.append(Decimal(value))
        seen += count
    return _round((middle[0] + middle[-1]) / 2)


def survey_results(plan: SurveyPlan, responses=None) -> tuple[int, list[QuestionResult]]:
    """The number of responses and every question's result, in a fixed number of queries:
    of all the survey's responses (from the stored counts and the answers not counted yet,
    `responses_count`), or of `responses` (a queryset of them, filtered), counted from their
    answers. Free text is read apart, a few at a time (`breakdown.text_previews`)."""
    survey = plan.survey
    language = survey.language
    if responses is None:
        total, counts, answered = _all_counts(survey)
    else:
        total = responses.count()
        counts, answered = _answer_counts(Answer.objects.filter(response__in=responses))
    results = []
    for question in question_order(plan):
        result = QuestionResult(
            question=question,
            text=text_for_reader(question.text, language),
            answered=answered.get(question.pk, 0),
        )
        by_value = counts.get(question.pk, {})
        _fill(result, question, by_value, language)
        results.append(result)
    return total, results


def _answer_counts(answers) -> tuple[dict, dict]:
    """{question id: {(choice id, number): answers}} and {question id: responses} of
    `answers`, in two queries."""
    counts = defaultdict(dict)
    for question_id, choice_id, number, count in (
        answers.values_list("question_id", "choice_id", "number")
        .annotate(count=Count("pk"))
        .order_by()
    ):
        counts[question_id][(choice_id, number)] = count
    answered = dict(
        answers.values_list("question_id")
        .annotate(count=Count("response_id", distinct=True))
        .order_by()
    )
    return counts, answered


# Answers of this many responses not counted yet are counted (and stored) when the results are
# read; fewer are counted from the answers each time.
COUNT_AT = 500
COUNT_BATCH = 5_000


def _all_counts(survey: Survey) -> tuple[int, dict, dict]:
    """All responses' counts: the stored ones plus those of the answers not counted yet, in
    four queries (more when there were `COUNT_AT` responses to count first)."""
    uncounted = Response.objects.filter(survey=survey, counted=False)
    if uncounted.count() >= COUNT_AT:
        responses_count(survey)
    total = Response.objects.filter(survey=survey).count()
    counts, answered = _answer_counts(Answer.objects.filter(response__in=uncounted))
    for question_id, choice_id, number, respondents, count in (
        ResultCount.objects.filter(survey=survey)
        .values_list("question_id", "choice_id", "number", "respondents")
        .annotate(sum=Sum("count"))
        .order_by()
    ):
        if respondents:
            answered[question_id] = answered.get(question_id, 0) + count
        else:
            by_value = counts[question_id]
            by_value[(choice_id, number)] = by_value.get((choice_id, number), 0) + count
    return total, counts, answered


def responses_count(survey: Survey) -> int:
    """Add the answers of the responses not counted yet to the survey's stored counts, a batch
    at a time, and mark them counted; returns how many were counted. Responses are never
    changed once sent, so a counted one stays counted (deleting a question or a choice deletes
    its counts)."""
    counted = 0
    while True:
        with transaction.atomic():
            # One at a time per survey: the lock keeps two readers from counting twice.
            Survey.objects.select_for_update().filter(pk=survey.pk).first()
            batch = list(
                Response.objects.filter(survey=survey, counted=False)
                .order_by("pk")
                .values_list("pk", flat=True)[:COUNT_BATCH]
            )
            if not batch:
                return counted
            counts, answered = _answer_counts(Answer.objects.filter(response_id__in=batch))
            ResultCount.objects.bulk_create(
                [
                    ResultCount(
                        survey=survey,
                        question_id=question_id,
                        choice_id=choice_id,
                        number=number,
                        count=count,
                    )
                    for question_id, by_value in counts.items()
                    for (choice_id, number), count in by_value.items()
                ]
                + [
                    ResultCount(survey=survey, question_id=question_id, respondents=True, count=n)
                    for question_id, n in answered.items()
                ],
                batch_size=1_000,
            )
            Response.objects.filter(pk__in=batch).update(counted=True)
            counted += len(batch)
            _compact(survey)


def _compact(survey: Survey) -> None:
    """Keep one stored row per key once the batches have added several."""
    rows = ResultCount.objects.filter(survey=survey)
    keys = (
        rows.values("question_id", "choice_id", "number", "respondents")
        .annotate(sum=Sum("count"))
        .order_by()
    )
    sums = list(keys)
    if len(sums) == rows.count():
        return
    rows.delete()
    ResultCount.objects.bulk_create(
        [
            ResultCount(
                survey=survey,
                question_id=key["question_id"],
                choice_id=key["choice_id"],
                number=key["number"],
                respondents=key["respondents"],
                count=key["sum"],
            )
            for key in sums
        ],
        batch_size=1_000,
    )


def _fill(result: QuestionResult, question, by_value: dict, language: str) -> None:
    kind = question.type
    if kind in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        for choice in question.choice_list:
            count = sum(c for (choice_id, _n), c in by_value.items() if choice_id == choice.pk)
            result.rows.append(
                Row(
                    text_for_reader(choice.label, language), count, _percent(count, result.answered)
                )
            )
    elif kind == QuestionType.LIKERT:
        points = scale_length(question)
        labels = scale_labels_for_reader(question.scale_labels, language)
        result.scale = [labels[n - 1] if n <= len(labels) else str(n) for n in range(1, points + 1)]
        for choice in question.choice_list:
            per_point = [by_value.get((choice.pk, Decimal(n)), 0) for n in range(1, points + 1)]
            result.matrix.append(
                {
                    "label": text_for_reader(choice.label, language),
                    "counts": per_point,
                    "mean": _mean(list(enumerate(per_point, 1))),
                }
            )
    elif kind == QuestionType.RANKING:
        for choice in question.choice_list:
            ranks = [
                (n, c) for (choice_id, n), c in by_value.items() if choice_id == choice.pk and n
            ]
            mean = _mean(ranks)
            result.matrix.append({"label": text_for_reader(choice.label, language), "mean": mean})
        result.matrix.sort(key=lambda row: (row["mean"] is None, row["mean"] or 0))
    elif kind in (QuestionType.RATING, QuestionType.NPS, QuestionType.NUMBER):
        _scale(result, question, by_value, language)


def _scale(result: QuestionResult, question, by_value: dict, language: str) -> None:
    values = sorted(
        (number, count) for (_choice, number), count in by_value.items() if number is not None
    )
    result.mean = _mean(values)
    result.median = _median(values)
    if question.type == QuestionType.NUMBER:
        return
    low, high = (0, NPS_MAX) if question.type == QuestionType.NPS else (1, scale_length(question))
    labels = scale_labels_for_reader(question.scale_labels, language)
    for point in range(low, high + 1):
        count = by_value.get((None, Decimal(point)), 0)
        label = str(point)
        if question.type == QuestionType.RATING and point <= len(labels):
            label = f"{point} – {labels[point - 1].text}"
        result.rows.append(Row(label, count, _percent(count, result.answered)))
    answered = sum(count for _n, count in values)
    if question.type == QuestionType.NPS and answered:
        promoters = sum(count for n, count in values if n >= NPS_PROMOTER)
        detractors = sum(count for n, count in values if n <= NPS_DETRACTOR)
        result.nps = round(100 * (promoters - detractors) / answered)


# The raw responses, for the CSV export.


def export_headers(plan: SurveyPlan, *, named: bool) -> list[str]:
    language = plan.survey.language
    headers = ["#", "submitted"] + (["person", "email"] if named else [])
    for question in question_order(plan):
        text = text_for_reader(question.text, language).text
        if question.type == QuestionType.LIKERT:
            headers += [
                f"{text} — {text_for_reader(choice.label, language).text}"
                for choice in question.choice_list
            ]
        else:
            headers.append(text)
    return headers


def _cells(question, answers: list, labels: dict) -> list:
    """The cells of one question for one response, from its answer rows (named tuples)."""
    kind = question.type
    if kind == QuestionType.LIKERT:
        points = {answer.choice_id: answer.number for answer in answers}
        return [_number(points.get(choice.pk)) for choice in question.choice_list]
    if not answers:
        return [""]
    if kind in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        return [
            "; ".join(labels.get(a.choice_id, a.text) if a.choice_id else a.text for a in answers)
        ]
    if kind == QuestionType.RANKING:
        ordered = sorted(answers, key=lambda answer: answer.number)
        return ["; ".join(labels.get(answer.choice_id, "") for answer in ordered)]
    if kind in (QuestionType.RATING, QuestionType.NPS, QuestionType.NUMBER):
        return [_number(answers[0].number)]
    if kind == QuestionType.DATE:
        return [answers[0].date.isoformat()]
    return [answers[0].text]


def _number(value):
    if value is None:
        return ""
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def export_rows(plan: SurveyPlan, *, named: bool, chunk: int = 2000) -> Iterator[list]:
    """One list of cells per response, in order, reading the answers in chunks."""
    survey: Survey = plan.survey
    language = survey.language
    questions = question_order(plan)
    labels = {
        choice.pk: text_for_reader(choice.label, language).text
        for question in questions
        for choice in question.choice_list
    }
    responses = Response.objects.filter(survey=survey).order_by("pk")
    if named:
        responses = responses.select_related("person")
    answers = (
        Answer.objects.filter(response__survey=survey)
        .order_by("response_id", "pk")
        # Rows as named tuples, not model instances: five million of those cost a minute.
        .values_list(
            "response_id", "question_id", "choice_id", "number", "text", "date", named=True
        )
        .iterator(chunk_size=chunk)
    )
    pending = next(answers, None)
    for number, response in enumerate(responses.iterator(chunk_size=chunk), start=1):
        own = defaultdict(list)
        while pending is not None and pending.response_id == response.pk:
            own[pending.question_id].append(pending)
            pending = next(answers, None)
        row = [number, response.submitted_at.date().isoformat()]
        if named:
            person = response.person
            row += [person.get_full_name() if person else "", person.email if person else ""]
        for question in questions:
            row += _cells(question, own.get(question.pk, []), labels)
        yield row
