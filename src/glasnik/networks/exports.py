"""Statements of a call as a table for CSV and XLSX, safe to open in a spreadsheet."""

import tablib
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .models import Call, QuestionKind
from .selectors.calls import call_statements_for_export

# A cell starting with one of these is read as a formula by spreadsheet programs.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value) -> str:
    """Text a spreadsheet shows as text: a leading apostrophe stops formula injection."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


def _answer_text(question, answer) -> str:
    if answer is None:
        return ""
    if question.kind in (QuestionKind.YES_NO, QuestionKind.CONSENT):
        return {"yes": _("Yes"), "no": _("No")}.get(answer.value, answer.value)
    return answer.value


def statements_dataset(call: Call) -> tablib.Dataset:
    """One row per statement: the person, the institution, the status, then every answer."""
    questions = list(call.questions.all())
    headers = [
        _("First name"),
        _("Last name"),
        _("Email"),
        _("Institution"),
        _("Country"),
        _("Kind of institution"),
        pgettext("job", "Position"),
        _("Status"),
        _("Submitted"),
        *(question.label for question in questions),
    ]
    dataset = tablib.Dataset(headers=[spreadsheet_safe(header) for header in headers])
    dataset.title = _("Statements")
    with timezone.override(call.network.time_zone):
        for statement in call_statements_for_export(call):
            answers = {answer.question_id: answer for answer in statement.answers.all()}
            row = [
                statement.person.first_name,
                statement.person.last_name,
                statement.person.email,
                statement.organization.name,
                statement.organization.get_country_display(),
                statement.organization.get_kind_display(),
                statement.position_title,
                statement.get_status_display(),
                timezone.localtime(statement.submitted_at).strftime("%Y-%m-%d %H:%M"),
                *(_answer_text(question, answers.get(question.pk)) for question in questions),
            ]
            dataset.append([spreadsheet_safe(value) for value in row])
    return dataset
