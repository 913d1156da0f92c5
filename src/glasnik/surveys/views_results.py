"""The results of a survey for its organisers: per question a table of counts and shares (with
bars drawn beside it), means and medians of scales, the net promoter score and the free text;
and the raw responses as CSV, streamed."""

import csv

from django.contrib.auth.decorators import login_required
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from glasnik.audit.services import log_action
from glasnik.core.exports import export_cell

from .access import survey_for_user
from .results import export_headers, export_rows, survey_results
from .selectors import survey_plan, survey_state


@login_required
def survey_results_page(request, slug: str):
    survey = survey_for_user(request.user, slug, permission="surveys.view_results")
    plan = survey_plan(survey)
    total, results = survey_results(plan)
    context = {
        "survey": survey,
        "owner": survey.owner,
        "total": total,
        "results": results,
        "state": survey_state(survey),
    }
    return render(request, "surveys/results.html", context)


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
