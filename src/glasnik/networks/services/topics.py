"""Topic proposals: members propose topics for meetings and trainings and vote for others'."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from glasnik.audit.services import log_action

from ..models import Network, TopicKind, TopicProposal, TopicStatus, TopicVote


@transaction.atomic
def topic_propose(
    *, network: Network, author, title: str, description: str = "", kind: str
) -> TopicProposal:
    if kind not in TopicKind.values:
        raise ValidationError(_("Choose whether the topic is for a meeting or a training."))
    title = title.strip()
    if not title:
        raise ValidationError(_("Give the topic a title."))
    proposal = TopicProposal.objects.create(
        network=network, author=author, title=title, description=description.strip(), kind=kind
    )
    log_action("networks.topic.proposed", actor=author, target=proposal, scope=network)
    return proposal


def topic_vote_cast(*, proposal: TopicProposal, person) -> bool:
    """Vote for a proposal. Voting twice (two tabs, a double click) leaves one vote; returns
    whether this call added it."""
    if proposal.author_id == person.pk:
        raise ValidationError(_("You cannot vote for your own proposal."))
    if proposal.status == TopicStatus.DONE:
        raise ValidationError(_("Voting has ended: this topic has been covered."))
    try:
        with transaction.atomic():
            _vote, created = TopicVote.objects.get_or_create(proposal=proposal, person=person)
    except IntegrityError:
        # Another request created the same vote between our read and our write.
        return False
    return created


def topic_vote_withdraw(*, proposal: TopicProposal, person) -> bool:
    """Take one's vote back; returns whether there was one."""
    deleted, _rows = TopicVote.objects.filter(proposal=proposal, person=person).delete()
    return bool(deleted)


@transaction.atomic
def topic_status_set(*, proposal: TopicProposal, status: str, actor) -> TopicProposal:
    """Organisers mark a proposal planned or done (or back to proposed)."""
    if status not in TopicStatus.values:
        raise ValidationError(_("Choose a valid status."))
    if status == proposal.status:
        return proposal
    previous = proposal.status
    proposal.status = status
    proposal.save(update_fields=["status", "updated_at"])
    log_action(
        "networks.topic.status_changed",
        actor=actor,
        target=proposal,
        scope=proposal.network,
        data={"from": previous, "to": status},
    )
    return proposal
