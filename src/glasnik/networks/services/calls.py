"""Calls for expressions of interest and the membership statements people send in answer.

A call is upcoming until it opens, open until its deadline, and expired after it. A person has
one statement per call, which they may change until the deadline; organisers approve or decline
it, and the person's membership of the network follows the decision.
"""

import enum
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from glasnik.access.models import Role
from glasnik.access.selectors import role_holders
from glasnik.accounts.services import position_ensure, profile_update
from glasnik.audit.services import log_action
from glasnik.core.email import email_send
from glasnik.core.time_zones import time_in_zone
from glasnik.core.transliteration import to_latin

from ..models import (
    Call,
    Membership,
    MembershipStatus,
    Network,
    QuestionKind,
    Statement,
    StatementAnswer,
    StatementQuestion,
    StatementStatus,
)
from .memberships import membership_apply, membership_approve, membership_decline

CALL_FIELDS = (
    "title",
    "text",
    "eligibility",
    "opens_at",
    "closes_at",
    "fee",
    "fee_currency",
    "language",
)
QUESTION_FIELDS = ("kind", "label", "help_text", "options", "is_required", "privacy_text")


class CallState(enum.StrEnum):
    UPCOMING = "upcoming"
    OPEN = "open"
    EXPIRED = "expired"


def call_state(call: Call, *, now: datetime | None = None) -> CallState:
    """Upcoming before it opens, open until it closes (the deadline for statements), expired
    after."""
    now = now or timezone.now()
    if now < call.opens_at:
        return CallState.UPCOMING
    if now < call.closes_at:
        return CallState.OPEN
    return CallState.EXPIRED


def call_dates_check(*, opens_at: datetime, closes_at: datetime) -> dict[str, str]:
    """What is wrong with a call's dates, by field (empty when nothing is)."""
    errors = {}
    if opens_at and closes_at and closes_at <= opens_at:
        errors["closes_at"] = _("The call must close after it opens.")
    return errors


def _unique_slug(*, network: Network, title: str, exclude_pk: int | None = None) -> str:
    base = slugify(to_latin(title))[:100].strip("-") or "call"
    taken = set(
        Call.objects.filter(network=network, slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    taken.add("new")  # the address of the "new call" page
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _call_check(call: Call) -> None:
    errors = call_dates_check(opens_at=call.opens_at, closes_at=call.closes_at)
    if call.fee is not None and call.fee <= Decimal(0):
        errors["fee"] = _("A fee must be more than zero; leave it empty for a free call.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def call_create(*, network: Network, actor, **fields) -> Call:
    """A new call, a draft until the organiser publishes it; its address comes from the title."""
    call = Call(network=network, **{name: fields[name] for name in CALL_FIELDS if name in fields})
    _call_check(call)
    call.slug = _unique_slug(network=network, title=call.title)
    call.save()
    log_action("networks.call.created", actor=actor, target=call, scope=network)
    return call


@transaction.atomic
def call_update(*, call: Call, actor, **fields) -> Call:
    """Change a call's text, dates or fee. The address stays, so shared links keep working."""
    changed = [
        name for name in CALL_FIELDS if name in fields and getattr(call, name) != fields[name]
    ]
    for name in changed:
        setattr(call, name, fields[name])
    _call_check(call)
    if changed:
        call.save(update_fields=[*changed, "updated_at"])
        log_action(
            "networks.call.updated",
            actor=actor,
            target=call,
            scope=call.network,
            data={"fields": changed},
        )
    return call


@transaction.atomic
def call_set_published(*, call: Call, actor, published: bool) -> Call:
    """Publish the call, or take it down. A call is published only with a statement to fill
    in: at least one question."""
    if published and not call.is_published and not call.questions.exists():
        raise ValidationError(
            _("Add at least one question to the statement before publishing."),
            code="no_questions",
        )
    if call.is_published != published:
        call.is_published = published
        call.save(update_fields=["is_published", "updated_at"])
        action = "published" if published else "unpublished"
        log_action(f"networks.call.{action}", actor=actor, target=call, scope=call.network)
    return call


# The membership statement's questions.


def question_check(*, kind: str, options: str, privacy_text: str) -> dict[str, str]:
    errors = {}
    option_count = len([line for line in options.splitlines() if line.strip()])
    if kind == QuestionKind.CHOICE and option_count < 2:
        errors["options"] = _("A choice question needs at least two options, one per line.")
    if kind != QuestionKind.CHOICE and option_count:
        errors["options"] = _("Only a choice question has options; leave this empty.")
    if kind == QuestionKind.CONSENT and not privacy_text.strip():
        errors["privacy_text"] = _("A consent question needs the privacy text people agree to.")
    return errors


def _question_clean(question: StatementQuestion) -> None:
    errors = question_check(
        kind=question.kind, options=question.options, privacy_text=question.privacy_text
    )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def question_add(*, call: Call, actor, **fields) -> StatementQuestion:
    """Add a question at the end of the call's statement."""
    last = call.questions.aggregate(last=Max("position"))["last"]
    question = StatementQuestion(
        call=call,
        position=0 if last is None else last + 1,
        **{name: fields[name] for name in QUESTION_FIELDS if name in fields},
    )
    _question_clean(question)
    question.save()
    _call_touch(call)
    log_action(
        "networks.call.question_added",
        actor=actor,
        target=call,
        scope=call.network,
        data={"question": question.pk, "kind": question.kind},
    )
    return question


@transaction.atomic
def question_update(*, question: StatementQuestion, actor, **fields) -> StatementQuestion:
    """Change a question. Once people have answered it, its kind stays what they answered."""
    new_kind = fields.get("kind", question.kind)
    if new_kind != question.kind and question.answers.exists():
        raise ValidationError(
            {"kind": _("People have already answered this question; its kind cannot change.")}
        )
    changed = [
        name
        for name in QUESTION_FIELDS
        if name in fields and getattr(question, name) != fields[name]
    ]
    for name in changed:
        setattr(question, name, fields[name])
    _question_clean(question)
    if changed:
        question.save(update_fields=changed)
        _call_touch(question.call)
        log_action(
            "networks.call.question_changed",
            actor=actor,
            target=question.call,
            scope=question.call.network,
            data={"question": question.pk, "fields": changed},
        )
    return question


@transaction.atomic
def question_remove(*, question: StatementQuestion, actor) -> None:
    """Remove a question nobody has answered yet (answers are never thrown away silently)."""
    if question.answers.exists():
        raise ValidationError(
            _(
                "People have already answered this question, so it cannot be removed. "
                "You can make it optional instead."
            )
        )
    call, pk = question.call, question.pk
    question.delete()
    _call_touch(call)
    log_action(
        "networks.call.question_removed",
        actor=actor,
        target=call,
        scope=call.network,
        data={"question": pk},
    )


@transaction.atomic
def question_move(*, question: StatementQuestion, actor, offset: int) -> None:
    """Move a question up (offset -1) or down (+1) in the statement."""
    questions = list(question.call.questions.select_for_update().order_by("position", "pk"))
    index = next(i for i, other in enumerate(questions) if other.pk == question.pk)
    target = index + offset
    if not 0 <= target < len(questions):
        return
    questions.insert(target, questions.pop(index))
    for position, other in enumerate(questions):
        if other.position != position:
            other.position = position
            other.save(update_fields=["position"])
    _call_touch(question.call)
    log_action(
        "networks.call.question_moved",
        actor=actor,
        target=question.call,
        scope=question.call.network,
        data={"question": question.pk, "position": target},
    )


def _call_touch(call: Call) -> None:
    # The public page's "last updated" date covers the statement's questions too.
    call.save(update_fields=["updated_at"])


# Statements.


def _moment_display(call: Call, moment: datetime) -> str:
    """A date and time as the network's people read it: "1 March 2026 9:00 Belgrade time (CET)"."""
    return time_in_zone(moment, call.network.time_zone)


def deadline_display(call: Call) -> str:
    """The call's closing, which is the deadline for statements."""
    return _moment_display(call, call.closes_at)


def _refuse_unless_open(call: Call, *, now: datetime) -> None:
    if not call.is_published:
        raise ValidationError(_("This call is not published."), code="unpublished")
    state = call_state(call, now=now)
    if state == CallState.UPCOMING:
        raise ValidationError(
            _("This call opens on %(opens)s; statements are accepted from then."),
            code="upcoming",
            params={"opens": _moment_display(call, call.opens_at)},
        )
    if state == CallState.EXPIRED:
        raise ValidationError(
            _(
                "The deadline for statements was %(deadline)s. This call has expired and "
                "no longer accepts statements."
            ),
            code="expired",
            params={"deadline": deadline_display(call)},
        )


def _statement_lock(*, call: Call, person, organization, position_title: str):
    """The person's statement for the call, locked, and whether it is new.

    Two submits at once (two tabs, a double click) both try to create it: the unique
    constraint lets one win, and the other updates what the winner created.
    """
    existing = Statement.objects.select_for_update().filter(call=call, person=person).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            created = Statement.objects.create(
                call=call, person=person, organization=organization, position_title=position_title
            )
        return created, True
    except IntegrityError:
        return Statement.objects.select_for_update().get(call=call, person=person), False


def _answers_save(*, statement: Statement, call: Call, answers: dict) -> None:
    """Answers by question id: text, True/False, or an uploaded file (None keeps the old file)."""
    existing = {answer.question_id: answer for answer in statement.answers.all()}
    for question in call.questions.all():
        value = answers.get(question.pk)
        answer = existing.get(question.pk) or StatementAnswer(
            statement=statement, question=question
        )
        if question.kind == QuestionKind.FILE:
            if value is None:
                continue
            if answer.file:
                answer.file.delete(save=False)
            answer.file = value
            answer.value = value.name.rsplit("/", 1)[-1]
        elif question.kind in (QuestionKind.CONSENT, QuestionKind.YES_NO) and isinstance(
            value, bool
        ):
            answer.value = "yes" if value else "no"
        else:
            answer.value = (value or "").strip()
        answer.save()


def _statement_emails(*, statement: Statement, created: bool) -> None:
    call, person = statement.call, statement.person
    with timezone.override(call.network.time_zone):
        email_send(
            to=person.email,
            template="networks/email/statement_received",
            context={"user": person, "call": call, "network": call.network, "updated": not created},
            language=person.preferred_language,
        )
        if not created:
            return
        for organiser in role_holders(Role.ORGANISER, call.network):
            email_send(
                to=organiser.email,
                template="networks/email/statement_organiser_notice",
                context={
                    "user": organiser,
                    "call": call,
                    "network": call.network,
                    "statement": statement,
                    "applicant": person,
                },
                language=organiser.preferred_language,
            )


@transaction.atomic
def statement_submit(
    *,
    call: Call,
    person,
    organization,
    position_title: str,
    answers: dict,
    first_name: str | None = None,
    last_name: str | None = None,
    now: datetime | None = None,
    notify: bool = True,
) -> Statement:
    """Send in (or change) the person's statement; the person then appears as applied.
    A name given with it goes to the person's profile.

    Refused before the call opens, after the deadline, and once the statement is decided.
    """
    _refuse_unless_open(call, now=now or timezone.now())
    names = {"first_name": first_name, "last_name": last_name}
    names = {field: value.strip() for field, value in names.items() if value and value.strip()}
    if names:
        profile_update(person=person, actor=person, **names)
    statement, created = _statement_lock(
        call=call, person=person, organization=organization, position_title=position_title
    )
    if not created:
        if statement.status != StatementStatus.SUBMITTED:
            raise ValidationError(
                _("Your statement has already been decided, so it can no longer be changed."),
                code="decided",
            )
        statement.organization = organization
        statement.position_title = position_title
        statement.save(update_fields=["organization", "position_title", "updated_at"])
    _answers_save(statement=statement, call=call, answers=answers)
    if created:
        membership_apply(
            network=call.network,
            person=person,
            organization=organization,
            position_title=position_title,
        )
    log_action(
        "networks.statement.submitted" if created else "networks.statement.changed",
        actor=person,
        target=statement,
        scope=call.network,
        data={"call": call.pk},
    )
    if notify:
        _statement_emails(statement=statement, created=created)
    return statement


class Decision(enum.StrEnum):
    APPROVE = "approve"
    DECLINE = "decline"


def _membership_of(statement: Statement) -> Membership:
    membership = Membership.objects.filter(
        network=statement.call.network, person=statement.person
    ).first()
    if membership is None:
        membership = membership_apply(
            network=statement.call.network,
            person=statement.person,
            organization=statement.organization,
            position_title=statement.position_title,
        )
    return membership


def statement_decide(
    *, statement: Statement, actor, decision: Decision, message: str = "", notify: bool = True
) -> Statement:
    """Approve or decline a statement; the membership follows and the applicant is told.

    Deciding again the same way changes nothing; the other way corrects the decision.
    """
    return _statement_decide(
        statement=statement, actor=actor, decision=decision, message=message, notify=notify
    )[0]


@transaction.atomic
def _statement_decide(
    *, statement: Statement, actor, decision: Decision, message: str, notify: bool = True
) -> tuple[Statement, bool]:
    status = StatementStatus.APPROVED if decision == Decision.APPROVE else StatementStatus.DECLINED
    statement = (
        Statement.objects.select_for_update()
        .select_related("call__network", "person", "organization")
        .get(pk=statement.pk)
    )
    if statement.status == status:
        return statement, False
    statement.status = status
    statement.decision_message = message.strip()
    statement.decided_at = timezone.now()
    statement.decided_by = actor
    statement.save(
        update_fields=["status", "decision_message", "decided_at", "decided_by", "updated_at"]
    )
    membership = _membership_of(statement)
    if decision == Decision.APPROVE:
        # The institution and position the person gave reach their profile.
        position_ensure(
            person=statement.person,
            organization=statement.organization,
            title=statement.position_title,
            actor=actor,
        )
    if decision == Decision.APPROVE and membership.status != MembershipStatus.MEMBER:
        membership_approve(membership=membership, actor=actor, message=statement.decision_message)
    elif decision == Decision.DECLINE and membership.status != MembershipStatus.DECLINED:
        membership_decline(membership=membership, actor=actor, message=statement.decision_message)
    log_action(
        f"networks.statement.{status}",
        actor=actor,
        target=statement,
        scope=statement.call.network,
        data={"call": statement.call_id, "person": statement.person_id, "message": bool(message)},
    )
    if notify:
        _decision_email(statement)
    return statement, True


def _decision_email(statement: Statement) -> None:
    person = statement.person
    with timezone.override(statement.call.network.time_zone):
        email_send(
            to=person.email,
            template=f"networks/email/statement_{statement.status}",
            context={
                "user": person,
                "call": statement.call,
                "network": statement.call.network,
                "message": statement.decision_message,
            },
            language=person.preferred_language,
        )


def statements_decide(*, statements, actor, decision: Decision, message: str = "") -> int:
    """Decide many statements at once (each in its own transaction); how many changed."""
    changed = 0
    for statement in statements:
        changed += _statement_decide(
            statement=statement, actor=actor, decision=decision, message=message
        )[1]
    return changed
