"""Participants' feedback on an event: inviting them, and recording their ratings of the event
and of each lecturer.

Anonymity: when the event's feedback is anonymous the response is stored without the person,
and the FeedbackReceipt (who answered, so nobody answers twice) is written apart from it, in its
own transaction, through the primitives in `glasnik.core.anonymity` (read there why, and in which
order). Their times are cut to the day and the audit log only counts anonymous answers per day,
so the two cannot be matched by time, transaction or order either.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from glasnik.audit.services import log_action, log_anonymous_action
from glasnik.core.anonymity import (
    anonymous_answer_record,
    anonymous_day,
    anonymous_receipts_mark,
)

from .. import tasks
from ..models import Event, FeedbackReceipt, FeedbackResponse, Lecturer, LecturerRating
from ..selectors.feedback import (
    feedback_invitees,
    feedback_is_participant,
    feedback_lecturers,
    feedback_window_state,
)


class FeedbackAlreadyGivenError(ValidationError):
    """The person has answered already; the first answer stands."""


@dataclass(frozen=True)
class LecturerAnswer:
    lecturer_id: int
    rating: int
    comment: str = ""


def feedback_window_check(event: Event, *, now: datetime | None = None) -> None:
    state = feedback_window_state(event, now=now)
    if state == "cancelled":
        raise ValidationError(_("This event was cancelled; there is nothing to rate."))
    if state == "not_yet":
        raise ValidationError(_("Feedback opens when the event ends."))
    if state == "closed":
        raise ValidationError(_("Feedback on this event has closed."))


@transaction.atomic
def feedback_invite(*, event: Event, actor=None, now: datetime | None = None) -> int:
    """Invite the event's participants who have not been invited yet to give feedback, by
    email in each one's language. Returns how many were invited now; calling it again invites
    only people added since (idempotent through FeedbackReceipt.invited_at). `actor` None is
    the scheduled command."""
    if actor is not None and not actor.has_perm("events.manage_event", event):
        raise PermissionDenied
    now = now or timezone.now()
    feedback_window_check(event, now=now)
    person_ids = [registration.person_id for registration in feedback_invitees(event)]
    receipts = {
        receipt.person_id: receipt
        for receipt in FeedbackReceipt.objects.select_for_update().filter(
            event=event, person_id__in=person_ids
        )
    }
    new = [
        FeedbackReceipt(event=event, person_id=person_id, invited_at=now)
        for person_id in person_ids
        if person_id not in receipts
    ]
    FeedbackReceipt.objects.bulk_create(new)
    # Someone who opened the form before the invitations went out has a receipt already; one
    # who has answered is not asked again.
    waiting = [
        receipt
        for receipt in receipts.values()
        if receipt.invited_at is None and receipt.answered_at is None
    ]
    FeedbackReceipt.objects.filter(pk__in=[receipt.pk for receipt in waiting]).update(
        invited_at=now
    )
    invited = [receipt.person_id for receipt in new] + [r.person_id for r in waiting]
    if invited:
        log_action(
            "events.feedback.invited",
            actor=actor,
            target=event,
            scope=event.audit_scope,
            data={"invited": len(invited)},
        )
        transaction.on_commit(
            lambda: tasks.feedback_invitation_send.enqueue(event_id=event.pk, person_ids=invited)
        )
    return len(invited)


def feedback_start(*, event: Event, person) -> FeedbackReceipt:
    """Note that a participant opened the form (a receipt without an answer). Receipts are
    made here or at the invitation, not when the answer is sent, and here for everyone taking
    part at once, so neither the receipts' order nor their ids reveal who answered first."""
    person_ids = [registration.person_id for registration in feedback_invitees(event)]
    FeedbackReceipt.objects.bulk_create(
        [FeedbackReceipt(event=event, person_id=person_id) for person_id in person_ids],
        ignore_conflicts=True,
    )
    receipt, _created = FeedbackReceipt.objects.get_or_create(event=event, person=person)
    return receipt


def feedback_submit(
    *,
    event: Event,
    person,
    rating: int,
    comment: str = "",
    lecturer_answers: list[LecturerAnswer] = (),
    now: datetime | None = None,
) -> FeedbackResponse:
    """Record a participant's feedback: the event's rating and comment, and their ratings of
    the event's lecturers. One answer per person: the receipt row is locked, so a double
    submit leaves one response and the second is told it was already given.

    Anonymous feedback is written in two transactions (receipt, then response), so this must
    not be called inside a transaction."""
    if not feedback_is_participant(event, person):
        raise PermissionDenied
    now = now or timezone.now()
    feedback_window_check(event, now=now)
    _validate(rating, lecturer_answers, event)
    if not event.feedback_anonymous:
        return _named_feedback_submit(
            event=event,
            person=person,
            rating=rating,
            comment=comment,
            lecturer_answers=lecturer_answers,
            now=now,
        )
    feedback_start(event=event, person=person)
    receipts = FeedbackReceipt.objects.filter(event=event)
    day = anonymous_day(now)

    def claim() -> None:
        if not anonymous_receipts_mark(receipts, person_id=person.pk, answered_at=day):
            raise FeedbackAlreadyGivenError(
                _("You have already given your feedback on this event.")
            )

    def write() -> FeedbackResponse:
        response = _response_create(
            event=event,
            person=None,
            rating=rating,
            comment=comment,
            lecturer_answers=lecturer_answers,
            created_at=day,
        )
        log_anonymous_action(
            "events.feedback.answered", target=event, scope=event.audit_scope, day=day
        )
        return response

    def release() -> None:
        anonymous_receipts_mark(receipts, person_id=person.pk, answered_at=None)

    return anonymous_answer_record(claim=claim, write=write, release=release)


@transaction.atomic
def _named_feedback_submit(
    *, event: Event, person, rating: int, comment: str, lecturer_answers, now: datetime
) -> FeedbackResponse:
    receipt, _created = FeedbackReceipt.objects.get_or_create(event=event, person=person)
    receipt = FeedbackReceipt.objects.select_for_update().get(pk=receipt.pk)
    if receipt.answered_at is not None:
        raise FeedbackAlreadyGivenError(_("You have already given your feedback on this event."))
    response = _response_create(
        event=event,
        person=person,
        rating=rating,
        comment=comment,
        lecturer_answers=lecturer_answers,
    )
    receipt.answered_at = now
    receipt.save(update_fields=["answered_at"])
    log_action(
        "events.feedback.answered",
        actor=person,
        target=event,
        scope=event.audit_scope,
        data={"anonymous": False},
    )
    return response


def _response_create(
    *,
    event: Event,
    person,
    rating: int,
    comment: str,
    lecturer_answers,
    created_at: datetime | None = None,
) -> FeedbackResponse:
    response = FeedbackResponse.objects.create(
        event=event, person=person, rating=rating, comment=comment.strip()
    )
    if created_at is not None:
        # auto_now_add sets the exact time on insert; the day replaces it in the same transaction.
        FeedbackResponse.objects.filter(pk=response.pk).update(created_at=created_at)
        response.created_at = created_at
    LecturerRating.objects.bulk_create(
        LecturerRating(
            response=response,
            lecturer_id=answer.lecturer_id,
            rating=answer.rating,
            comment=answer.comment.strip(),
        )
        for answer in lecturer_answers
    )
    return response


def _validate(rating: int, lecturer_answers, event: Event) -> None:
    if rating not in range(1, 6):
        raise ValidationError({"rating": _("Choose a rating from 1 to 5.")})
    lecturer_ids = {lecturer.pk for lecturer in feedback_lecturers(event)}
    seen = set()
    for answer in lecturer_answers:
        if answer.lecturer_id not in lecturer_ids or answer.lecturer_id in seen:
            raise ValidationError(_("Rate only this event's lecturers, each once."))
        if answer.rating not in range(1, 6):
            raise ValidationError(_("Choose a rating from 1 to 5."))
        seen.add(answer.lecturer_id)


def lecturer_answers_from(cleaned: dict[Lecturer, dict]) -> list[LecturerAnswer]:
    """The lecturers a participant rated (those left without a rating are skipped)."""
    return [
        LecturerAnswer(lecturer_id=lecturer.pk, rating=data["rating"], comment=data["comment"])
        for lecturer, data in cleaned.items()
        if data.get("rating") is not None
    ]
