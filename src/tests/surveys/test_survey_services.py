"""Building surveys and answering them through the services."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from glasnik.audit.models import AuditLogEntry
from glasnik.surveys.answers import visible_answers
from glasnik.surveys.models import Answer, Response, SurveyDraft, SurveyReceipt
from glasnik.surveys.selectors import survey_plan
from glasnik.surveys.services.builder import (
    condition_add,
    question_add,
    question_delete,
    question_move,
    survey_close,
    survey_copy,
    survey_create,
)
from glasnik.surveys.services.responses import (
    SurveyAlreadyAnsweredError,
    draft_save,
    response_submit,
)
from glasnik.surveys.texts import text_for_reader

pytestmark = pytest.mark.django_db


def answers_for(survey, *, uses="yes", followers="1500", rating=4, topics=None, comment=None):
    q = survey.q
    chosen = q["uses"].choices.get(position=0 if uses == "yes" else 1).pk
    answers = {q["uses"].pk: chosen, q["rating"].pk: rating}
    if followers is not None:
        answers[q["followers"].pk] = followers
    if topics is not None:
        answers[q["topics"].pk] = topics
    if comment is not None:
        answers[q["comment"].pk] = comment
    return answers


def test_survey_create_by_someone_who_does_not_organise_is_refused(make_person, survey_program):
    with pytest.raises(PermissionDenied):
        survey_create(
            owner=survey_program, actor=make_person(), kind="needs", title="X", language="sr"
        )


def test_survey_create_logs_for_the_programme(survey_program, survey_organiser):
    survey = survey_create(
        owner=survey_program, actor=survey_organiser, kind="needs", title="Анкета", language="sr"
    )

    entry = AuditLogEntry.objects.get(action="surveys.survey.created")
    assert (entry.actor, entry.target_id, entry.scope_id) == (
        survey_organiser,
        survey.pk,
        survey_program.pk,
    )
    assert survey.slug.startswith("anketa-")
    assert survey.sections.count() == 1


def test_question_add_without_the_default_language_is_refused(needs_survey, survey_organiser):
    with pytest.raises(ValidationError) as refusal:
        question_add(
            section=needs_survey.sections.first(),
            actor=survey_organiser,
            type="short_text",
            text={"sl": "Samo slovensko"},
        )

    assert "text" in refusal.value.message_dict


def test_condition_on_a_later_question_is_refused(needs_survey, survey_organiser):
    q = needs_survey.q

    with pytest.raises(ValidationError):
        condition_add(
            actor=survey_organiser,
            question=q["uses"],
            source=q["rating"],
            operator="greater_than",
            value=3,
        )

    assert q["uses"].conditions.count() == 0


def test_question_move_that_would_break_a_condition_is_refused(needs_survey, survey_organiser):
    with pytest.raises(ValidationError), transaction.atomic():
        question_move(question=needs_survey.q["uses"], actor=survey_organiser, offset=1)

    needs_survey.q["uses"].refresh_from_db()
    assert needs_survey.q["uses"].position == 0


def test_survey_copy_keeps_questions_and_points_conditions_at_the_copies(
    needs_survey, survey_organiser
):
    copy = survey_copy(survey=needs_survey, actor=survey_organiser)

    plan = survey_plan(copy)
    questions = [q for section in plan.sections for q in section.question_list]
    assert [q.text["sr"] for q in questions] == [
        q.text["sr"] for q in (needs_survey.q[name] for name in needs_survey.q)
    ]
    (condition,) = questions[1].condition_list
    assert condition.source_id == questions[0].pk
    assert condition.value == questions[0].choice_list[0].pk
    assert copy.status == "draft"
    assert copy.responses.count() == 0


def test_response_submit_stores_one_row_per_value(needs_survey, make_respondent):
    person = make_respondent()
    topics = needs_survey.q["topics"]
    video, crisis = topics.choices.all()[:2]

    response = response_submit(
        survey=needs_survey,
        person=person,
        answers=answers_for(
            needs_survey, topics={"choices": [video.pk, crisis.pk], "other": "Podkasti"}
        ),
    )

    assert response.person == person
    rows = Answer.objects.filter(response=response, question=topics)
    assert sorted((row.choice_id or 0, row.text) for row in rows) == [
        (0, "Podkasti"),
        (video.pk, ""),
        (crisis.pk, ""),
    ]
    assert Answer.objects.get(question=needs_survey.q["followers"]).number == 1500
    assert SurveyReceipt.objects.get(survey=needs_survey, person=person).answered_at is not None


def test_response_submit_drops_the_answer_of_a_hidden_question(needs_survey, make_respondent):
    response = response_submit(
        survey=needs_survey,
        person=make_respondent(),
        answers=answers_for(needs_survey, uses="no", followers="200"),
    )

    assert not response.answers.filter(question=needs_survey.q["followers"]).exists()


def test_response_submit_reports_every_problem_and_stores_nothing(needs_survey, make_respondent):
    answers = answers_for(needs_survey, followers="2000000", rating=None)
    answers.pop(needs_survey.q["rating"].pk)
    answers[needs_survey.q["uses"].pk] = 999_999  # not one of its choices... but first answered

    with pytest.raises(ValidationError) as refusal:
        response_submit(survey=needs_survey, person=make_respondent(), answers=answers)

    assert set(refusal.value.message_dict) == {
        f"q{needs_survey.q['uses'].pk}",
        f"q{needs_survey.q['rating'].pk}",
    }
    assert Response.objects.count() == 0


def test_response_submit_over_a_bound_is_refused(needs_survey, make_respondent):
    with pytest.raises(ValidationError) as refusal:
        response_submit(
            survey=needs_survey,
            person=make_respondent(),
            answers=answers_for(needs_survey, followers="2000000"),
        )

    assert refusal.value.message_dict == {
        f"q{needs_survey.q['followers'].pk}": ["Enter a number of at most 1000000."]
    }


def test_response_submit_twice_leaves_one_response(needs_survey, make_respondent):
    person = make_respondent()
    response_submit(survey=needs_survey, person=person, answers=answers_for(needs_survey))

    with pytest.raises(SurveyAlreadyAnsweredError):
        response_submit(survey=needs_survey, person=person, answers=answers_for(needs_survey))

    assert Response.objects.filter(survey=needs_survey).count() == 1


def test_second_named_response_is_refused_by_the_database(needs_survey, make_respondent):
    person = make_respondent()
    Response.objects.create(survey=needs_survey, person=person, submitted_at=timezone.now())

    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(survey=needs_survey, person=person, submitted_at=timezone.now())


def test_response_submit_to_a_closed_survey_is_refused(
    needs_survey, make_respondent, survey_organiser
):
    survey_close(survey=needs_survey, actor=survey_organiser)

    with pytest.raises(ValidationError):
        response_submit(
            survey=needs_survey, person=make_respondent(), answers=answers_for(needs_survey)
        )


def test_response_submit_after_closing_time_is_refused(needs_survey, make_respondent):
    needs_survey.closes_at = timezone.now() - timedelta(minutes=1)
    needs_survey.save(update_fields=["closes_at"])

    with pytest.raises(ValidationError):
        response_submit(
            survey=needs_survey, person=make_respondent(), answers=answers_for(needs_survey)
        )


def test_response_submit_by_someone_outside_the_programme_is_refused(needs_survey, make_person):
    with pytest.raises(PermissionDenied):
        response_submit(
            survey=needs_survey, person=make_person(), answers=answers_for(needs_survey)
        )


def test_anonymous_response_names_nobody(needs_survey, make_respondent):
    needs_survey.is_anonymous = True
    needs_survey.save(update_fields=["is_anonymous"])
    person, other = make_respondent(), make_respondent()
    draft_save(survey=needs_survey, person=person, answers={}, page=1)

    response = response_submit(
        survey=needs_survey, person=person, answers=answers_for(needs_survey)
    )

    assert response.person is None
    assert response.submitted_at.hour == 0
    assert not SurveyDraft.objects.filter(person=person).exists()
    receipts = dict(
        SurveyReceipt.objects.filter(survey=needs_survey).values_list("person", "answered_at")
    )
    assert receipts[person.pk] == response.submitted_at
    assert receipts[other.pk] is None
    (entry,) = AuditLogEntry.objects.filter(action="surveys.response.submitted")
    assert entry.actor is None
    assert entry.data == {"anonymous": True, "count": 1}


def test_anonymous_response_twice_is_refused(needs_survey, make_respondent):
    needs_survey.is_anonymous = True
    needs_survey.save(update_fields=["is_anonymous"])
    person = make_respondent()
    response_submit(survey=needs_survey, person=person, answers=answers_for(needs_survey))

    with pytest.raises(SurveyAlreadyAnsweredError):
        response_submit(survey=needs_survey, person=person, answers=answers_for(needs_survey))

    assert Response.objects.filter(survey=needs_survey).count() == 1


def test_question_delete_after_answers_is_refused(needs_survey, make_respondent, survey_organiser):
    response_submit(
        survey=needs_survey, person=make_respondent(), answers=answers_for(needs_survey)
    )

    with pytest.raises(ValidationError):
        question_delete(question=needs_survey.q["comment"], actor=survey_organiser)


def test_visible_answers_hide_what_depends_on_a_hidden_answer(needs_survey):
    plan = survey_plan(needs_survey)
    answers = answers_for(needs_survey, uses="no", followers="10")

    visible = visible_answers(plan, answers)

    assert needs_survey.q["followers"].pk not in [q.pk for q in visible.questions]
    assert needs_survey.q["followers"].pk not in visible.answers


def test_text_for_reader_falls_back_to_the_default_language():
    texts = {"sr": "Pitanje", "sl": "Vprašanje"}

    assert text_for_reader(texts, "sr", "sl").text == "Vprašanje"
    assert text_for_reader(texts, "sr", "sr-latn").lang == "sr"
    assert text_for_reader(texts, "sr", "hr") == text_for_reader(texts, "sr", "sr")
