"""Access helpers: fetch and authorise in one step; 404 for missing and forbidden alike."""

from django.http import Http404

from glasnik.access.helpers import get_for_user_or_404
from glasnik.networks.access import network_for_user
from glasnik.programs.access import program_for_user

from .models import Condition, Question, Section, Survey

OWNER_KINDS = ("programme", "network")


def survey_for_user(user, slug: str, *, permission: str = "surveys.manage_survey") -> Survey:
    return get_for_user_or_404(
        Survey.objects.select_related("program", "network", "event"),
        user=user,
        permission=permission,
        slug=slug,
    )


def owner_for_user(user, owner_kind: str, owner_slug: str, *, manage: bool = False):
    """The programme or network a survey list belongs to: its organisers, and (unless
    `manage`) those who take part in it."""
    if owner_kind == "programme":
        permission = "programs.manage_program" if manage else "programs.take_part"
        return program_for_user(user, owner_slug, permission=permission)
    if owner_kind == "network":
        permission = "networks.manage_network" if manage else "networks.view_members_area"
        return network_for_user(user, owner_slug, permission=permission)
    raise Http404


def section_of(survey: Survey, pk: int) -> Section:
    try:
        return survey.sections.get(pk=pk)
    except Section.DoesNotExist as error:
        raise Http404 from error


def question_of(survey: Survey, pk: int) -> Question:
    try:
        return Question.objects.select_related("section").get(pk=pk, section__survey=survey)
    except Question.DoesNotExist as error:
        raise Http404 from error


def condition_of(survey: Survey, pk: int) -> Condition:
    condition = (
        Condition.objects.filter(pk=pk).select_related("question__section", "section").first()
    )
    if condition is None:
        raise Http404
    target_survey = (condition.section or condition.question.section).survey_id
    if target_survey != survey.pk:
        raise Http404
    return condition
