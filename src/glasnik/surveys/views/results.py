"""The results of a survey for its organisers: per question a table of counts and shares (with
bars drawn beside it), means and medians of scales, the net promoter score and the first free
texts; filters, a cross-tab, every free text of a question searched and paged; the raw
responses as CSV and XLSX, the report as PDF; and a needs survey's topics ranked by demand,
each turned into the programme's or network's topics with one action."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from glasnik.audit.services import log_action
from glasnik.certificates.pdf import PdfUnavailableError
from glasnik.core.exports import export_cell

from ..access import question_of, survey_for_user
from ..breakdown import (
    ANONYMITY_THRESHOLD,
    TEXT_PAGE_SIZE,
    crosstab,
    dimension_labels,
    filtered_responses,
    filters_from,
    grouping_questions,
    person_dimensions,
    region_options,
    text_answers,
    text_previews,
)
from ..models import QuestionType
from ..needs import needs_groups, needs_questions, needs_ranking
from ..report_files import report_pdf, responses_xlsx
from ..results import export_headers, export_rows, survey_results
from ..selectors import question_order, survey_plan, survey_state
from ..services.topics import owner_topics, survey_topic_adopt
from ..texts import text_for_reader

TEXT_TYPES = (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT, QuestionType.MULTIPLE)


def _results_context(request, survey) -> dict:
    """What the results page and its PDF show, with the request's filters and cross-tab."""
    plan = survey_plan(survey)
    filters = filters_from(request.GET, plan)
    responses = filtered_responses(survey, filters)
    total, results = survey_results(plan, responses if filters.active else None)
    # An anonymous survey narrowed to a handful of responses could point at a person.
    too_few = survey.is_anonymous and filters.active and total < ANONYMITY_THRESHOLD
    if too_few:
        results = []
    else:
        previews = text_previews(plan, responses if filters.active else None)
        for result in results:
            preview = previews.get(result.question.pk, {})
            result.texts = preview.get("texts", [])
            result.text_count = preview.get("count", 0)
    choice_questions = grouping_questions(plan)
    language = survey.language
    dimensions = person_dimensions(survey)
    table = None
    question_id, by = request.GET.get("question", ""), request.GET.get("by", "")
    if question_id.isdigit() and by and not too_few:
        question = next((q for q in choice_questions if q.pk == int(question_id)), None)
        if question is not None:
            table = crosstab(plan, question=question, by=by, responses=responses)
    return {
        "survey": survey,
        "owner": survey.owner,
        "total": total,
        "results": results,
        "state": survey_state(survey),
        "filters": filters,
        "filter_query": urlencode(filters.query()),
        "too_few": too_few,
        "threshold": ANONYMITY_THRESHOLD,
        "choice_questions": [
            {
                "pk": q.pk,
                "value": str(q.pk),
                "by": f"q{q.pk}",
                "text": text_for_reader(q.text, language),
                "choices": [(c.pk, text_for_reader(c.label, language)) for c in q.choice_list],
                "selected": filters.choices.get(q.pk),
            }
            for q in choice_questions
        ],
        "person_filters": [
            {
                "name": name,
                "label": label,
                "options": sorted(dimension_labels(name).items())
                if name != "region"
                else [(region, region) for region in region_options(survey)],
                "selected": filters.person.get(name, ""),
            }
            for name, label in dimensions.items()
        ],
        "dimensions": dimensions,
        "crosstab": table,
        "crosstab_question": question_id,
        "crosstab_by": by,
        "has_needs": bool(needs_questions(plan)),
    }


@login_required
def survey_results_page(request, slug: str):
    survey = survey_for_user(request.user, slug, permission="surveys.view_results")
    return render(request, "surveys/results.html", _results_context(request, survey))


@login_required
def survey_texts(request, slug: str, pk: int):
    """Every written answer to one question (the "other" texts of a multiple choice), searched
    and paged, with the results page's filters."""
    survey = survey_for_user(request.user, slug, permission="surveys.view_results")
    question = question_of(survey, pk)
    if question.type not in TEXT_TYPES:
        raise Http404
    plan = survey_plan(survey)
    filters = filters_from(request.GET, plan)
    responses = filtered_responses(survey, filters)
    too_few = survey.is_anonymous and filters.active and responses.count() < ANONYMITY_THRESHOLD
    search = request.GET.get("search", "").strip()[:100]
    texts = text_answers(question, responses=responses, search=search)
    page = Paginator(texts.none() if too_few else texts, TEXT_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = {**filters.query(), **({"search": search} if search else {})}
    context = {
        "survey": survey,
        "question": question,
        "text": text_for_reader(question.text, survey.language),
        "page": page,
        "search": search,
        "query": urlencode(query),
        "filter_query": urlencode(filters.query()),
        "filters": filters,
        "too_few": too_few,
        "threshold": ANONYMITY_THRESHOLD,
    }
    return render(request, "surveys/texts.html", context)


class _Echo:
    def write(self, value: str) -> str:
        return value


@login_required
def survey_export(request, slug: str):
    """Every response as a CSV row (UTF-8 with BOM, so spreadsheets read Č and Ђ), in the
    reader's script and never as a formula; names only when the survey is not anonymous."""
    survey = survey_for_user(request.user, slug, permission="surveys.view_results")
    plan = survey_plan(survey)
    named = not survey.is_anonymous
    language = get_language()
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow(
            [export_cell(cell, language=language) for cell in export_headers(plan, named=named)]
        )
        for row in export_rows(plan, named=named):
            yield writer.writerow([export_cell(cell, language=language) for cell in row])

    log_action("surveys.responses.exported", actor=request.user, target=survey, scope=survey.owner)
    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{survey.slug}.csv"'
    return response


@login_required
def survey_export_xlsx(request, slug: str):
    """Every response as an XLSX row, as the CSV export has them."""
    survey = survey_for_user(request.user, slug, permission="surveys.view_results")
    plan = survey_plan(survey)
    file = responses_xlsx(plan, named=not survey.is_anonymous, language=get_language())
    log_action(
        "surveys.responses.exported",
        actor=request.user,
        target=survey,
        scope=survey.owner,
        data={"format": "xlsx"},
    )
    return FileResponse(
        file,
        as_attachment=True,
        filename=f"{survey.slug}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@login_required
def survey_report_pdf(request, slug: str):
    """The results page (with its filters and cross-tab) as a PDF."""
    survey = survey_for_user(request.user, slug, permission="surveys.view_results")
    context = _results_context(request, survey)
    try:
        pdf = report_pdf(context, language=get_language())
    except PdfUnavailableError:
        messages.error(
            request,
            _(
                "The report cannot be made into a PDF file on this server at the moment: a "
                "system library is missing (Pango). Please ask the site's administrator to "
                "install it."
            ),
        )
        return redirect("surveys:results", slug=survey.slug)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{survey.slug}.pdf"'
    return response


@login_required
def survey_needs(request, slug: str):
    """A needs survey's topics by demand, split by experience or by a single-choice question,
    each with its action; the organiser may leave out questions that ask no needs."""
    survey = survey_for_user(request.user, slug, permission="surveys.view_results")
    plan = survey_plan(survey)
    candidates = needs_questions(plan)
    if not candidates:
        raise Http404
    chosen = {int(pk) for pk in request.GET.getlist("questions") if pk.isdigit()}
    questions = [q for q in candidates if q.pk in chosen] or candidates
    singles = [q for q in question_order(plan) if q.type == QuestionType.SINGLE]
    split = request.GET.get("split", "")
    split_by = next((q for q in singles if str(q.pk) == split), None)
    topics = needs_ranking(plan, taken=owner_topics(survey), questions=questions, split_by=split_by)
    if survey.program_id is not None:
        topics_url = reverse("programs:detail", kwargs={"slug": survey.program.slug})
    else:
        topics_url = reverse("networks:detail", kwargs={"network_slug": survey.network.slug})
    language = survey.language
    context = {
        "survey": survey,
        "owner": survey.owner,
        "topics": topics,
        "columns": needs_groups(plan, split_by),
        "split_by": split_by,
        "candidates": [
            (q.pk, text_for_reader(q.text, language), q in questions) for q in candidates
        ],
        "singles": [(str(q.pk), text_for_reader(q.text, language)) for q in singles],
        "split": split if split_by else "",
        "threshold": ANONYMITY_THRESHOLD,
        "topics_url": topics_url,
    }
    return render(request, "surveys/needs.html", context)


@login_required
@require_POST
def survey_topic_add(request, slug: str, pk: int):
    """Turn one need (a choice of a needs question) into a topic of the programme or network."""
    survey = survey_for_user(request.user, slug, permission="surveys.manage_survey")
    plan = survey_plan(survey)
    choice = next((c for q in needs_questions(plan) for c in q.choice_list if c.pk == pk), None)
    if choice is None:
        raise Http404
    label = text_for_reader(choice.label, survey.language).text
    if survey_topic_adopt(survey=survey, choice=choice, actor=request.user):
        messages.success(request, _("“%(topic)s” is now one of the topics.") % {"topic": label})
    else:
        messages.info(request, _("“%(topic)s” is one of the topics already.") % {"topic": label})
    return redirect(reverse("surveys:needs", kwargs={"slug": survey.slug}) + f"#topic-{pk}")
