from django.db import transaction
from django.utils import timezone

from glasnik.audit.services import log_action

from ..models import Network


@transaction.atomic
def network_set_learning_topics(*, network: Network, topics: str, actor) -> Network:
    """Record the year's learning topics (the outcome of the network's needs meeting)."""
    network.learning_topics = topics.strip()
    network.learning_topics_updated_at = timezone.now()
    network.save(update_fields=["learning_topics", "learning_topics_updated_at", "updated_at"])
    log_action("networks.learning_topics.set", actor=actor, target=network)
    return network
