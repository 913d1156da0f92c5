"""Reads: a survey's structure in a fixed number of queries, the surveys of a programme or
network, and what a respondent has done."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from glasnik.core.object_cache import object_cache_clear, object_cache_get

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


OWNER_SURVEYS_ENTRY = "owner-surveys"
OWNER_SURVEYS_SECONDS = 24 * 3600


def surveys_of_owner_kept(owner) -> list[Survey]:
    """The owner's surveys that are not drafts, as `surveys_of_owner` reads them for everyone
    but organisers, kept with the programme or network (the links on its page read them on
    every request) until one of its surveys is saved (`SurveysConfig.ready`)."""
    return object_cache_get(
        owner._meta.model_name,
        owner.pk,
        OWNER_SURVEYS_ENTRY,
        lambda: list(surveys_of_owner(owner, manage=False)),
        OWNER_SURVEYS_SECONDS,
    )


def surveys_of_owner_forget(survey: Survey) -> None:
    """Drop what the survey's programme or network keeps of its surveys; called whenever a
    survey is saved or deleted (`SurveysConfig.ready`) and when it opens or closes."""
    if survey.program_id:
        object_cache_clear("program", survey.program_id)
    if survey.network_id:
        object_cache_clear("network", survey.network_id)


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


def invitation_candidates(survey: Survey):
    """Who may be invited: the programme's enrolled participants or the network's members
    (those holding the member role on the owner), active, by name."""
    from glasnik.access.models import Role
    from glasnik.access.selectors import role_holders

    return (
        role_holders(Role.MEMBER, survey.owner)
        .filter(is_active=True)
        .order_by("last_name", "first_name", "email")
    )


def survey_invitations(survey: Survey) -> list:
    """The survey's invitations with their person and whether they have answered (from the
    receipts, in one query)."""
    from django.db.models import Exists, OuterRef

    from .models import SurveyInvitation

    answered = SurveyReceipt.objects.filter(
        survey=OuterRef("survey"), person=OuterRef("person"), answered_at__isnull=False
    )
    return list(
        SurveyInvitation.objects.filter(survey=survey)
        .select_related("person")
        .annotate(answered=Exists(answered))
        .order_by("person__last_name", "person__first_name", "pk")
    )


def invitation_of_token(token: str):
    from .models import SurveyInvitation

    return (
        SurveyInvitation.objects.select_related("survey__program", "survey__network", "person")
        .filter(token=token, person__is_active=True)
        .first()
    )


def open_surveys_for(user, owner) -> list[Survey]:
    """The owner's surveys `user` may answer now and has not answered, for links on its
    page."""
    if not user.is_authenticated:
        return []
    surveys = [
        survey
        for survey in surveys_of_owner_kept(owner)
        if survey_state(survey) == "open" and user.has_perm("surveys.answer_survey", survey)
    ]
    if not surveys:
        return []
    done = set(
        SurveyReceipt.objects.filter(
            survey__in=surveys, person=user, answered_at__isnull=False
        ).values_list("survey_id", flat=True)
    )
    return [survey for survey in surveys if survey.pk not in done]
