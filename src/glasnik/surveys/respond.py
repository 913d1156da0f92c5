"""The respondent's page, as the respondent sees it: a section's shown questions with their texts
in the reader's language, what was typed or kept, and the errors beside each."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .answers import NPS_MAX, SurveyPlan, scale_length, visible_answers
from .models import QuestionType, Section
from .texts import Written, scale_labels_for_reader, text_for_reader


@dataclass
class QuestionView:
    question: object
    text: Written
    help: Written
    name: str
    errors: list[str] = field(default_factory=list)
    value: str = ""
    values: list[str] = field(default_factory=list)
    other: str = ""
    choices: list[dict] = field(default_factory=list)
    points: list[dict] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    file_name: str = ""

    @property
    def type(self) -> str:
        return self.question.type


def _typed(question, data) -> dict:
    """The respondent's raw input for `question` from the submitted form."""
    prefix = f"q{question.pk}"
    return {
        "value": data.get(prefix, ""),
        "values": data.getlist(prefix),
        "other": data.get(f"{prefix}_other", ""),
        "rows": {key: data.get(key, "") for key in data if key.startswith(f"{prefix}_")},
    }


def _kept(question, value) -> dict:
    """A kept (cleaned) value in the shape of raw input."""
    prefix = f"q{question.pk}"
    typed = {"value": "", "values": [], "other": "", "rows": {}}
    if value is None:
        return typed
    kind = question.type
    if kind == QuestionType.MULTIPLE:
        typed["values"] = [str(pk) for pk in value.get("choices", [])]
        if value.get("other"):
            typed["values"].append("other")
            typed["other"] = value["other"]
    elif kind == QuestionType.LIKERT:
        typed["rows"] = {f"{prefix}_r{pk}": str(point) for pk, point in value.items()}
    elif kind == QuestionType.RANKING:
        typed["rows"] = {f"{prefix}_c{pk}": str(rank) for rank, pk in enumerate(value, 1)}
    elif kind != QuestionType.FILE:
        typed["value"] = str(value)
    return typed


def question_view(plan: SurveyPlan, question, *, typed=None, kept=None, errors=()) -> QuestionView:
    language = plan.survey.language
    raw = _typed(question, typed) if typed is not None else _kept(question, kept)
    view = QuestionView(
        question=question,
        text=text_for_reader(question.text, language),
        help=text_for_reader(question.help, language),
        name=f"q{question.pk}",
        errors=list(errors),
        value=raw["value"],
        values=raw["values"],
        other=raw["other"],
    )
    if question.type == QuestionType.FILE and isinstance(kept, dict):
        view.file_name = kept.get("filename", "")
    count = len(question.choice_list)
    for choice in question.choice_list:
        rank_key, row_key = f"{view.name}_c{choice.pk}", f"{view.name}_r{choice.pk}"
        view.choices.append(
            {
                "pk": choice.pk,
                "label": text_for_reader(choice.label, language),
                "checked": str(choice.pk) in raw["values"] or str(choice.pk) == raw["value"],
                "rank": raw["rows"].get(rank_key, ""),
                "row_value": raw["rows"].get(row_key, ""),
                "rank_options": [str(n) for n in range(1, count + 1)],
            }
        )
    if question.type in (QuestionType.RATING, QuestionType.LIKERT):
        labels = scale_labels_for_reader(question.scale_labels, language)
        view.points = [
            {"value": str(n), "label": labels[n - 1] if n <= len(labels) else None}
            for n in range(1, scale_length(question) + 1)
        ]
    elif question.type == QuestionType.NPS:
        view.points = [{"value": str(n), "label": None} for n in range(NPS_MAX + 1)]
    return view


@dataclass
class RespondPage:
    section: Section
    title: Written
    number: int  # from 1
    count: int
    questions: list[QuestionView]

    @property
    def is_last(self) -> bool:
        return self.number == self.count

    @property
    def percent(self) -> int:
        return round(100 * (self.number - 1) / self.count) if self.count else 0


def respond_page(
    plan: SurveyPlan, answers: dict, index: int, *, typed=None, errors=None
) -> RespondPage | None:
    """The `index`-th (from 0) section the answers so far show, or None past the last."""
    visible = visible_answers(plan, answers)
    if not visible.sections:
        return None
    index = max(0, min(index, len(visible.sections) - 1))
    section = visible.sections[index]
    shown = {q.pk for q in visible.questions}
    errors = errors or {}
    questions = [
        question_view(
            plan,
            question,
            typed=typed,
            kept=answers.get(question.pk),
            errors=errors.get(f"q{question.pk}", ()),
        )
        for question in section.question_list
        if question.pk in shown
    ]
    title = text_for_reader(section.title, plan.survey.language)
    if not title.text:
        title = Written(_("Page %(number)d") % {"number": index + 1}, "")
    return RespondPage(
        section=section,
        title=title,
        number=index + 1,
        count=len(visible.sections),
        questions=questions,
    )
