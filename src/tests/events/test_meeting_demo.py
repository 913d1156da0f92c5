import pytest
from django.core.management import call_command
from django.utils import timezone

from glasnik.events.models import Event, EventMode, EventSeries, Rsvp
from glasnik.networks.models import Network

pytestmark = pytest.mark.django_db


def test_demo_gives_each_network_a_monthly_series_with_a_past_needs_meeting(capsys):
    call_command("demo")
    call_command("demo")  # idempotent
    capsys.readouterr()

    now = timezone.now()
    for network in Network.objects.all():
        assert EventSeries.objects.filter(network=network).count() == 1
        events = list(Event.objects.filter(network=network).order_by("starts_at"))
        needs = events[0]
        assert needs.is_needs_meeting
        assert needs.ends_at < now
        assert needs.minutes
        assert needs.needs_outcome
        network.refresh_from_db()
        assert network.learning_topics == needs.needs_outcome
        upcoming = [event for event in events if event.starts_at > now]
        assert {event.mode for event in upcoming} == {EventMode.ONLINE, EventMode.IN_PERSON}
        assert upcoming[0].agenda_items.exists()
        # Every member but the first has answered; the first is left to answer in the demo.
        members = network.memberships.filter(status="member").count()
        assert Rsvp.objects.filter(event=upcoming[0]).count() == min(members - 1, 3)
