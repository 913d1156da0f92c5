"""A needs survey's topics ranked by demand, overall and for beginners and the experienced.

The rule. In a needs survey every option of a multiple-choice question and every item of a
ranking question is a topic. Single-choice questions are left out (they ask who the respondent
is, or a yes or no, not what they need), and so are Likert matrices: whether agreeing with a row
means needing it ("I need help with video") or not ("We have a content plan") cannot be told
without the organiser marking it, which questions cannot hold yet. A topic's demand, 0 to 100:

- multiple choice: the share of those who answered the question who chose it;
- ranking: (n − average place) / (n − 1) × 100 for n items, so 100 is "always first".

Topics are listed by demand, most wanted first (ties: more respondents, then survey order).
Beginners are respondents whose profile says no experience or beginner, the experienced
intermediate or advanced; in an anonymous survey nobody's experience is known, so there is no
such split. The organiser may instead split by any single-choice question (e.g. years in the
job), and leave out questions that ask no needs (e.g. "Which networks are you on?"); in an
anonymous survey a group with fewer than `ANONYMITY_THRESHOLD` respondents is not shown.
Counted in two queries.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, Count, OuterRef, QuerySet, Subquery, Sum, Value, When
from django.utils.translation import gettext_lazy as _

from glasnik.accounts.models import ExperienceLevel

from .answers import SurveyPlan
from .breakdown import ANONYMITY_THRESHOLD
from .models import Answer, QuestionType, Response, SurveyKind
from .selectors import question_order
from .texts import Written, text_for_reader

NEEDS_TYPES = frozenset({QuestionType.MULTIPLE, QuestionType.RANKING})
BEGINNERS = "beginners"
EXPERIENCED = "experienced"
LEVEL_GROUPS = {
    BEGINNERS: (ExperienceLevel.NONE, ExperienceLevel.BEGINNER),
    EXPERIENCED: (ExperienceLevel.INTERMEDIATE, ExperienceLevel.ADVANCED),
}


@dataclass
class NeedTopic:
    question: object
    choice: object
    label: Written
    demand: float = 0.0
    respondents: int = 0
    # Per experience group: {"demand", "respondents"}, or None when too few or unknown.
    groups: dict = field(default_factory=dict)
    cells: list = field(default_factory=list)  # the groups in the order of `needs_groups`
    taken: bool = False


def needs_questions(plan: SurveyPlan) -> list:
    if plan.survey.kind != SurveyKind.NEEDS:
        return []
    return [q for q in question_order(plan) if q.type in NEEDS_TYPES and q.choice_list]


def _demand(question, counts: dict, answered: int) -> float:
    if question.type == QuestionType.MULTIPLE:
        return 100 * counts["chosen"] / answered if answered else 0.0
    items = len(question.choice_list)
    if not counts["rated"] or items < 2:
        return 0.0
    average = Decimal(counts["rank_sum"]) / counts["rated"]
    return float(100 * (items - average) / (items - 1))


def needs_groups(plan: SurveyPlan, split_by=None) -> list[tuple]:
    """The columns a ranking is split into: (key, label) per choice of `split_by` (a single
    choice question, e.g. "How long have you worked in communication?"), else beginners and
    the experienced where the respondents are known, else none."""
    if split_by is not None:
        language = plan.survey.language
        return [(c.pk, text_for_reader(c.label, language).text) for c in split_by.choice_list]
    if plan.survey.is_anonymous:
        return []
    return [(BEGINNERS, str(_("Beginners"))), (EXPERIENCED, str(_("Experienced")))]


def _group_expression(survey, split_by):
    if split_by is not None:
        return Subquery(
            Answer.objects.filter(response_id=OuterRef("response_id"), question=split_by).values(
                "choice_id"
            )[:1]
        )
    if survey.is_anonymous:
        return Value("")
    level = "response__person__experience_level__in"
    return Case(
        *(When(**{level: levels}, then=Value(name)) for name, levels in LEVEL_GROUPS.items()),
        default=Value(""),
    )


def needs_ranking(
    plan: SurveyPlan,
    *,
    responses: QuerySet[Response] | None = None,
    taken: set[str] = frozenset(),
    questions: list | None = None,
    split_by=None,
) -> list[NeedTopic]:
    """The topics of a needs survey (of `questions`, by default every needs question), most
    wanted first, split as `needs_groups` says; `taken` are the (case-folded) topics the
    programme or network has already. In an anonymous survey a group with fewer than
    `ANONYMITY_THRESHOLD` respondents to a question is not shown."""
    if questions is None:
        questions = needs_questions(plan)
    if not questions:
        return []
    survey = plan.survey
    language = survey.language
    if responses is None:
        responses = Response.objects.filter(survey=survey)
    answers = Answer.objects.filter(question__in=questions, response__in=responses).annotate(
        group=_group_expression(survey, split_by)
    )
    # A response has at most one row per choice: rows with a choice are its respondents.
    rows = (
        answers.filter(choice__isnull=False)
        .values_list("choice_id", "group")
        .annotate(rated=Count("pk"), rank_sum=Sum("number"))
        .order_by()
    )
    counts: dict = defaultdict(dict)
    for choice_id, key, rated, rank_sum in rows:
        counts[choice_id][key] = {"chosen": rated, "rated": rated, "rank_sum": rank_sum or 0}
    answered: dict = defaultdict(dict)
    for question_id, key, n in (
        answers.values_list("question_id", "group")
        .annotate(n=Count("response_id", distinct=True))
        .order_by()
    ):
        answered[question_id][key] = n
    columns = needs_groups(plan, split_by)
    threshold = ANONYMITY_THRESHOLD if survey.is_anonymous else 1
    empty = {"chosen": 0, "rated": 0, "rank_sum": 0}
    topics = []
    for question in questions:
        for choice in question.choice_list:
            per_group = counts.get(choice.pk, {})
            overall = {name: sum(c[name] for c in per_group.values()) for name in empty}
            label = text_for_reader(choice.label, language)
            topic = NeedTopic(
                question=question,
                choice=choice,
                label=label,
                demand=round(_demand(question, overall, sum(answered[question.pk].values())), 1),
                respondents=overall["chosen"]
                if question.type == QuestionType.MULTIPLE
                else overall["rated"],
                taken=label.text.casefold() in taken,
            )
            for key, _label in columns:
                group_answered = answered[question.pk].get(key, 0)
                topic.groups[key] = (
                    {
                        "demand": round(
                            _demand(question, per_group.get(key, empty), group_answered), 1
                        ),
                        "respondents": group_answered,
                    }
                    if group_answered >= threshold
                    else None
                )
            topic.cells = [topic.groups[key] for key, _label in columns]
            topics.append(topic)
    topics.sort(key=lambda topic: (-topic.demand, -topic.respondents))
    return topics
