"""Template tags only read: showing a network's page makes no calendar secret, and an event's
page works out its registration box in the view."""

import pytest
from django.urls import reverse

from glasnik.events.models import CalendarToken
from glasnik.events.services.rsvp import calendar_token_get

pytestmark = pytest.mark.django_db


def test_network_page_makes_no_calendar_secret(client, member, make_meeting):
    make_meeting()
    client.force_login(member)

    content = client.get(reverse("networks:detail", args=["mreza"])).content.decode()

    assert not CalendarToken.objects.filter(person=member).exists()
    assert f'href="{reverse("events:my_meetings")}"' in content


def test_network_page_links_the_members_own_feed_once_it_exists(client, member, make_meeting):
    make_meeting()
    token = calendar_token_get(person=member)
    client.force_login(member)

    content = client.get(reverse("networks:detail", args=["mreza"])).content.decode()

    feed = reverse("events:personal_network_feed", args=[token.token, "mreza"])
    assert f'href="{feed}"' in content
