"""Access to pairs and reviews of work, fetched and authorised in one step: 404 for what the
reader may not see. A pair is seen by its mentor, its mentee (every enrolled person of a paired
institution) and the programme's organisers; a review by the same people."""

from dataclasses import dataclass

from django.http import Http404

from glasnik.programs.access import program_for_user

from .models import ActionItem, MentoringPair, ReviewVersion, WorkReview
from .pair_services import pair_of_mentee

MANAGE = "programs.manage_program"


def program_for_organiser(user, slug: str):
    return program_for_user(user, slug, permission=MANAGE)


@dataclass(frozen=True)
class PairAccess:
    pair: MentoringPair
    is_mentor: bool
    is_mentee: bool
    is_organiser: bool

    @property
    def may_edit(self) -> bool:
        """The goals: the mentor and the organisers."""
        return self.is_mentor or self.is_organiser


def _access(user, pair: MentoringPair) -> PairAccess:
    if not user.is_authenticated:
        raise Http404
    is_mentor = pair.mentor_id == user.pk
    is_organiser = user.has_perm(MANAGE, pair.program)
    is_mentee = not is_mentor and pair_of_mentee(pair, user)
    if not (is_mentor or is_mentee or is_organiser):
        raise Http404
    return PairAccess(pair, is_mentor, is_mentee, is_organiser)


def pair_for_user(user, pk: int) -> PairAccess:
    pair = (
        MentoringPair.objects.select_related(
            "program__organization", "mentor", "mentee", "organization"
        )
        .filter(pk=pk)
        .first()
    )
    if pair is None:
        raise Http404
    return _access(user, pair)


def item_for_user(user, pk: int) -> tuple[ActionItem, PairAccess]:
    item = ActionItem.objects.filter(pk=pk).first()
    if item is None:
        raise Http404
    access = pair_for_user(user, item.pair_id)
    item.pair = access.pair
    return item, access


def review_for_user(user, pk: int) -> tuple[WorkReview, PairAccess]:
    review = WorkReview.objects.select_related("author").filter(pk=pk).first()
    if review is None:
        raise Http404
    access = pair_for_user(user, review.pair_id)
    review.pair = access.pair
    return review, access


def review_for_mentor(user, pk: int) -> tuple[WorkReview, PairAccess]:
    review, access = review_for_user(user, pk)
    if not access.is_mentor:
        raise Http404
    return review, access


def version_for_user(user, pk: int) -> ReviewVersion:
    version = ReviewVersion.objects.filter(pk=pk).first()
    if version is None:
        raise Http404
    review_for_user(user, version.review_id)
    return version
