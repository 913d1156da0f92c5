"""Answering a survey: one section per page, the conditions worked out on the server (with htmx
the page redraws as answers change, so questions appear and disappear as the respondent goes),
what was typed kept in a draft to resume later, and the response sent at the end."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..access import survey_for_user
from ..answers import answer_clean, visible_answers
from ..models import QuestionType
from ..respond import respond_page
from ..selectors import (
    draft_answers,
    invitation_of_token,
    survey_answered_by,
    survey_draft_of,
    survey_plan,
    survey_state,
)
from ..services.responses import (
    SurveyAlreadyAnsweredError,
    answer_file_store,
    draft_save,
    response_submit,
)


def _page_answers(page, plan, data, files, answers: dict) -> tuple[dict, dict]:
    """The page's answers cleaned into `answers` (a copy), and the errors by field."""
    answers = dict(answers)
    errors = {}
    shown = {int(pk) for pk in data.getlist("shown") if pk.isdigit()}
    for question in page.section.question_list:
        if question.pk not in shown:
            continue
        try:
            value = answer_clean(question, data, kept=answers.get(question.pk))
            upload = files.get(f"q{question.pk}")
            if question.type == QuestionType.FILE and upload is not None:
                value = answer_file_store(upload=upload)
        except ValidationError as error:
            errors[f"q{question.pk}"] = error.messages
            continue
        if value is None:
            answers.pop(question.pk, None)
        else:
            answers[question.pk] = value
    return answers, errors


def _required_missing(page_questions, answers: dict) -> dict:
    return {
        f"q{view.question.pk}": [_("Answer this question.")]
        for view in page_questions
        if view.question.is_required and answers.get(view.question.pk) is None
    }


@dataclass(frozen=True)
class Respondent:
    """Who answers, and where their pages are: a signed-in participant or member at the
    survey's address, or an invitee at their invitation's."""

    person: object
    url: str
    invited: bool = False


def _render(request, survey, context: dict, *, status: int = 200):
    template = "surveys/respond.html#page" if request.htmx else "surveys/respond.html"
    context = {"survey": survey, "respond_url": request.respondent.url, **context}
    context["invited"] = request.respondent.invited
    return render(request, template, context, status=status)


@login_required
def survey_respond(request, slug: str):
    survey = survey_for_user(request.user, slug, permission="surveys.answer_survey")
    url = reverse("surveys:respond", kwargs={"slug": survey.slug})
    return _respond(request, survey, Respondent(person=request.user, url=url))


def survey_invited(request, token: str):
    """A personal invitation's link: answers once, without signing in, with save and resume."""
    invitation = invitation_of_token(token)
    if invitation is None or invitation.survey.status == "draft":
        raise Http404
    url = reverse("surveys:invited", kwargs={"token": token})
    respondent = Respondent(person=invitation.person, url=url, invited=True)
    return _respond(request, invitation.survey, respondent)


def _respond(request, survey, respondent: Respondent):
    request.respondent = respondent
    person = respondent.person
    state = survey_state(survey)
    if survey_answered_by(survey, person):
        return _render(request, survey, {"answered": True})
    if state != "open":
        return _render(request, survey, {"state": state})
    plan = survey_plan(survey)
    draft = survey_draft_of(survey, person)
    answers = draft_answers(draft)
    index = draft.page if draft else 0
    if request.method != "POST":
        return _render(request, survey, {"page": respond_page(plan, answers, index)})
    try:
        index = int(request.POST.get("page_index", index))
    except ValueError:
        index = 0
    page = respond_page(plan, answers, index)
    action = request.POST.get("action", "next")
    files = request.FILES if action != "refresh" else {}
    answers, errors = _page_answers(page, plan, request.POST, files, answers)
    after = respond_page(plan, answers, index)
    if action == "refresh":  # htmx: redraw the page as the answers so far show it
        return _render(
            request, survey, {"page": respond_page(plan, answers, index, typed=request.POST)}
        )
    if action == "back":
        draft_save(
            survey=survey,
            person=person,
            answers=answers,
            page=max(0, index - 1),
            invited=respondent.invited,
        )
        return redirect(respondent.url)
    # Only the questions the answers show count (a hidden one's problem is no problem).
    errors = {
        key: value for key, value in errors.items() if key in {v.name for v in after.questions}
    }
    # Questions the answers bring that the respondent has not seen yet: asked on this page.
    # Saving to finish later keeps what is there: a required answer may still be missing.
    seen = {int(pk) for pk in request.POST.getlist("shown") if pk.isdigit()}
    appeared = set()
    if action != "save":
        appeared = {view.question.pk for view in after.questions} - seen
        errors |= {
            key: value
            for key, value in _required_missing(after.questions, answers).items()
            if key not in errors
        }
    if errors or appeared:
        if not errors:
            messages.info(request, _("Your answers bring further questions on this page."))
        context = {"page": respond_page(plan, answers, index, typed=request.POST, errors=errors)}
        context["has_errors"] = bool(errors)
        return _render(request, survey, context)
    invited = respondent.invited
    if action == "save":
        draft_save(survey=survey, person=person, answers=answers, page=index, invited=invited)
        if invited:
            messages.success(
                request,
                _(
                    "Your answers are saved. Open the link in your invitation to finish at "
                    "any time."
                ),
            )
        else:
            messages.success(request, _("Your answers are saved. Come back to finish at any time."))
        return redirect(respondent.url)
    if not after.is_last:
        draft_save(survey=survey, person=person, answers=answers, page=index + 1, invited=invited)
        return redirect(respondent.url)
    return _send(request, survey, plan, answers, index)


def _send(request, survey, plan, answers: dict, index: int):
    respondent = request.respondent
    draft_save(
        survey=survey,
        person=respondent.person,
        answers=answers,
        page=index,
        invited=respondent.invited,
    )
    try:
        response_submit(
            survey=survey,
            person=respondent.person,
            answers=answers,
            language=get_language(),
            invited=respondent.invited,
        )
    except SurveyAlreadyAnsweredError:
        return _render(request, survey, {"answered": True})
    except ValidationError as error:
        errors = error.message_dict if hasattr(error, "error_dict") else {}
        if not errors:
            messages.error(request, " ".join(error.messages))
            return redirect(respondent.url)
        # Back to the first page with a problem, with the problem beside its question.
        visible = visible_answers(plan, answers)
        first = next(
            i
            for i, section in enumerate(visible.sections)
            if any(f"q{q.pk}" in errors for q in section.question_list)
        )
        page = respond_page(plan, answers, first, errors=errors)
        return _render(request, survey, {"page": page, "has_errors": True})
    messages.success(request, _("Thank you! Your answers have been sent."))
    return redirect(respondent.url)
