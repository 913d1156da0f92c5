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


def learning_topic_lines(network: Network) -> list[str]:
    return [line.strip() for line in network.learning_topics.splitlines() if line.strip()]


@transaction.atomic
def network_add_learning_topic(*, network: Network, topic: str, actor, source=None) -> bool:
    """Add `topic` as a line of the year's learning topics unless it is there already (in any
    case); whether it was added. `source` (e.g. the survey it came from) goes into the log."""
    network = Network.objects.select_for_update().get(pk=network.pk)
    topic = " ".join(topic.split())[:200]
    if not topic or topic.casefold() in {t.casefold() for t in learning_topic_lines(network)}:
        return False
    network.learning_topics = "\n".join([*learning_topic_lines(network), topic])
    network.learning_topics_updated_at = timezone.now()
    network.save(update_fields=["learning_topics", "learning_topics_updated_at", "updated_at"])
    data = {"source": f"{source._meta.label_lower}:{source.pk}"} if source is not None else {}
    log_action("networks.learning_topic.added", actor=actor, target=network, data=data)
    return True
