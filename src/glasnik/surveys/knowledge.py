"""Knowledge tests: each response's score and the learning gain of the people who took the same
test before and after a training (`Survey.pre_test`).

A response's score is the sum of the points of the questions answered correctly: a single or
multiple choice exactly the correct choices (an "other" text makes it wrong), a number exactly
the correct number. Scores are computed in the database, one row per response; a pair's gains
take a fixed number of queries however many people answered.

Normalised gain is (post − pre) / (max − pre), on the share of the maximum when the two tests'
maxima differ; it is undefined (None) for someone who had the maximum before."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce

from glasnik.programs.models import Enrolment

from .models import Question, QuestionType, Response, Survey, SurveyKind

SCORED_TYPES = (QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.NUMBER)


def _scored_questions(survey: Survey) -> list[tuple[int, str, object, int]]:
    """(question id, type, correct answer, points) of the questions that give points."""
    return [
        row
        for row in Question.objects.filter(
            section__survey=survey, points__gt=0, type__in=SCORED_TYPES
        )
        .exclude(correct_answer=None)
        .values_list("pk", "type", "correct_answer", "points")
        if row[2] not in ([], "")
    ]


def test_maximum(survey: Survey) -> int:
    return sum(points for _pk, _type, _correct, points in _scored_questions(survey))


def response_scores(survey: Survey) -> tuple[int, dict[int | None, int]]:
    """The test's maximum and {person id: score} of its responses (anonymous responses under
    None, the last one kept), in two queries."""
    questions = _scored_questions(survey)
    maximum = sum(points for *_rest, points in questions)
    if not questions:
        return maximum, {}
    annotations = {}
    score = Value(0)
    for pk, type, correct, points in questions:
        if type == QuestionType.NUMBER:
            hit = Q(answers__question_id=pk, answers__number=Decimal(str(correct)))
            needed = 1
        else:
            correct = [correct] if isinstance(correct, int) else list(correct)
            hit = Q(answers__question_id=pk, answers__choice_id__in=correct)
            needed = len(correct)
        annotations[f"rows_{pk}"] = Count("answers", filter=Q(answers__question_id=pk))
        annotations[f"hits_{pk}"] = Count("answers", filter=hit)
        score = score + Case(
            When(
                Q(**{f"rows_{pk}": needed, f"hits_{pk}": needed}),
                then=Value(points),
            ),
            default=Value(0),
            output_field=IntegerField(),
        )
    rows = (
        Response.objects.filter(survey=survey)
        .annotate(**annotations)
        .annotate(score=Coalesce(score, 0, output_field=IntegerField()))
        .order_by("pk")
        .values_list("person_id", "score")
    )
    return maximum, dict(rows)


def _share(score: int, maximum: int) -> float:
    return score / maximum if maximum else 0.0


def normalised_gain(pre: int, post: int, pre_max: int, post_max: int | None = None) -> float | None:
    """(post − pre) / (max − pre) on shares of the maximum; None when pre was the maximum."""
    post_max = pre_max if post_max is None else post_max
    before, after = _share(pre, pre_max), _share(post, post_max)
    if not pre_max or before >= 1:
        return None
    return (after - before) / (1 - before)


@dataclass
class Gain:
    """A person's, an institution's or the programme's (averaged) learning gain."""

    label: str
    people: int
    pre: float
    post: float
    # The average normalised gain of those for whom it is defined; None if nobody's is.
    gain: float | None
    institution: str = ""

    @property
    def difference(self) -> float:
        return self.post - self.pre


@dataclass
class KnowledgeGain:
    pre_test: Survey
    post_test: Survey
    maximum: int
    post_maximum: int
    people: list[Gain] = field(default_factory=list)
    institutions: list[Gain] = field(default_factory=list)
    total: Gain | None = None
    only_pre: int = 0
    only_post: int = 0


def _average(label: str, rows: list[Gain]) -> Gain:
    gains = [row.gain for row in rows if row.gain is not None]
    count = len(rows)
    return Gain(
        label=label,
        people=count,
        pre=sum(row.pre for row in rows) / count if count else 0.0,
        post=sum(row.post for row in rows) / count if count else 0.0,
        gain=sum(gains) / len(gains) if gains else None,
    )


def knowledge_gain(post_test: Survey, *, no_institution: str = "—") -> KnowledgeGain:
    """The learning gain of everyone who answered both `post_test` and its pre-test, by
    person (by name), by institution (their enrolment's in the programme) and in total."""
    pre_test = post_test.pre_test
    maximum, before = response_scores(pre_test)
    post_maximum, after = response_scores(post_test)
    before.pop(None, None)
    after.pop(None, None)
    both = sorted(set(before) & set(after))
    result = KnowledgeGain(
        pre_test=pre_test,
        post_test=post_test,
        maximum=maximum,
        post_maximum=post_maximum,
        only_pre=len(set(before) - set(after)),
        only_post=len(set(after) - set(before)),
    )
    if not both:
        return result
    names = {
        person.pk: person.get_full_name() or person.email
        for person in get_user_model()
        .objects.filter(pk__in=both)
        .only("pk", "first_name", "last_name", "email")
    }
    institutions = {}
    if post_test.program_id is not None:
        institutions = dict(
            Enrolment.objects.filter(
                program_id=post_test.program_id, person_id__in=both
            ).values_list("person_id", "organization__name")
        )
    by_institution: dict[str, list[Gain]] = {}
    for person in both:
        row = Gain(
            label=names.get(person, ""),
            people=1,
            pre=before[person],
            post=after[person],
            gain=normalised_gain(before[person], after[person], maximum, post_maximum),
            institution=institutions.get(person) or no_institution,
        )
        result.people.append(row)
        by_institution.setdefault(row.institution, []).append(row)
    result.people.sort(key=lambda row: (row.institution, row.label))
    result.institutions = [_average(name, rows) for name, rows in sorted(by_institution.items())]
    result.total = _average("", result.people)
    return result


def knowledge_pairs(owner_filter: Q) -> list[Survey]:
    """The post-tests (with their pre-test) among the surveys matching `owner_filter`."""
    return list(
        Survey.objects.filter(owner_filter, kind=SurveyKind.KNOWLEDGE, pre_test__isnull=False)
        .select_related("pre_test", "program", "network")
        .order_by("created_at", "pk")
    )
