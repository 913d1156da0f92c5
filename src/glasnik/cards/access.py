"""Who may see and make an institution's cards: `glasnik.toolkit.access` decides (its staff,
approvers, paired mentors and programme organisers read them; its staff make them); a card is
fetched with its institution's access in one step, 404 for whoever may not see it."""

from dataclasses import dataclass

from django.http import Http404

from glasnik.toolkit.access import InstitutionAccess, institution_access, institution_for_user

from .models import Card


@dataclass(frozen=True)
class CardAccess:
    card: Card
    access: InstitutionAccess


def institution_for_cards(user, slug: str, *, edit: bool = False) -> InstitutionAccess:
    access = institution_for_user(user, slug)
    if edit and not access.may_edit:
        raise Http404
    return access


def card_for_user(user, pk: int, *, edit: bool = False) -> CardAccess:
    card = Card.objects.select_related("organization", "created_by").filter(pk=pk).first()
    if card is None or not user.is_authenticated:
        raise Http404
    access = institution_access(user, card.organization)
    if not access.may_view or (edit and not access.may_edit):
        raise Http404
    return CardAccess(card, access)
