"""Writes to a network's own page and to who organises it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from glasnik.access.models import Role
from glasnik.access.services import role_grant, role_revoke
from glasnik.audit.services import log_action

from ..models import Network
from ..selectors.directory import directory_cache_clear
from ..selectors.network import network_organisers
from .learning_topics import network_set_learning_topics

# What organisers edit on the network's page.
PAGE_FIELDS = (
    "name",
    "summary",
    "aims",
    "audience",
    "how_it_works",
    "contact_email",
    "contact_phone",
    "time_zone",
    "language",
)


@transaction.atomic
def network_update(
    *, network: Network, actor, learning_topics: str | None = None, **fields
) -> Network:
    """Save the organisers' edit of the network's page; the audit entry names what changed."""
    unknown = set(fields) - set(PAGE_FIELDS)
    if unknown:
        raise TypeError(f"Not a page field: {', '.join(sorted(unknown))}")
    changed = []
    for name, value in fields.items():
        value = value.strip() if isinstance(value, str) else value
        if getattr(network, name) != value:
            setattr(network, name, value)
            changed.append(name)
    if changed:
        network.save(update_fields=[*changed, "updated_at"])
        directory_cache_clear(network.pk, old_address=network.slug)  # its pages name it
        log_action(
            "networks.network.changed",
            actor=actor,
            target=network,
            data={"fields": sorted(changed)},
        )
    if learning_topics is not None and learning_topics.strip() != network.learning_topics:
        network_set_learning_topics(network=network, topics=learning_topics, actor=actor)
    return network


@transaction.atomic
def network_organiser_add(*, network: Network, person, actor) -> None:
    """Make a person an organiser of the network. Organisers must use two-factor sign-in,
    which the platform asks of them at their next page."""
    role_grant(person=person, role=Role.ORGANISER, scope=network, actor=actor)


@transaction.atomic
def network_organiser_remove(*, network: Network, person, actor) -> None:
    """Take the organiser role away; a network always keeps at least one organiser."""
    organisers = list(network_organisers(network).select_for_update())
    if person not in organisers:
        raise ValidationError(_("This person is not an organiser of the network."))
    if len(organisers) == 1:
        raise ValidationError(_("A network needs at least one organiser."))
    role_revoke(person=person, role=Role.ORGANISER, scope=network, actor=actor)
