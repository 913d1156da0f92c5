from django.utils import timezone

from ..models import Call, Network


def calls_public_for_network(network: Network) -> list[Call]:
    """The network's published calls, the ones still accepting statements first."""
    now = timezone.now()
    calls = list(Call.objects.filter(network=network, is_published=True).order_by("-opens_at"))
    return sorted(calls, key=lambda call: call.closes_at < now)
