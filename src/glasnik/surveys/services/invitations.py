"""Personal invitations: the organisers choose participants (a programme's) or members (a
network's) and send each a link that answers the survey once, without signing in; reminders go
to those who have not answered, never to those who have.

Whether an invitee has answered is read from their `SurveyReceipt`, never stored on the
invitation, and the response never names the invitation: in an anonymous survey the
invitation, the receipt and the anonymous response stay as unlinkable as for anyone else."""

import secrets
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from glasnik.audit.services import log_action

from .. import tasks
from ..models import Survey, SurveyInvitation, SurveyReceipt
from ..selectors import invitation_candidates, survey_state

# A reminder goes at most once in this long to the same person.
REMINDER_INTERVAL = timedelta(days=2)


def _manager_check(survey: Survey, actor) -> None:
    if actor is not None and not actor.has_perm("surveys.manage_survey", survey):
        raise PermissionDenied


def _sendable_check(survey: Survey, now: datetime) -> None:
    state = survey_state(survey, now=now)
    if state == "draft":
        raise ValidationError(_("Open the survey before you invite people to it."))
    if state == "closed":
        raise ValidationError(_("This survey is closed."))


def invitation_token() -> str:
    return secrets.token_urlsafe(32)


@transaction.atomic
def invitations_send(*, survey: Survey, actor, person_ids, now: datetime | None = None) -> int:
    """Invite the chosen participants or members (those not invited yet; anyone else among
    `person_ids` is left out) by email, each in their language, once the transaction commits.
    Returns how many were invited now."""
    _manager_check(survey, actor)
    now = now or timezone.now()
    _sendable_check(survey, now)
    chosen = {int(pk) for pk in person_ids}
    allowed = set(invitation_candidates(survey).filter(pk__in=chosen).values_list("pk", flat=True))
    invited = set(
        SurveyInvitation.objects.filter(survey=survey, person_id__in=allowed).values_list(
            "person_id", flat=True
        )
    )
    new = SurveyInvitation.objects.bulk_create(
        [
            SurveyInvitation(survey=survey, person_id=pk, token=invitation_token(), invited_at=now)
            for pk in sorted(allowed - invited)
        ],
        ignore_conflicts=True,
    )
    ids = list(
        SurveyInvitation.objects.filter(
            survey=survey, token__in=[invitation.token for invitation in new]
        ).values_list("pk", flat=True)
    )
    if ids:
        log_action(
            "surveys.invitations.sent",
            actor=actor,
            target=survey,
            scope=survey.owner,
            data={"invited": len(ids)},
        )
        transaction.on_commit(
            lambda: tasks.survey_invitation_send.enqueue(invitation_ids=ids, reminder=False)
        )
    return len(ids)


def invitations_unanswered(survey: Survey):
    """The survey's invitations whose person has not answered (by their receipt)."""
    answered = SurveyReceipt.objects.filter(
        survey=OuterRef("survey"), person=OuterRef("person"), answered_at__isnull=False
    )
    return SurveyInvitation.objects.filter(survey=survey).exclude(Exists(answered))


@transaction.atomic
def reminders_send(
    *,
    survey: Survey,
    actor,
    now: datetime | None = None,
    interval: timedelta = REMINDER_INTERVAL,
) -> int:
    """Remind the invitees who have not answered (invited or last reminded at least
    `interval` ago); never those who have. Returns how many are reminded. `actor` None is the
    scheduled command."""
    _manager_check(survey, actor)
    now = now or timezone.now()
    if survey_state(survey, now=now) != "open":
        if actor is None:
            return 0
        raise ValidationError(_("Reminders go only while the survey is open."))
    due = (
        invitations_unanswered(survey)
        .filter(invited_at__lte=now - interval)
        .exclude(reminded_at__gt=now - interval)
        .select_for_update()
    )
    ids = list(due.values_list("pk", flat=True))
    if ids:
        for invitation in SurveyInvitation.objects.filter(pk__in=ids):
            invitation.reminded_at = now
            invitation.reminder_count += 1
            invitation.save(update_fields=["reminded_at", "reminder_count"])
        log_action(
            "surveys.invitations.reminded",
            actor=actor,
            target=survey,
            scope=survey.owner,
            data={"reminded": len(ids)},
        )
        transaction.on_commit(
            lambda: tasks.survey_invitation_send.enqueue(invitation_ids=ids, reminder=True)
        )
    return len(ids)


def reminders_send_due(*, now: datetime | None = None) -> int:
    """The scheduled reminders of every open survey with invitations."""
    now = now or timezone.now()
    surveys = Survey.objects.filter(status="open", invitations__isnull=False).distinct()
    return sum(reminders_send(survey=survey, actor=None, now=now) for survey in surveys)
