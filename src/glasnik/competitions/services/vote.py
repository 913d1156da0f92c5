"""The public vote: one vote per verified account per category, also under concurrency."""

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from glasnik.audit.services import log_action

from ..models import Entry, Vote
from .setup import filed_under


def vote_cast(*, entry: Entry, person) -> Vote:
    """A verified account's vote in the entry's category, while the vote is open. A second
    vote in the category is refused, also when both arrive at the same moment."""
    competition = entry.competition
    if not competition.vote_open():
        raise ValidationError(_("The public vote is not open."), code="vote_closed")
    if not entry.is_submitted:
        raise ValidationError(_("This entry cannot be voted for."), code="not_votable")
    if not EmailAddress.objects.filter(user=person, verified=True).exists():
        raise ValidationError(
            _("Only accounts with a confirmed email address can vote."), code="not_verified"
        )
    second = ValidationError(_("You have already voted in this category."), code="already_voted")
    if Vote.objects.filter(person=person, category_id=entry.category_id).exists():
        raise second
    try:
        with transaction.atomic():
            vote = Vote.objects.create(category_id=entry.category_id, entry=entry, person=person)
            log_action(
                "competitions.vote.cast",
                actor=person,
                target=entry,
                scope=filed_under(competition),
                data={"category": entry.category_id},
            )
    except IntegrityError as error:
        raise second from error
    return vote
