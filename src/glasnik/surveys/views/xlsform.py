"""XLSForm interop on the organisers' pages: importing a workbook (or one of the shipped
templates) as a new draft survey, and downloading a survey as an XLSForm workbook."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from glasnik.audit.services import log_action
from glasnik.core.languages import language_of
from glasnik.core.uploads import upload_check

from ..access import owner_for_user, survey_for_user
from ..models import SurveyKind
from ..survey_templates import (
    LANGUAGES as TEMPLATE_LANGUAGES,
)
from ..survey_templates import (
    SURVEY_TEMPLATES,
    TEMPLATE_DESCRIPTIONS,
    survey_template_import,
    template_title,
)
from ..xlsform import MAX_UPLOAD_BYTES, XLSFormError, survey_export_xlsform, survey_import_xlsform


class XLSFormUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("XLSForm workbook (.xlsx)"),
        help_text=gettext_lazy(
            "A form from KoboToolbox, ODK or any XLSForm editor; it becomes a new draft survey."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
    # A form from KoboToolbox says nothing of what it is for: the organiser says it here.
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=[
            ("", gettext_lazy("As the form says (a general questionnaire if it does not)")),
            *SurveyKind.choices,
        ],
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        upload_check(upload, extensions=("xlsx",), max_bytes=MAX_UPLOAD_BYTES)
        return upload


def _imported(request, result):
    messages.success(
        request,
        _("The survey has been imported: %(questions)s questions in %(sections)s sections.")
        % {"questions": result.question_count, "sections": result.section_count},
    )
    if result.unsupported:
        messages.warning(
            request,
            _("Not kept from the form: %(items)s.") % {"items": "; ".join(result.unsupported)},
        )
    return redirect("surveys:edit", slug=result.survey.slug)


def _template_title(key: str, owner) -> tuple[str, str]:
    language = language_of(owner)
    language = language if language in TEMPLATE_LANGUAGES else "sr"
    return template_title(key, language), language


@login_required
def survey_import(request, owner_kind: str, owner_slug: str):
    owner = owner_for_user(request.user, owner_kind, owner_slug, manage=True)
    form = XLSFormUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = survey_import_xlsform(
                owner=owner,
                actor=request.user,
                file=upload,
                filename=upload.name,
                kind=form.cleaned_data["kind"] or None,
            )
        except XLSFormError as error:
            form.add_error("file", [ValidationError(message) for message in error.messages])
        else:
            return _imported(request, result)
    context = {
        "owner": owner,
        "owner_kind": owner_kind,
        "form": form,
        "templates": [
            (key, TEMPLATE_DESCRIPTIONS[key], *_template_title(key, owner))
            for key in SURVEY_TEMPLATES
        ],
    }
    status = 400 if form.errors else 200
    return render(request, "surveys/survey_import.html", context, status=status)


@login_required
@require_POST
def survey_from_template(request, owner_kind: str, owner_slug: str, template: str):
    owner = owner_for_user(request.user, owner_kind, owner_slug, manage=True)
    if template not in SURVEY_TEMPLATES:
        raise Http404
    return _imported(request, survey_template_import(template, owner=owner, actor=request.user))


@login_required
def survey_xlsform_download(request, slug: str):
    survey = survey_for_user(request.user, slug, permission="surveys.view_results")
    content = survey_export_xlsform(survey)
    log_action(
        "surveys.survey.exported_xlsform", actor=request.user, target=survey, scope=survey.owner
    )
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{survey.slug}.xlsx"'
    return response
