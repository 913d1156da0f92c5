"""Building a survey: its settings, sections, questions, choices and conditions, copying it,
opening and closing it. Each decision is written to the audit log, seen by the organisers of the
survey's programme or network.

Once a survey has responses its questions keep their type and choices (the answers point to
them): wording may change, structure may not — copy the survey for a new round instead."""

import secrets
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from glasnik.audit.services import log_action
from glasnik.core.transliteration.alphabet import to_latin

from ..models import (
    CHOICE_TYPES,
    Choice,
    Condition,
    ConditionOperator,
    Question,
    QuestionType,
    Section,
    Survey,
    SurveyStatus,
)
from ..selectors import surveys_of_owner_forget

QUESTION_FIELDS = (
    "text",
    "help",
    "is_required",
    "allows_other",
    "min_value",
    "max_value",
    "scale_labels",
    "correct_answer",
    "points",
    "condition_logic",
)


def _check_manager(survey: Survey, actor) -> None:
    if actor is not None and not actor.has_perm("surveys.manage_survey", survey):
        raise PermissionDenied


def _log(action: str, *, survey: Survey, actor, data: dict | None = None) -> None:
    log_action(f"surveys.{action}", actor=actor, target=survey, scope=survey.owner, data=data)


def survey_slug(title: str) -> str:
    """A new survey's address: its title in ASCII and a random tail (titles repeat, as the
    same questionnaire runs every year)."""
    base = slugify(to_latin(title))[:80].strip("-") or "anketa"
    return f"{base}-{secrets.token_hex(3)}"


def _dates_check(opens_at, closes_at) -> None:
    if opens_at and closes_at and closes_at <= opens_at:
        raise ValidationError({"closes_at": _("The survey must close after it opens.")})


def _event_check(owner, event) -> None:
    """An attached event must be the owner's own."""
    from glasnik.programs.models import Program

    if event is None:
        return
    is_program = isinstance(owner, Program)
    owner_id = event.program_id if is_program else event.network_id
    if owner_id != owner.pk:
        raise ValidationError({"event": _("Choose one of this programme's or network's events.")})


@transaction.atomic
def survey_create(
    *,
    owner,
    actor,
    kind: str,
    title: str,
    language: str,
    intro: str = "",
    is_anonymous: bool = False,
    event=None,
    opens_at=None,
    closes_at=None,
) -> Survey:
    """A draft survey of a programme or network, with a first, empty section."""
    from glasnik.programs.models import Program

    is_program = isinstance(owner, Program)
    permission = "programs.manage_program" if is_program else "networks.manage_network"
    if actor is not None and not actor.has_perm(permission, owner):
        raise PermissionDenied
    _event_check(owner, event)
    _dates_check(opens_at, closes_at)
    survey = Survey.objects.create(
        program=owner if is_program else None,
        network=None if is_program else owner,
        event=event,
        slug=survey_slug(title),
        kind=kind,
        title=title.strip(),
        language=language,
        intro=intro.strip(),
        is_anonymous=is_anonymous,
        opens_at=opens_at,
        closes_at=closes_at,
    )
    Section.objects.create(survey=survey, position=0, title={})
    _log("survey.created", survey=survey, actor=actor, data={"kind": kind})
    return survey


@transaction.atomic
def survey_update(*, survey: Survey, actor, **changes) -> Survey:
    """Change a survey's settings (title, introduction, kind, language, dates; anonymity only
    while nobody has answered)."""
    _check_manager(survey, actor)
    allowed = {
        "kind",
        "title",
        "intro",
        "language",
        "is_anonymous",
        "event",
        "opens_at",
        "closes_at",
    }
    changes = {name: value for name, value in changes.items() if name in allowed}
    if "event" in changes:
        _event_check(survey.owner, changes["event"])
    if (
        "is_anonymous" in changes
        and changes["is_anonymous"] != survey.is_anonymous
        and survey.responses.exists()
    ):
        raise ValidationError(
            {"is_anonymous": _("People have answered already: anonymity cannot change now.")}
        )
    if (
        changes.get("is_anonymous")
        and not survey.is_anonymous
        and (survey.pre_test_id or Survey.objects.filter(pre_test=survey).exists())
    ):
        raise ValidationError(
            {"is_anonymous": _("A paired knowledge test must record who answered.")}
        )
    _dates_check(
        changes.get("opens_at", survey.opens_at), changes.get("closes_at", survey.closes_at)
    )
    for name, value in changes.items():
        setattr(survey, name, value.strip() if isinstance(value, str) else value)
    survey.save(update_fields=[*changes, "updated_at"])
    _log("survey.updated", survey=survey, actor=actor, data={"fields": sorted(changes)})
    return survey


def _next_position(queryset) -> int:
    last = queryset.aggregate(last=Max("position"))["last"]
    return 0 if last is None else last + 1


@transaction.atomic
def section_add(*, survey: Survey, actor, title: dict) -> Section:
    _check_manager(survey, actor)
    section = Section.objects.create(
        survey=survey, position=_next_position(survey.sections.all()), title=_texts(title)
    )
    _log("section.added", survey=survey, actor=actor, data={"section": section.pk})
    return section


@transaction.atomic
def section_update(*, section: Section, actor, title: dict, condition_logic: str) -> Section:
    _check_manager(section.survey, actor)
    section.title = _texts(title)
    section.condition_logic = condition_logic
    section.save(update_fields=["title", "condition_logic"])
    _log("section.updated", survey=section.survey, actor=actor, data={"section": section.pk})
    return section


@transaction.atomic
def section_delete(*, section: Section, actor) -> None:
    survey = section.survey
    _check_manager(survey, actor)
    _structure_unlocked(survey)
    if survey.sections.count() == 1:
        raise ValidationError(_("A survey has at least one section."))
    if (
        Condition.objects.filter(source__section=section)
        .exclude(question__section=section)
        .exists()
    ):
        raise ValidationError(_("Later questions or sections depend on this section's answers."))
    pk = section.pk
    section.delete()
    _log("section.deleted", survey=survey, actor=actor, data={"section": pk})


def _texts(texts: dict) -> dict:
    """A map by language without empty texts."""
    return {code: text.strip() for code, text in (texts or {}).items() if text and text.strip()}


def _structure_unlocked(survey: Survey) -> None:
    if survey.responses.exists():
        raise ValidationError(
            _(
                "People have answered this survey: its questions and choices stay as they "
                "were answered. Copy the survey to change them."
            )
        )


def _question_check(survey: Survey, *, type: str, text: dict, choices, fields: dict) -> None:
    if not text.get(survey.language):
        raise ValidationError({"text": _("Write the question in the survey's default language.")})
    if type in CHOICE_TYPES and len(choices) < 2:
        raise ValidationError({"choices": _("Give at least two options, one per line.")})
    low, high = fields.get("min_value"), fields.get("max_value")
    if low is not None and high is not None and Decimal(low) >= Decimal(high):
        raise ValidationError({"max_value": _("The largest value must be above the smallest.")})
    if type == QuestionType.RATING and high is not None and not 2 <= high <= 10:
        raise ValidationError({"max_value": _("A rating scale has from 2 to 10 points.")})


def _choices_set(question: Question, choices: list[dict]) -> None:
    """Relabel the question's choices in order, add new ones, remove the rest."""
    existing = list(question.choices.order_by("position", "pk"))
    for position, label in enumerate(choices):
        if position < len(existing):
            choice = existing[position]
            choice.label, choice.position = _texts(label), position
            choice.save(update_fields=["label", "position"])
        else:
            Choice.objects.create(question=question, position=position, label=_texts(label))
    Choice.objects.filter(pk__in=[choice.pk for choice in existing[len(choices) :]]).delete()


@transaction.atomic
def question_add(
    *, section: Section, actor, type: str, text: dict, choices: list[dict] = (), **fields
) -> Question:
    """A question at the end of `section`. `text`, `help` and each choice are maps by
    language; the survey's default language is required."""
    survey = section.survey
    _check_manager(survey, actor)
    text = _texts(text)
    _question_check(survey, type=type, text=text, choices=choices, fields=fields)
    values = {name: value for name, value in fields.items() if name in QUESTION_FIELDS}
    if "help" in values:
        values["help"] = _texts(values["help"])
    question = Question.objects.create(
        section=section,
        position=_next_position(section.questions.all()),
        type=type,
        text=text,
        **values,
    )
    if type in CHOICE_TYPES:
        _choices_set(question, list(choices))
    _log("question.added", survey=survey, actor=actor, data={"question": question.pk})
    return question


@transaction.atomic
def question_update(
    *, question: Question, actor, text: dict, choices: list[dict] = (), **fields
) -> Question:
    """Change a question's wording and settings; its type and number of choices only while
    nobody has answered the survey."""
    survey = question.section.survey
    _check_manager(survey, actor)
    text = _texts(text)
    choices = list(choices)
    _question_check(survey, type=question.type, text=text, choices=choices, fields=fields)
    if question.type in CHOICE_TYPES and len(choices) != question.choices.count():
        _structure_unlocked(survey)
    values = {name: value for name, value in fields.items() if name in QUESTION_FIELDS}
    if "help" in values:
        values["help"] = _texts(values["help"])
    question.text = text
    for name, value in values.items():
        setattr(question, name, value)
    question.save(update_fields=["text", *values])
    if question.type in CHOICE_TYPES:
        _choices_set(question, choices)
    _log("question.updated", survey=survey, actor=actor, data={"question": question.pk})
    return question


def _order_key(question: Question) -> tuple[int, int, int]:
    return (question.section.position, question.section_id, question.position)


def conditions_order_check(survey: Survey) -> None:
    """Every condition looks back: its earlier question comes before what it shows."""
    conditions = Condition.objects.filter(source__section__survey=survey).select_related(
        "source__section", "question__section", "section"
    )
    for condition in conditions:
        source = _order_key(condition.source)
        if condition.question_id is not None:
            later = source < _order_key(condition.question)
        else:
            later = source[:2] < (condition.section.position, condition.section_id)
        if not later:
            raise ValidationError(
                _("A condition can only depend on an earlier question; this would break one.")
            )


@transaction.atomic
def question_move(*, question: Question, actor, offset: int) -> None:
    """Move a question one place up (-1) or down (+1) in its section."""
    survey = question.section.survey
    _check_manager(survey, actor)
    siblings = list(question.section.questions.order_by("position", "pk"))
    index = siblings.index(question)
    other = index + (1 if offset > 0 else -1)
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings):
        Question.objects.filter(pk=sibling.pk).update(position=position)
    conditions_order_check(survey)
    _log("question.moved", survey=survey, actor=actor, data={"question": question.pk})


@transaction.atomic
def question_delete(*, question: Question, actor) -> None:
    survey = question.section.survey
    _check_manager(survey, actor)
    _structure_unlocked(survey)
    if question.dependent_conditions.exists():
        raise ValidationError(_("Later questions or sections depend on this question's answer."))
    pk = question.pk
    question.delete()
    _log("question.deleted", survey=survey, actor=actor, data={"question": pk})


def _condition_value(source: Question, operator: str, value):
    """The condition's value checked against its earlier question."""
    if operator == ConditionOperator.GREATER_THAN:
        if source.type not in (QuestionType.RATING, QuestionType.NPS, QuestionType.NUMBER):
            raise ValidationError(_("“Is greater than” needs a question answered with a number."))
        try:
            return str(Decimal(str(value).replace(",", ".")))
        except ArithmeticError as error:
            raise ValidationError(_("Enter a number.")) from error
    if source.type in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        ids = value if isinstance(value, list) else [value]
        try:
            ids = [int(pk) for pk in ids]
        except (TypeError, ValueError) as error:
            raise ValidationError(_("Choose the options the condition looks for.")) from error
        valid = set(source.choices.values_list("pk", flat=True))
        if not ids or not set(ids) <= valid:
            raise ValidationError(_("Choose the options the condition looks for."))
        return ids if operator == ConditionOperator.ANY_OF else ids[0]
    if source.type in (QuestionType.LIKERT, QuestionType.RANKING, QuestionType.FILE):
        raise ValidationError(_("Conditions cannot depend on this type of question."))
    if operator == ConditionOperator.ANY_OF:
        items = value if isinstance(value, list) else str(value).split(",")
        items = [str(item).strip() for item in items if str(item).strip()]
        if not items:
            raise ValidationError(_("Give the values the condition looks for."))
        return items
    if not str(value).strip():
        raise ValidationError(_("Give the value the condition looks for."))
    return str(value).strip()


@transaction.atomic
def condition_add(
    *, actor, source: Question, operator: str, value, question=None, section=None
) -> Condition:
    """Show `question` or `section` only when `source` (an earlier question) matches."""
    survey = source.section.survey
    _check_manager(survey, actor)
    target_survey = (section or question.section).survey_id if (section or question) else None
    if target_survey != survey.pk or (question is None) == (section is None):
        raise ValidationError(_("A condition depends on a question of the same survey."))
    if operator not in ConditionOperator.values:
        raise ValidationError(_("Choose how the answer is compared."))
    condition = Condition.objects.create(
        question=question,
        section=section,
        source=source,
        operator=operator,
        value=_condition_value(source, operator, value),
    )
    conditions_order_check(survey)
    _log("condition.added", survey=survey, actor=actor, data={"condition": condition.pk})
    return condition


@transaction.atomic
def condition_delete(*, condition: Condition, actor) -> None:
    survey = condition.source.section.survey
    _check_manager(survey, actor)
    pk = condition.pk
    condition.delete()
    _log("condition.deleted", survey=survey, actor=actor, data={"condition": pk})


@transaction.atomic
def survey_copy(*, survey: Survey, actor, title: str | None = None) -> Survey:
    """A new draft with the same settings, sections, questions, choices and conditions, and
    no responses (for the next round of the same questionnaire)."""
    _check_manager(survey, actor)
    copy_title = title or _("%(title)s (copy)") % {"title": survey.title}
    copy = Survey.objects.create(
        program=survey.program,
        network=survey.network,
        event=survey.event,
        slug=survey_slug(copy_title),
        kind=survey.kind,
        language=survey.language,
        title=copy_title[:200],
        intro=survey.intro,
        is_anonymous=survey.is_anonymous,
    )
    sections, questions, choices = {}, {}, {}
    for section in survey.sections.order_by("position", "pk"):
        sections[section.pk] = Section.objects.create(
            survey=copy,
            position=section.position,
            title=section.title,
            condition_logic=section.condition_logic,
        )
    for question in Question.objects.filter(section__survey=survey):
        old_pk = question.pk
        question.pk = None
        question.section = sections[question.section_id]
        question.save()
        questions[old_pk] = question
    for choice in Choice.objects.filter(question__section__survey=survey).order_by("pk"):
        old_pk = choice.pk
        choice.pk, choice.question = None, questions[choice.question_id]
        choice.save()
        choices[old_pk] = choice.pk
    for question in questions.values():
        if question.correct_answer and question.type in CHOICE_TYPES:
            question.correct_answer = _remap(question.correct_answer, choices)
            question.save(update_fields=["correct_answer"])
    for condition in Condition.objects.filter(source__section__survey=survey):
        Condition.objects.create(
            question=questions.get(condition.question_id),
            section=sections.get(condition.section_id),
            source=questions[condition.source_id],
            operator=condition.operator,
            value=_remap(condition.value, choices)
            if condition.source.type in (QuestionType.SINGLE, QuestionType.MULTIPLE)
            else condition.value,
        )
    _log("survey.copied", survey=copy, actor=actor, data={"from": survey.pk})
    return copy


def _remap(value, choices: dict[int, int]):
    if isinstance(value, list):
        return [choices.get(int(pk), pk) for pk in value]
    return choices.get(int(value), value)


@transaction.atomic
def survey_open(*, survey: Survey, actor) -> Survey:
    """Open the survey for answers (its opening and closing times still apply)."""
    _check_manager(survey, actor)
    if not Question.objects.filter(section__survey=survey).exists():
        raise ValidationError(_("Add at least one question before opening the survey."))
    if survey.closes_at and survey.closes_at <= timezone.now():
        raise ValidationError(_("The closing time has passed; change it first."))
    Survey.objects.filter(pk=survey.pk).update(status=SurveyStatus.OPEN, updated_at=F("updated_at"))
    survey.status = SurveyStatus.OPEN
    surveys_of_owner_forget(survey)  # saved without signals
    _log("survey.opened", survey=survey, actor=actor)
    return survey


@transaction.atomic
def survey_close(*, survey: Survey, actor) -> Survey:
    _check_manager(survey, actor)
    Survey.objects.filter(pk=survey.pk).update(status=SurveyStatus.CLOSED)
    survey.status = SurveyStatus.CLOSED
    surveys_of_owner_forget(survey)  # saved without signals
    _log("survey.closed", survey=survey, actor=actor)
    return survey
