"""Answering a survey: keeping a respondent's unfinished answers, storing an uploaded file, and
sending the response — checked whole, all or nothing, once per person.

Anonymous surveys: the response is stored without the person, and the SurveyReceipt (who
answered, so nobody answers twice) is written apart from it, in its own transaction, through
`glasnik.core.anonymity` (read there why, and in which order). The respondent's draft goes in
the receipt's transaction, so their unfinished answers never sit beside their name again; the
audit log counts anonymous answers per day."""

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from glasnik.access.models import Role
from glasnik.access.selectors import role_holders
from glasnik.audit.services import log_action, log_anonymous_action
from glasnik.core.anonymity import anonymous_answer_record, anonymous_day, anonymous_receipts_mark
from glasnik.core.uploads import upload_check, upload_to_private

from ..answers import SurveyPlan, value_check, visible_answers
from ..models import Answer, Question, QuestionType, Response, Survey, SurveyDraft, SurveyReceipt
from ..selectors import survey_accepts_answers, survey_plan

FILE_EXTENSIONS = ("pdf", "docx", "odt", "txt", "png", "jpg", "jpeg", "xlsx", "pptx")
FILE_MAX_BYTES = 10 * 1024 * 1024


class SurveyAlreadyAnsweredError(ValidationError):
    """The person has answered already; the first response stands."""


def _already_answered() -> SurveyAlreadyAnsweredError:
    return SurveyAlreadyAnsweredError(_("You have already answered this survey. Thank you!"))


def survey_answerable_check(
    survey: Survey, person, *, now: datetime | None = None, invited: bool = False
) -> None:
    """`invited`: the person answers by their personal invitation, which is their right to."""
    if not invited and not person.has_perm("surveys.answer_survey", survey):
        raise PermissionDenied
    if not survey_accepts_answers(survey, now=now):
        raise ValidationError(_("This survey is not open for answers."))


def answer_file_store(*, upload) -> dict:
    """Check an uploaded file (type, content, size) and store it under an unguessable name;
    the draft and then the answer keep the name."""
    upload_check(upload, extensions=FILE_EXTENSIONS, max_bytes=FILE_MAX_BYTES)
    name = default_storage.save(upload_to_private("surveys")(None, upload.name), upload)
    return {"name": name, "filename": upload.name[:200]}


def draft_save(
    *, survey: Survey, person, answers: dict, page: int, invited: bool = False
) -> SurveyDraft:
    """Keep what a respondent (signed in, or by their invitation) has typed so far, to resume
    later."""
    survey_answerable_check(survey, person, invited=invited)
    draft, _created = SurveyDraft.objects.update_or_create(
        survey=survey,
        person=person,
        defaults={"data": {str(pk): value for pk, value in answers.items()}, "page": page},
    )
    return draft


def responses_check(plan: SurveyPlan, answers: dict) -> dict:
    """The answers the conditions show, each checked; raises one ValidationError naming every
    problem by field (`q<id>`). Answers to hidden or unknown questions are dropped."""
    visible = visible_answers(plan, answers)
    errors = {}
    for question in visible.questions:
        value = visible.answers.get(question.pk)
        if value is None:
            if question.is_required:
                errors[f"q{question.pk}"] = [_("Answer this question.")]
            continue
        try:
            value_check(question, value)
        except ValidationError as error:
            errors[f"q{question.pk}"] = error.messages
    if errors:
        raise ValidationError(errors)
    return visible.answers


def answer_rows(response: Response, question: Question, value) -> list[Answer]:
    kind = question.type

    def row(**fields) -> Answer:
        return Answer(response=response, question=question, **fields)

    if kind == QuestionType.SINGLE:
        return [row(choice_id=value)]
    if kind == QuestionType.MULTIPLE:
        rows = [row(choice_id=pk) for pk in value.get("choices", [])]
        return rows + ([row(text=value["other"])] if value.get("other") else [])
    if kind == QuestionType.LIKERT:
        return [row(choice_id=int(pk), number=point) for pk, point in value.items()]
    if kind == QuestionType.RANKING:
        return [row(choice_id=pk, number=rank) for rank, pk in enumerate(value, start=1)]
    if kind in (QuestionType.RATING, QuestionType.NPS, QuestionType.NUMBER):
        return [row(number=Decimal(str(value)))]
    if kind == QuestionType.DATE:
        return [row(date=value)]
    if kind == QuestionType.FILE:
        return [row(file=value["name"], text=value.get("filename", ""))]
    return [row(text=value)]


def _response_create(
    *, survey: Survey, plan: SurveyPlan, person, answers: dict, language: str, at: datetime
) -> Response:
    response = Response.objects.create(
        survey=survey, person=person, language=language[:10], submitted_at=at
    )
    rows = []
    for pk, value in answers.items():
        rows.extend(answer_rows(response, plan.questions[pk], value))
    Answer.objects.bulk_create(rows)
    return response


def response_submit(
    *,
    survey: Survey,
    person,
    answers: dict,
    language: str = "",
    now: datetime | None = None,
    invited: bool = False,
) -> Response:
    """Send a respondent's answers (by question id, cleaned as `glasnik.surveys.answers`
    says). Everything is checked first — required answers, bounds, choices, and which questions
    the conditions show (answers to hidden ones are dropped) — and nothing is stored unless
    all of it passes. One response per person: a double submit leaves one and the second is
    told it was already given.

    Anonymous responses are written in two transactions (receipt, then response), so this must
    not be called inside a transaction. `invited`: sent by the person's invitation link (the
    response names neither the invitation nor, when anonymous, the person)."""
    now = now or timezone.now()
    survey_answerable_check(survey, person, now=now, invited=invited)
    plan = survey_plan(survey)
    answers = responses_check(plan, answers)
    if not survey.is_anonymous:
        return _named_submit(
            survey=survey, plan=plan, person=person, answers=answers, language=language, now=now
        )
    receipts_prepare(survey=survey, person=person)
    receipts = SurveyReceipt.objects.filter(survey=survey)
    day = anonymous_day(now)
    kept_drafts: list[SurveyDraft] = []

    def claim() -> None:
        if not anonymous_receipts_mark(receipts, person_id=person.pk, answered_at=day):
            raise _already_answered()
        kept_drafts.extend(SurveyDraft.objects.filter(survey=survey, person=person))
        SurveyDraft.objects.filter(survey=survey, person=person).delete()

    def write() -> Response:
        response = _response_create(
            survey=survey, plan=plan, person=None, answers=answers, language=language, at=day
        )
        log_anonymous_action(
            "surveys.response.submitted", target=survey, scope=survey.owner, day=day
        )
        return response

    def release() -> None:
        anonymous_receipts_mark(receipts, person_id=person.pk, answered_at=None)
        for draft in kept_drafts:  # what they typed is theirs again, to send once more
            SurveyDraft.objects.create(
                survey=survey, person=person, data=draft.data, page=draft.page
            )

    return anonymous_answer_record(claim=claim, write=write, release=release)


def receipts_prepare(*, survey: Survey, person) -> None:
    """Receipts (not answered) for everyone who takes part at once, and for `person`, so that
    neither their order nor their ids tell who answered first."""
    people = {person.pk, *role_holders(Role.MEMBER, survey.owner).values_list("pk", flat=True)}
    SurveyReceipt.objects.bulk_create(
        [SurveyReceipt(survey=survey, person_id=pk) for pk in sorted(people)],
        ignore_conflicts=True,
    )


@transaction.atomic
def _named_submit(
    *, survey: Survey, plan: SurveyPlan, person, answers: dict, language: str, now: datetime
) -> Response:
    receipt, _created = SurveyReceipt.objects.get_or_create(survey=survey, person=person)
    receipt = SurveyReceipt.objects.select_for_update().get(pk=receipt.pk)
    if receipt.answered_at is not None:
        raise _already_answered()
    try:
        with transaction.atomic():
            response = _response_create(
                survey=survey, plan=plan, person=person, answers=answers, language=language, at=now
            )
    except IntegrityError as error:  # the unique constraint: a response got there first
        raise _already_answered() from error
    receipt.answered_at = now
    receipt.save(update_fields=["answered_at"])
    SurveyDraft.objects.filter(survey=survey, person=person).delete()
    log_action(
        "surveys.response.submitted",
        actor=person,
        target=survey,
        scope=survey.owner,
        data={"anonymous": False, "response": response.pk},
    )
    return response
