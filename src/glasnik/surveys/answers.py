"""Reading a respondent's answers: each question's value from the form as typed, checked for its
type and bounds, and which questions and sections the conditions show.

A cleaned value is what a draft keeps (JSON) and what `response_submit` stores:
single choice: a choice id; multiple choice: {"choices": [ids], "other": "text"}; Likert
matrix: {row id (text): scale point}; rating and net promoter: an integer; number: a decimal
as text; short and long text: text; ranking: choice ids, first the most important; date:
"YYYY-MM-DD"; file: {"name": stored name, "filename": the name it came with}.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from glasnik.core.reader_script import text_in_reader_script

from .models import ConditionLogic, ConditionOperator, Question, QuestionType, Section, Survey
from .texts import reader_content_language

NPS_MAX = 10
DEFAULT_SCALE = 5
SHORT_TEXT_MAX = 300
LONG_TEXT_MAX = 5000


@dataclass
class SurveyPlan:
    """A survey's sections, questions, choices and conditions, read once (`survey_plan`)."""

    survey: Survey
    sections: list[Section]
    # Filled by the selector: section.question_list, question.choice_list,
    # question.condition_list, section.condition_list.
    questions: dict[int, Question] = field(default_factory=dict)

    def __post_init__(self):
        self.questions = {q.pk: q for s in self.sections for q in s.question_list}


def scale_length(question: Question) -> int:
    """The number of points of a rating or Likert scale (1 to this)."""
    if question.max_value is not None:
        return int(question.max_value)
    labels = question.scale_labels or {}
    lengths = [len(value) for value in labels.values() if isinstance(value, list) and value]
    return max(lengths) if lengths else DEFAULT_SCALE


def _choice_ids(question: Question) -> set[int]:
    return {choice.pk for choice in question.choice_list}


def _integer(raw: str, low: int, high: int) -> int:
    try:
        value = int(raw)
    except (TypeError, ValueError) as error:
        raise ValidationError(_("Choose one of the points of the scale.")) from error
    if not low <= value <= high:
        raise ValidationError(_("Choose one of the points of the scale."))
    return value


def _choice(question: Question, raw: str) -> int:
    try:
        value = int(raw)
    except (TypeError, ValueError) as error:
        raise ValidationError(_("Choose one of the options given.")) from error
    if value not in _choice_ids(question):
        raise ValidationError(_("Choose one of the options given."))
    return value


def _number(question: Question, raw: str) -> str:
    try:
        value = Decimal(raw.strip().replace(",", "."))
    except InvalidOperation as error:
        raise ValidationError(_("Enter a number.")) from error
    if not value.is_finite() or abs(value) >= Decimal("1e10"):
        raise ValidationError(_("Enter a number."))
    if question.min_value is not None and value < question.min_value:
        raise _out_of_bounds(
            question, _("Enter a number of at least %(min)s.") % {"min": _plain(question.min_value)}
        )
    if question.max_value is not None and value > question.max_value:
        raise _out_of_bounds(
            question, _("Enter a number of at most %(max)s.") % {"max": _plain(question.max_value)}
        )
    return str(value.quantize(Decimal("0.01")).normalize())


def _out_of_bounds(question: Question, ours: str) -> ValidationError:
    """The form author's message in the reader's language (an imported XLSForm's
    `constraint_message`), else ours, which names the bound."""
    own = (question.bound_message or {}).get(reader_content_language())
    return ValidationError(text_in_reader_script(own, get_language()) if own else ours)


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f")


def _text(raw: str, limit: int) -> str | None:
    text = raw.strip()
    if len(text) > limit:
        raise ValidationError(_("Write at most %(limit)d characters.") % {"limit": limit})
    return text or None


def _multiple(question: Question, data, prefix: str):
    ids = [_choice(question, raw) for raw in data.getlist(prefix) if raw != "other"]
    other = (data.get(f"{prefix}_other") or "").strip() if question.allows_other else ""
    if question.allows_other and "other" in data.getlist(prefix) and not other:
        raise ValidationError(_("Write what the other option is."))
    if len(other) > SHORT_TEXT_MAX:
        raise ValidationError(_("Write at most %(limit)d characters.") % {"limit": SHORT_TEXT_MAX})
    if not ids and not other:
        return None
    return {"choices": sorted(set(ids)), "other": other}


def _likert(question: Question, data, prefix: str):
    points = scale_length(question)
    rows = {}
    for choice in question.choice_list:
        raw = data.get(f"{prefix}_r{choice.pk}")
        if raw:
            rows[str(choice.pk)] = _integer(raw, 1, points)
    if rows and len(rows) < len(question.choice_list) and question.is_required:
        raise ValidationError(_("Answer every row."))
    return rows or None


def _ranking(question: Question, data, prefix: str):
    ranks = {}
    for choice in question.choice_list:
        raw = data.get(f"{prefix}_c{choice.pk}")
        if raw:
            ranks[choice.pk] = _integer(raw, 1, len(question.choice_list))
    if not ranks:
        return None
    if len(ranks) < len(question.choice_list) or len(set(ranks.values())) != len(ranks):
        raise ValidationError(
            _("Give every item a different place, from 1 to %(count)d.")
            % {"count": len(question.choice_list)}
        )
    return [pk for pk, _rank in sorted(ranks.items(), key=lambda item: item[1])]


def _date(raw: str) -> str:
    try:
        return date.fromisoformat(raw.strip()).isoformat()
    except ValueError as error:
        raise ValidationError(_("Enter a date, such as 2026-03-31.")) from error


def answer_clean(question: Question, data, *, kept=None):
    """The question's value from the submitted form `data` (a QueryDict), or None when left
    unanswered; raises ValidationError with a message for the respondent. A file question's
    new upload is stored by the caller; `kept` is the value kept from before (a draft)."""
    prefix = f"q{question.pk}"
    kind = question.type
    if kind == QuestionType.MULTIPLE:
        return _multiple(question, data, prefix)
    if kind == QuestionType.LIKERT:
        return _likert(question, data, prefix)
    if kind == QuestionType.RANKING:
        return _ranking(question, data, prefix)
    if kind == QuestionType.FILE:
        return kept if data.get(f"{prefix}_keep") and kept else None
    raw = data.get(prefix) or ""
    if not raw.strip():
        return None
    if kind == QuestionType.SINGLE:
        return _choice(question, raw)
    if kind == QuestionType.RATING:
        return _integer(raw, 1, scale_length(question))
    if kind == QuestionType.NPS:
        return _integer(raw, 0, NPS_MAX)
    if kind == QuestionType.NUMBER:
        return _number(question, raw)
    if kind == QuestionType.DATE:
        return _date(raw)
    limit = SHORT_TEXT_MAX if kind == QuestionType.SHORT_TEXT else LONG_TEXT_MAX
    return _text(raw, limit)


def value_check(question: Question, value) -> None:
    """Check a stored value again (a draft's, or one given to the service directly)."""
    if value is None:
        return
    kind = question.type
    ids = _choice_ids(question)
    if kind == QuestionType.SINGLE and value not in ids:
        raise ValidationError(_("Choose one of the options given."))
    if kind == QuestionType.MULTIPLE and not set(value.get("choices", [])) <= ids:
        raise ValidationError(_("Choose one of the options given."))
    if kind == QuestionType.MULTIPLE and value.get("other") and not question.allows_other:
        raise ValidationError(_("Choose one of the options given."))
    if kind == QuestionType.LIKERT:
        points = scale_length(question)
        if not {int(k) for k in value} <= ids or any(
            not 1 <= int(p) <= points for p in value.values()
        ):
            raise ValidationError(_("Choose one of the points of the scale."))
    if kind == QuestionType.RANKING and sorted(value) != sorted(ids):
        raise ValidationError(
            _("Give every item a different place, from 1 to %(count)d.") % {"count": len(ids)}
        )
    if kind == QuestionType.RATING and not 1 <= int(value) <= scale_length(question):
        raise ValidationError(_("Choose one of the points of the scale."))
    if kind == QuestionType.NPS and not 0 <= int(value) <= NPS_MAX:
        raise ValidationError(_("Choose one of the points of the scale."))
    if kind == QuestionType.NUMBER:
        _number(question, str(value))


# Conditions


def _as_number(value) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _chosen(value) -> set[int]:
    if isinstance(value, dict):
        return set(value.get("choices", []))
    if isinstance(value, int):
        return {value}
    return set()


def condition_holds(condition, answers: dict) -> bool:
    """Whether the answer to the condition's source question (None when unanswered or hidden)
    matches it."""
    value = answers.get(condition.source_id)
    if value is None:
        return False
    operator, expected = condition.operator, condition.value
    source = condition.source
    if operator == ConditionOperator.GREATER_THAN:
        number, limit = _as_number(value), _as_number(expected)
        return number is not None and limit is not None and number > limit
    if source.type in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        wanted = set(expected) if isinstance(expected, list) else {expected}
        wanted = {int(pk) for pk in wanted}
        return bool(_chosen(value) & wanted)
    if operator == ConditionOperator.ANY_OF:
        return any(_equal(value, item) for item in expected)
    return _equal(value, expected)


def _equal(value, expected) -> bool:
    number, other = _as_number(value), _as_number(expected)
    if number is not None and other is not None:
        return number == other
    return str(value).strip().casefold() == str(expected).strip().casefold()


def conditions_hold(target, answers: dict) -> bool:
    conditions = target.condition_list
    if not conditions:
        return True
    results = (condition_holds(condition, answers) for condition in conditions)
    return any(results) if target.condition_logic == ConditionLogic.ANY else all(results)


@dataclass
class Visible:
    """What the conditions show for some answers: sections and questions in order, and the
    answers of the questions shown (the answers of hidden ones are dropped, so nothing later
    depends on them)."""

    sections: list[Section]
    questions: list[Question]
    answers: dict


def visible_answers(plan: SurveyPlan, answers: dict) -> Visible:
    kept: dict = {}
    sections, questions = [], []
    for section in plan.sections:
        if not conditions_hold(section, kept):
            continue
        sections.append(section)
        for question in section.question_list:
            if not conditions_hold(question, kept):
                continue
            questions.append(question)
            if answers.get(question.pk) is not None:
                kept[question.pk] = answers[question.pk]
    return Visible(sections=sections, questions=questions, answers=kept)
