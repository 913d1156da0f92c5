from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from glasnik.audit.services import log_action

from .models import PROFILE_FIELDS, Position, User
from .selectors import forget_positions
from .signals import person_renamed


@transaction.atomic
def profile_update(*, person: User, actor: User, **changes) -> User:
    changed = [
        field
        for field in PROFILE_FIELDS
        if field in changes and getattr(person, field) != changes[field]
    ]
    for field in changed:
        setattr(person, field, changes[field])
    if changed:
        person.save(update_fields=changed)
        # Field names only: the values are personal data.
        log_action("accounts.profile.updated", actor=actor, target=person, data={"fields": changed})
    if {"first_name", "last_name"} & set(changed):
        person_renamed.send(sender=User, person_ids=[person.pk])
    return person


@transaction.atomic
def position_add(
    *,
    person: User,
    organization,
    title: str,
    since: date | None = None,
    until: date | None = None,
    actor: User,
) -> Position:
    position = Position.objects.create(
        person=person, organization=organization, title=title, since=since, until=until
    )
    log_action("accounts.position.added", actor=actor, target=position, scope=organization)
    forget_positions(person.pk)
    return position


@transaction.atomic
def position_ensure(*, person: User, organization, title: str, actor: User) -> Position:
    """The person's current position at the institution; added with `title` when there is none
    (a membership statement approved, a programme joined), so the profile says where they work."""
    today = timezone.localdate()
    current = (
        Position.objects.filter(person=person, organization=organization)
        .filter(Q(until__isnull=True) | Q(until__gte=today))
        .order_by("-since", "pk")
        .first()
    )
    if current is not None:
        return current
    return position_add(person=person, organization=organization, title=title, actor=actor)


@transaction.atomic
def position_remove(*, position: Position, actor: User) -> None:
    log_action(
        "accounts.position.removed",
        actor=actor,
        target=position,
        scope=position.organization,
        data={"position_id": position.pk},
    )
    position.delete()
    forget_positions(position.person_id)
