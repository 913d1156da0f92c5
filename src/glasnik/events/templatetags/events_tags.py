from django import template
from django.urls import reverse

from glasnik.core.object_cache import object_cache_get_until

from ..models import CalendarToken
from ..selectors import network_next_meetings

register = template.Library()

NEXT_MEETINGS = 3


def next_meetings_kept(network, *, members: bool) -> list:
    """The network's next meetings (all, or the public ones), kept with the network until the
    first of them is over or a meeting of the network is saved (`EventsConfig.ready`)."""

    def read():
        meetings = network_next_meetings(network, members=members, limit=NEXT_MEETINGS)
        return meetings, min((meeting.ends_at for meeting in meetings), default=None)

    name = f"next-meetings:{'members' if members else 'public'}"
    return object_cache_get_until("network", network.pk, name, read)


@register.inclusion_tag("events/includes/network_meetings.html", takes_context=True)
def network_meetings(context, network):
    """The network's next few meetings for its page, with links to all of them and to a
    calendar feed (the person's own for members, the public one for everyone else). A tag
    only reads: a member whose feed secret is not made yet is sent to their meetings page,
    which makes it."""
    request = context.get("request")
    user = getattr(request, "user", None)
    members = user is not None and user.has_perm("networks.view_members_area", network)
    feed_url = ""
    if members and user.is_authenticated:
        token = CalendarToken.objects.filter(person=user).first()
        feed_url = (
            reverse("events:personal_network_feed", args=[token.token, network.slug])
            if token is not None
            else reverse("events:my_meetings")
        )
    return {
        "network": network,
        "meetings": next_meetings_kept(network, members=members),
        "feed_url": feed_url,
        "request": request,
    }
