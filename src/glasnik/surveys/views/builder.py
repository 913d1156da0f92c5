"""The organisers' survey pages: the list of a programme's or network's surveys, creating one,
the builder (each edit an htmx request that redraws the builder, or a plain POST and redirect
without JavaScript), the preview, copying, opening and closing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from glasnik.core.forms import form_add_service_errors

from ..access import condition_of, owner_for_user, question_of, section_of, survey_for_user
from ..forms import ConditionForm, QuestionForm, SectionForm, SurveyForm
from ..models import QuestionType
from ..respond import question_view, respond_page
from ..selectors import question_order, survey_plan, survey_state, surveys_of_owner
from ..services import builder
from ..texts import text_for_reader


def owner_kind_of(owner) -> str:
    from glasnik.programs.models import Program

    return "programme" if isinstance(owner, Program) else "network"


@login_required
def survey_list(request, owner_kind: str, owner_slug: str):
    owner = owner_for_user(request.user, owner_kind, owner_slug)
    manage = request.user.has_perm(
        "programs.manage_program" if owner_kind == "programme" else "networks.manage_network",
        owner,
    )
    surveys = list(surveys_of_owner(owner, manage=manage))
    now = timezone.now()
    rows = [(survey, survey_state(survey, now=now)) for survey in surveys]
    context = {"owner": owner, "owner_kind": owner_kind, "rows": rows, "manage": manage}
    return render(request, "surveys/survey_list.html", context)


@login_required
def survey_create(request, owner_kind: str, owner_slug: str):
    owner = owner_for_user(request.user, owner_kind, owner_slug, manage=True)
    with timezone.override(owner.time_zone):
        form = SurveyForm(
            request.POST or None, initial={"language": owner.content_language}, owner=owner
        )
        if request.method == "POST" and form.is_valid():
            try:
                survey = builder.survey_create(owner=owner, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, _("The survey has been created. Now add its questions."))
                return redirect("surveys:edit", slug=survey.slug)
        context = {"owner": owner, "owner_kind": owner_kind, "form": form, "survey": None}
        return render(request, "surveys/survey_form.html", context)


@login_required
def survey_settings(request, slug: str):
    survey = survey_for_user(request.user, slug)
    owner = survey.owner
    with timezone.override(owner.time_zone):
        form = SurveyForm(
            request.POST or None, instance=type(survey).objects.get(pk=survey.pk), owner=owner
        )
        if request.method == "POST" and form.is_valid():
            try:
                builder.survey_update(survey=survey, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, _("The survey has been saved."))
                return redirect("surveys:edit", slug=survey.slug)
        context = {
            "owner": owner,
            "owner_kind": owner_kind_of(owner),
            "form": form,
            "survey": survey,
        }
        return render(request, "surveys/survey_form.html", context)


def _builder_context(survey, *, forms: dict | None = None, error: str = "") -> dict:
    plan = survey_plan(survey)
    language = survey.language
    forms = forms or {}
    earlier: list = []
    sections = []
    for section in plan.sections:
        questions = []
        for question in section.question_list:
            questions.append(
                {
                    "question": question,
                    "text": text_for_reader(question.text, language, language),
                    "choices": [
                        text_for_reader(choice.label, language, language)
                        for choice in question.choice_list
                    ],
                    "conditions": [
                        _condition_text(condition, plan, language)
                        for condition in question.condition_list
                    ],
                    "condition_form": forms.get(("condition", question.pk))
                    or (
                        ConditionForm(earlier=list(earlier), language=language) if earlier else None
                    ),
                    "edit_form": forms.get(("edit", question.pk)),
                }
            )
            earlier.append(question)
        section_earlier = [q for q in earlier if q.section_id != section.pk]
        sections.append(
            {
                "section": section,
                "title": text_for_reader(section.title, language, language),
                "questions": questions,
                "conditions": [
                    _condition_text(condition, plan, language)
                    for condition in section.condition_list
                ],
                "condition_form": forms.get(("section_condition", section.pk))
                or (
                    ConditionForm(earlier=section_earlier, language=language)
                    if section_earlier
                    else None
                ),
                "add_form": forms.get(("add", section.pk))
                or QuestionForm(survey=survey, prefix=f"add{section.pk}"),
            }
        )
    return {
        "survey": survey,
        "owner": survey.owner,
        "owner_kind": owner_kind_of(survey.owner),
        "sections": sections,
        "section_form": forms.get("section") or SectionForm(),
        "has_responses": survey.responses.exists(),
        "builder_error": error,
        "question_count": sum(len(s.question_list) for s in plan.sections),
    }


def _condition_text(condition, plan, language: str) -> dict:
    source = plan.questions.get(condition.source_id, condition.source)
    value = condition.value
    if source.type in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        labels = {c.pk: text_for_reader(c.label, language).text for c in source.choice_list}
        ids = value if isinstance(value, list) else [value]
        value = ", ".join(labels.get(int(pk), "?") for pk in ids)
    elif isinstance(value, list):
        value = ", ".join(value)
    return {
        "condition": condition,
        "source": text_for_reader(source.text, language).text,
        "operator": condition.get_operator_display(),
        "value": value,
    }


def _builder(request, survey, *, forms=None, error: str = "", status: int = 200):
    """The builder: the whole page, or only its editable part for htmx."""
    context = _builder_context(survey, forms=forms, error=error)
    template = "surveys/edit.html#builder" if request.htmx else "surveys/edit.html"
    return render(request, template, context, status=status)


def _done(request, survey, message: str, anchor: str = ""):
    if request.htmx:
        return _builder(request, survey)
    messages.success(request, message)
    return redirect(reverse("surveys:edit", kwargs={"slug": survey.slug}) + anchor)


def _refused(request, survey, error: ValidationError, forms=None):
    message = " ".join(error.messages)
    if request.htmx or forms:
        return _builder(request, survey, forms=forms, error=message if not forms else "")
    messages.error(request, message)
    return redirect("surveys:edit", slug=survey.slug)


@login_required
def survey_edit(request, slug: str):
    survey = survey_for_user(request.user, slug)
    return _builder(request, survey)


@login_required
@require_POST
def section_add(request, slug: str):
    survey = survey_for_user(request.user, slug)
    form = SectionForm(request.POST)
    if not form.is_valid():
        return _builder(request, survey, forms={"section": form})
    builder.section_add(
        survey=survey, actor=request.user, title={survey.language: form.cleaned_data["title"]}
    )
    return _done(request, survey, _("The section has been added."))


@login_required
@require_POST
def section_delete(request, slug: str, pk: int):
    survey = survey_for_user(request.user, slug)
    section = section_of(survey, pk)
    section.survey = survey
    try:
        builder.section_delete(section=section, actor=request.user)
    except ValidationError as error:
        return _refused(request, survey, error)
    return _done(request, survey, _("The section has been removed."))


@login_required
@require_POST
def question_add(request, slug: str, section_pk: int):
    survey = survey_for_user(request.user, slug)
    section = section_of(survey, section_pk)
    section.survey = survey
    form = QuestionForm(request.POST, survey=survey, prefix=f"add{section.pk}")
    if form.is_valid():
        try:
            question = builder.question_add(
                section=section, actor=request.user, **form.service_arguments()
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return _done(
                request, survey, _("The question has been added."), f"#question-{question.pk}"
            )
    return _builder(request, survey, forms={("add", section.pk): form})


@login_required
def question_edit(request, slug: str, pk: int):
    survey = survey_for_user(request.user, slug)
    question = question_of(survey, pk)
    question.section.survey = survey
    form = QuestionForm(request.POST or None, survey=survey, question=question)
    if request.method == "POST" and form.is_valid():
        try:
            builder.question_update(
                question=question, actor=request.user, **form.service_arguments()
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return _done(request, survey, _("The question has been saved."), f"#question-{pk}")
    if request.htmx and request.method == "POST":
        return _builder(request, survey, forms={("edit", pk): form})
    context = {"survey": survey, "question": question, "form": form}
    template = "surveys/question_form.html#form" if request.htmx else "surveys/question_form.html"
    return render(request, template, context)


@login_required
@require_POST
def question_move(request, slug: str, pk: int):
    survey = survey_for_user(request.user, slug)
    question = question_of(survey, pk)
    question.section.survey = survey
    offset = -1 if request.POST.get("direction") == "up" else 1
    try:
        builder.question_move(question=question, actor=request.user, offset=offset)
    except ValidationError as error:
        return _refused(request, survey, error)
    return _done(request, survey, _("The question has been moved."), f"#question-{pk}")


@login_required
@require_POST
def question_delete(request, slug: str, pk: int):
    survey = survey_for_user(request.user, slug)
    question = question_of(survey, pk)
    question.section.survey = survey
    try:
        builder.question_delete(question=question, actor=request.user)
    except ValidationError as error:
        return _refused(request, survey, error)
    return _done(request, survey, _("The question has been removed."))


@login_required
@require_POST
def condition_add(request, slug: str, target: str, pk: int):
    survey = survey_for_user(request.user, slug)
    if target not in ("question", "section"):
        raise Http404
    plan = survey_plan(survey)
    if target == "question":
        question = question_of(survey, pk)
        order = question_order(plan)
        index = [q.pk for q in order].index(question.pk)
        earlier, kwargs, key = order[:index], {"question": question}, ("condition", pk)
    else:
        section = section_of(survey, pk)
        earlier = [q for q in question_order(plan) if q.section.position < section.position]
        kwargs, key = {"section": section}, ("section_condition", pk)
    form = ConditionForm(request.POST, earlier=earlier, language=survey.language)
    if form.is_valid():
        try:
            builder.condition_add(
                actor=request.user,
                source=plan.questions[form.cleaned_data["source"]],
                operator=form.cleaned_data["operator"],
                value=form.condition_value(),
                **kwargs,
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            return _done(request, survey, _("The condition has been added."))
    return _builder(request, survey, forms={key: form})


@login_required
@require_POST
def condition_delete(request, slug: str, pk: int):
    survey = survey_for_user(request.user, slug)
    condition = condition_of(survey, pk)
    condition.source.section.survey = survey
    builder.condition_delete(condition=condition, actor=request.user)
    return _done(request, survey, _("The condition has been removed."))


@login_required
@require_POST
def survey_status(request, slug: str):
    survey = survey_for_user(request.user, slug)
    try:
        if request.POST.get("action") == "open":
            builder.survey_open(survey=survey, actor=request.user)
            messages.success(request, _("The survey is open: participants can answer it."))
        else:
            builder.survey_close(survey=survey, actor=request.user)
            messages.success(request, _("The survey is closed: nobody can answer it any more."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("surveys:edit", slug=survey.slug)


@login_required
@require_POST
def survey_copy(request, slug: str):
    survey = survey_for_user(request.user, slug)
    copy = builder.survey_copy(survey=survey, actor=request.user)
    messages.success(request, _("This is a copy, as a draft: change what you need and open it."))
    return redirect("surveys:edit", slug=copy.slug)


@login_required
def survey_preview(request, slug: str):
    """The survey as a respondent sees it, every section one after another, whatever the
    conditions (each conditional question says so)."""
    survey = survey_for_user(request.user, slug)
    plan = survey_plan(survey)
    pages = [
        {
            "title": text_for_reader(section.title, survey.language),
            "questions": [question_view(plan, question) for question in section.question_list],
            "conditional": bool(section.condition_list),
        }
        for section in plan.sections
    ]
    context = {"survey": survey, "pages": pages, "first": respond_page(plan, {}, 0)}
    return render(request, "surveys/preview.html", context)
