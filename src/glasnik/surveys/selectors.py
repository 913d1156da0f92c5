"""Reads: a survey's structure in a fixed number of queries, the surveys of a programme or
network, and what a respondent has done."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from .answers import SurveyPlan
from .models import (
    Choice,
    Condition,
    Question,
    Section,
    Survey,
    SurveyDraft,
    SurveyReceipt,
    SurveyStatus,
)


def survey_plan(survey: Survey) -> SurveyPlan:
    """Sections, questions, choices and conditions of `survey` in five queries."""
    conditions = Condition.objects.select_related("source")
    questions = Question.objects.prefetch_related(
        Prefetch("choices", queryset=Choice.objects.all(), to_attr="choice_list"),
        Prefetch("conditions", queryset=conditions, to_attr="condition_list"),
    )
    sections = list(
        Section.objects.filter(survey=survey).prefetch_related(
            Prefetch("questions", queryset=questions, to_attr="question_list"),
            Prefetch("conditions", queryset=conditions, to_attr="condition_list"),
        )
    )
    for section in sections:
        section.survey = survey
        for question in section.question_list:
            question.section = section
    return SurveyPlan(survey=survey, sections=sections)


def question_order(plan: SurveyPlan) -> list[Question]:
    return [question for section in plan.sections for question in section.question_list]


def owner_filter(owner) -> Q:
    from glasnik.programs.models import Program

    return Q(program=owner) if isinstance(owner, Program) else Q(network=owner)


def surveys_of_owner(owner, *, manage: bool) -> QuerySet[Survey]:
    """A programme's or network's surveys: all of them for its organisers (with their response
    counts), the open and closed ones for the rest."""
    surveys = Survey.objects.filter(owner_filter(owner)).select_related("program", "network")
    if not manage:
        return surveys.exclude(status=SurveyStatus.DRAFT)
    return surveys.annotate(response_count=Count("responses"))


def survey_accepts_answers(survey: Survey, *, now=None) -> bool:
    now = now or timezone.now()
    if survey.status != SurveyStatus.OPEN:
        return False
    if survey.opens_at and now < survey.opens_at:
        return False
    return not (survey.closes_at and now >= survey.closes_at)


def survey_state(survey: Survey, *, now=None) -> str:
    """ "draft", "not_yet", "open" or "closed", as a respondent would find it."""
    now = now or timezone.now()
    if survey.status == SurveyStatus.DRAFT:
        return "draft"
    if survey.status == SurveyStatus.CLOSED or (survey.closes_at and now >= survey.closes_at):
        return "closed"
    if survey.opens_at and now < survey.opens_at:
        return "not_yet"
    return "open"


def survey_answered_by(survey: Survey, person) -> bool:
    return SurveyReceipt.objects.filter(
        survey=survey, person=person, answered_at__isnull=False
    ).exists()


def survey_draft_of(survey: Survey, person) -> SurveyDraft | None:
    return SurveyDraft.objects.filter(survey=survey, person=person).first()


def draft_answers(draft: SurveyDraft | None) -> dict:
    """A draft's answers by question id (JSON keeps the keys as text)."""
    if draft is None:
        return {}
    return {int(pk): value for pk, value in draft.data.items()}
