"""The jury: jurors assigned (with the juror's role, which asks for two-factor
authentication), conflicts declared, scores and written feedback while the jury period lasts."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from glasnik.access.models import Role
from glasnik.access.services import role_grant, role_revoke
from glasnik.audit.services import log_action

from .. import selectors
from ..models import Competition, Conflict, Criterion, Entry, Juror, Score, ScoreSheet
from .setup import editable_check, filed_under


@transaction.atomic
def juror_assign(*, competition: Competition, person, actor, categories=(), entries=()) -> Juror:
    editable_check(competition)
    juror, created = Juror.objects.get_or_create(competition=competition, person=person)
    # The juror's role opens the jury's pages and asks for two-factor authentication.
    role_grant(person=person, role=Role.JUROR, scope=competition, actor=actor)
    juror.categories.set(categories)
    juror.entries.set(entries)
    log_action(
        "competitions.juror.assigned",
        actor=actor,
        target=juror,
        scope=filed_under(competition),
        data={
            "person": person.pk,
            "categories": [c.pk for c in categories],
            "entries": [e.pk for e in entries],
            "new": created,
        },
    )
    return juror


@transaction.atomic
def juror_remove(*, juror: Juror, actor) -> None:
    """A juror assigned by mistake leaves the jury (and the juror's role on the competition),
    while they have scored nothing."""
    competition = juror.competition
    editable_check(competition)
    if Score.objects.filter(sheet__juror=juror).exists():
        raise ValidationError(
            _("A juror who has scored entries cannot be removed: their scores count."),
            code="in_use",
        )
    log_action(
        "competitions.juror.removed",
        actor=actor,
        target=juror,
        scope=filed_under(competition),
        data={"person": juror.person_id},
    )
    role_revoke(person=juror.person, role=Role.JUROR, scope=competition, actor=actor)
    juror.delete()


@transaction.atomic
def conflict_declare(*, juror: Juror, entry: Entry, actor, reason: str = "") -> Conflict:
    """The juror's sheet for the entry stops counting (scores already given stay recorded)."""
    editable_check(juror.competition)
    if entry.competition_id != juror.competition_id:
        raise ValidationError(_("This entry is not part of the competition."))
    conflict, created = Conflict.objects.get_or_create(
        juror=juror, entry=entry, defaults={"reason": reason}
    )
    if created:
        log_action(
            "competitions.conflict.declared",
            actor=actor,
            target=conflict,
            scope=filed_under(juror.competition),
            data={"juror": juror.pk, "entry": entry.pk},
        )
    return conflict


def _scoring_check(juror: Juror, entry: Entry) -> None:
    competition = juror.competition
    editable_check(competition)
    if not competition.scoring_open():
        raise ValidationError(
            _("Scoring is closed: scores can be given only during the jury period."),
            code="scoring_locked",
        )
    if entry.competition_id != competition.pk or not entry.is_submitted:
        raise ValidationError(_("This entry cannot be scored."), code="not_scorable")
    if not selectors.juror_may_score(juror, entry):
        raise ValidationError(_("You are not on the jury for this entry."), code="not_assigned")
    if selectors.juror_conflicted(juror, entry):
        raise ValidationError(
            _("You have a conflict of interest with this entry and cannot score it."),
            code="conflicted",
        )


def _decimal_text(value: Decimal) -> str:
    return format(value.normalize(), "f")


@transaction.atomic
def score_set(
    *, juror: Juror, entry: Entry, criterion: Criterion, value, actor, comment: str = ""
) -> Score:
    """A juror's score on one criterion, from 0 to the criterion's highest score."""
    _scoring_check(juror, entry)
    if criterion.competition_id != juror.competition_id:
        raise ValidationError(_("This criterion is not part of the competition."))
    try:
        value = Decimal(str(value))
    except InvalidOperation as error:
        raise ValidationError(_("Enter a number."), code="invalid") from error
    if not value.is_finite() or value < 0 or value > criterion.max:
        raise ValidationError(
            _("The score must be from 0 to %(max)s.") % {"max": criterion.max}, code="scale"
        )
    sheet, _created = ScoreSheet.objects.select_for_update().get_or_create(juror=juror, entry=entry)
    score = Score.objects.filter(sheet=sheet, criterion=criterion).first()
    old = None if score is None else (score.value, score.comment)
    if old == (value, comment):
        return score
    if score is None:
        score = Score.objects.create(sheet=sheet, criterion=criterion, value=value, comment=comment)
    else:
        score.value, score.comment = value, comment
        score.save(update_fields=["value", "comment", "updated_at"])
    log_action(
        "competitions.score.set",
        actor=actor,
        target=sheet,
        scope=filed_under(juror.competition),
        data={
            "juror": juror.pk,
            "entry": entry.pk,
            "criterion": criterion.key,
            "old": None if old is None else _decimal_text(old[0]),
            "new": _decimal_text(value),
            "comment_changed": (old is None and bool(comment))
            or (old is not None and old[1] != comment),
        },
    )
    return score


@transaction.atomic
def feedback_set(*, juror: Juror, entry: Entry, feedback: str, actor) -> ScoreSheet:
    """The juror's general written feedback for the entrant (shown without the juror's name)."""
    _scoring_check(juror, entry)
    sheet, _created = ScoreSheet.objects.get_or_create(juror=juror, entry=entry)
    if sheet.feedback != feedback:
        sheet.feedback = feedback
        sheet.save(update_fields=["feedback", "updated_at"])
        log_action(
            "competitions.feedback.set",
            actor=actor,
            target=sheet,
            scope=filed_under(juror.competition),
            data={"juror": juror.pk, "entry": entry.pk},
        )
    return sheet
