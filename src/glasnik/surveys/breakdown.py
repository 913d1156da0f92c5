"""Results read in parts: filters on the responses, a cross-tab of a choice question by a group
(the respondent's institution kind, country or region, their experience level, or the answer to
another choice question), and the free text of one question, searched and paged. Everything is
counted in the database, in a number of queries that does not grow with the responses.

Who a respondent is (and so their institution and experience) is known only in a survey that is
not anonymous: the institution is the one they take part for in the survey's programme
(enrolment) or network (membership), the experience level the one on their profile. An
anonymous survey is broken down by choice questions only, and shows a group (or a filtered
view) only when it has at least `ANONYMITY_THRESHOLD` responses.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, QuerySet, Subquery
from django.db.models.expressions import Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from glasnik.accounts.models import ExperienceLevel
from glasnik.networks.models import Membership
from glasnik.organizations.models import Country, OrganizationKind
from glasnik.programs.models import Enrolment

from .answers import SurveyPlan
from .models import Answer, QuestionType, Response, Survey
from .selectors import question_order
from .texts import Written, text_for_reader

ANONYMITY_THRESHOLD = 5
# Choice questions a cross-tab and a filter can use.
GROUPING_TYPES = frozenset({QuestionType.SINGLE, QuestionType.MULTIPLE})
PERSON_DIMENSIONS = {
    "kind": _("Institution kind"),
    "country": _("Country"),
    "region": _("Region"),
    "level": _("Experience level"),
}
TEXT_PREVIEW = 5
TEXT_PAGE_SIZE = 25


def grouping_questions(plan: SurveyPlan) -> list:
    return [q for q in question_order(plan) if q.type in GROUPING_TYPES]


def person_dimensions(survey: Survey) -> dict:
    """The groups by who answered: none in an anonymous survey."""
    return {} if survey.is_anonymous else PERSON_DIMENSIONS


def _organization_field(survey: Survey, name: str, person_ref: str) -> Subquery:
    """The institution's `name` (kind, country, region) a respondent takes part for."""
    if survey.program_id is not None:
        rows = Enrolment.objects.filter(program_id=survey.program_id)
    else:
        rows = Membership.objects.filter(network_id=survey.network_id)
    rows = rows.filter(person_id=OuterRef(person_ref)).order_by("pk")
    return Subquery(rows.values(f"organization__{name}")[:1])


def _person_value(survey: Survey, dimension: str, person_ref: str):
    if dimension == "level":
        return F(person_ref.replace("_id", "") + "__experience_level")
    return _organization_field(survey, dimension, person_ref)


def dimension_labels(dimension: str) -> dict:
    return {
        "kind": dict(OrganizationKind.choices),
        "country": dict(Country.choices),
        "level": dict(ExperienceLevel.choices),
    }.get(dimension, {})


def region_options(survey: Survey) -> list[str]:
    """The regions of the institutions taking part (one query)."""
    if survey.is_anonymous:
        return []
    if survey.program_id is not None:
        rows = Enrolment.objects.filter(program_id=survey.program_id)
    else:
        rows = Membership.objects.filter(network_id=survey.network_id)
    return sorted(
        set(rows.exclude(organization__region="").values_list("organization__region", flat=True))
    )


@dataclass
class Filters:
    """What the organiser narrowed the responses to: choices per question, person groups."""

    choices: dict[int, int] = field(default_factory=dict)
    person: dict[str, str] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        return bool(self.choices or self.person)

    def query(self) -> dict[str, str]:
        values = {f"q{pk}": str(choice) for pk, choice in self.choices.items()}
        values.update(self.person)
        return values


def filters_from(data, plan: SurveyPlan) -> Filters:
    """Filters from the query string, keeping only known questions, choices and groups."""
    filters = Filters()
    for question in grouping_questions(plan):
        value = data.get(f"q{question.pk}", "")
        if value.isdigit() and int(value) in {c.pk for c in question.choice_list}:
            filters.choices[question.pk] = int(value)
    for dimension in person_dimensions(plan.survey):
        value = data.get(dimension, "").strip()
        known = dimension_labels(dimension)
        if value and (dimension == "region" or value in known):
            filters.person[dimension] = value[:120]
    return filters


def filtered_responses(survey: Survey, filters: Filters) -> QuerySet[Response]:
    responses = Response.objects.filter(survey=survey)
    for question_id, choice_id in filters.choices.items():
        responses = responses.filter(
            Exists(
                Answer.objects.filter(
                    response=OuterRef("pk"), question_id=question_id, choice_id=choice_id
                )
            )
        )
    for dimension, value in filters.person.items():
        responses = responses.alias(
            **{f"by_{dimension}": _person_value(survey, dimension, "person_id")}
        )
        responses = responses.filter(**{f"by_{dimension}": value})
    return responses


@dataclass
class CrossTab:
    """A choice question's answers (rows) counted per group (columns)."""

    question: object
    title: Written
    by_label: str
    columns: list[dict]  # {"label", "total", "hidden"}
    rows: list[dict]  # {"label", "cells": [{"count", "percent"} or None per column]}

    @property
    def hidden(self) -> list[dict]:
        return [column for column in self.columns if column["hidden"]]

    @property
    def shown(self) -> list[dict]:
        return [column for column in self.columns if not column["hidden"]]


def crosstab(
    plan: SurveyPlan, *, question, by: str, responses: QuerySet[Response]
) -> CrossTab | None:
    """`question`'s choices counted per group `by` ("q<id>" of another choice question, or a
    person dimension), in two queries; a percentage is of the group's respondents who answered
    `question`. In an anonymous survey a group under the threshold is hidden."""
    survey = plan.survey
    language = survey.language
    answers = Answer.objects.filter(question=question, response__in=responses)
    if by.startswith("q") and by[1:].isdigit():
        other = next((q for q in grouping_questions(plan) if q.pk == int(by[1:])), None)
        if other is None or other.pk == question.pk:
            return None
        answers = answers.filter(response__answers__question=other)
        group = F("response__answers__choice_id")
        columns = [(c.pk, text_for_reader(c.label, language).text) for c in other.choice_list]
        if other.allows_other:
            columns.append((None, str(pgettext_lazy("survey answer", "Other"))))
        by_label = text_for_reader(other.text, language).text
    elif by in person_dimensions(survey):
        group = _person_value(survey, by, "response__person_id")
        by_label = str(PERSON_DIMENSIONS[by])
        columns = None
    else:
        return None
    answers = answers.annotate(group=group)
    # A response has one row per choice of `question` (and of `other`), so rows are responses.
    counts = {
        (choice_id, key): n
        for choice_id, key, n in answers.values_list("choice_id", "group")
        .annotate(n=Count("pk"))
        .order_by()
    }
    totals = dict(
        answers.values_list("group").annotate(n=Count("response_id", distinct=True)).order_by()
    )
    if columns is None:
        labels = dimension_labels(by)
        keys = sorted(totals, key=lambda key: (key is None or key == "", str(key)))
        unknown = str(_("unknown"))
        columns = [(key, str(labels.get(key, key)) if key else unknown) for key in keys]
    threshold = ANONYMITY_THRESHOLD if survey.is_anonymous else 0
    column_list = [
        {
            "key": key,
            "label": label,
            "total": totals.get(key, 0),
            "hidden": 0 < totals.get(key, 0) < threshold or (threshold and totals.get(key, 0) == 0),
        }
        for key, label in columns
    ]
    rows = []
    for choice in question.choice_list:
        cells = []
        for column in column_list:
            if column["hidden"]:
                continue
            count = counts.get((choice.pk, column["key"]), 0)
            total = column["total"]
            cells.append(
                {"count": count, "percent": round(100 * count / total, 1) if total else 0.0}
            )
        rows.append({"label": text_for_reader(choice.label, language), "cells": cells})
    return CrossTab(
        question=question,
        title=text_for_reader(question.text, language),
        by_label=by_label,
        columns=column_list,
        rows=rows,
    )


def text_previews(plan: SurveyPlan, responses: QuerySet[Response] | None) -> dict[int, dict]:
    """Per text question (and multiple choice with "other"), how many texts and the first
    few, in three queries: of all responses (`responses` None, read from the written answers'
    index alone) or of those given."""
    written = [
        q.pk
        for q in question_order(plan)
        if q.type in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT, QuestionType.MULTIPLE)
    ]
    answers = Answer.objects.filter(question_id__in=written).exclude(text="")
    if responses is not None:
        answers = answers.filter(response__in=responses)
    counts = dict(answers.values_list("question_id").annotate(n=Count("pk")).order_by())
    if not counts:
        return {}
    first = (
        answers.annotate(
            place=Window(RowNumber(), partition_by=[F("question_id")], order_by=F("pk").asc())
        )
        .filter(place__lte=TEXT_PREVIEW)
        .values_list("pk", flat=True)
    )
    previews = {pk: {"count": count, "texts": []} for pk, count in counts.items()}
    for question_id, text in (
        Answer.objects.filter(pk__in=list(first))
        .order_by("question_id", "pk")
        .values_list("question_id", "text")
    ):
        previews[question_id]["texts"].append(text)
    return previews


def text_answers(question, *, responses: QuerySet[Response], search: str = "") -> QuerySet:
    """A question's written answers (its "other" texts for a multiple choice), newest last."""
    answers = Answer.objects.filter(question=question, response__in=responses).exclude(text="")
    if search:
        answers = answers.filter(text__icontains=search)
    return answers.order_by("pk").values_list("text", flat=True)
