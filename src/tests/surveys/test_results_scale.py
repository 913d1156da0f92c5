"""Results at scale: the stored counts give the same results as counting every answer, the
results pages' queries do not grow with the responses, and seed_scale's 30-question survey."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from fixtures_results import SIX

from glasnik.programs.models import Enrolment
from glasnik.site.scale_surveys import SURVEY_SLUG
from glasnik.surveys.models import Answer, QuestionType, Response, ResultCount, Survey
from glasnik.surveys.results import responses_count, survey_results
from glasnik.surveys.selectors import survey_plan

pytestmark = pytest.mark.django_db


def _summary(plan, responses=None) -> tuple:
    total, results = survey_results(plan, responses)
    return total, [
        (
            r.question.pk,
            r.answered,
            [(row.count, row.percent) for row in r.rows],
            r.mean,
            r.median,
            r.nps,
            [(row["mean"], row.get("counts")) for row in r.matrix],
        )
        for r in results
    ]


def test_stored_counts_give_the_results_of_counting_every_answer(needs_survey, answer_as):
    for row in SIX:
        answer_as(*row, rating=len(row[1]) + 1, comment="Primer")
    plan = survey_plan(needs_survey)
    every_answer = _summary(plan, Response.objects.filter(survey=needs_survey))

    assert responses_count(needs_survey) == 6
    assert _summary(plan) == every_answer
    # Newer responses are counted from their answers until they are stored too.
    answer_as(*SIX[0], rating=5)
    answer_as(*SIX[2], rating=1)
    every_answer = _summary(plan, Response.objects.filter(survey=needs_survey))
    assert _summary(plan) == every_answer
    assert responses_count(needs_survey) == 2
    assert _summary(plan) == every_answer
    assert responses_count(needs_survey) == 0
    # One row per key, however many batches were added.
    rows = ResultCount.objects.filter(survey=needs_survey)
    assert rows.count() == len(set(rows.values_list("question", "choice", "number", "respondents")))


def test_median_of_counted_values(needs_survey, answer_as):
    for rating in (1, 2, 2, 5):
        answer_as(*SIX[0], rating=rating)
    responses_count(needs_survey)
    _total, results = survey_results(survey_plan(needs_survey))
    rating = next(r for r in results if r.question.pk == needs_survey.q["rating"].pk)

    assert (rating.answered, str(rating.mean), str(rating.median)) == (4, "2.50", "2.00")


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


@pytest.mark.parametrize("counted", [False, True])
def test_results_texts_and_needs_queries_do_not_grow_with_responses(
    organiser_client, needs_survey, answer_as, counted
):
    comment = needs_survey.q["comment"].pk
    urls = [
        (f"/en/surveys/{needs_survey.slug}/results/", {}),
        (f"/en/surveys/{needs_survey.slug}/results/", {"level": "beginner"}),
        (f"/en/surveys/{needs_survey.slug}/results/texts/{comment}/", {"page": 1}),
        (f"/en/surveys/{needs_survey.slug}/needs/", {}),
    ]
    for row in SIX:
        answer_as(*row, comment="Više primera")
    if counted:
        responses_count(needs_survey)
    _queries(organiser_client, *urls[0])  # the session and the person's roles, read once
    few = [_queries(organiser_client, url, params) for url, params in urls]
    for row in SIX * 4:
        answer_as(*row, comment="Još primera")
    if counted:
        responses_count(needs_survey)
    _queries(organiser_client, *urls[0])  # the caches the new participants cleared
    assert [_queries(organiser_client, url, params) for url, params in urls] == few


def test_seed_scale_makes_a_30_question_survey_with_responses_in_proportion():
    call_command("seed_scale", factor=0.002)
    call_command("seed_scale", factor=0.002)

    survey = Survey.objects.get(slug=SURVEY_SLUG)
    assert survey.program.slug == "seed-programme"
    assert not survey.is_anonymous
    plan = survey_plan(survey)
    questions = [q for s in plan.sections for q in s.question_list]
    assert len(questions) == 30
    assert {q.type for q in questions} >= {
        QuestionType.SINGLE,
        QuestionType.MULTIPLE,
        QuestionType.LIKERT,
        QuestionType.RATING,
        QuestionType.NPS,
        QuestionType.NUMBER,
        QuestionType.SHORT_TEXT,
        QuestionType.LONG_TEXT,
        QuestionType.RANKING,
        QuestionType.DATE,
    }
    responses = Response.objects.filter(survey=survey)
    assert responses.count() == 200
    assert not responses.filter(counted=False).exists()
    # The seeded people (40 at this factor) answer by name, enrolled for their institution.
    named = responses.filter(person__isnull=False)
    assert named.count() == 40
    assert (
        Enrolment.objects.filter(program=survey.program, person__in=named.values("person")).count()
        == 40
    )
    assert _summary(plan) == _summary(plan, responses)
    every = Answer.objects.filter(response__survey=survey)
    assert every.filter(question__type=QuestionType.SINGLE).count() == 200 * 7

    call_command("seed_scale", factor=0.003)
    assert responses.count() == 300
    assert _summary(plan) == _summary(plan, responses)
