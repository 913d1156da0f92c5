from django import template
from django.urls import reverse

from ..models import CalendarToken
from ..selectors import network_next_meetings_kept

register = template.Library()

NEXT_MEETINGS = 3


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
        "meetings": network_next_meetings_kept(network, members=members, limit=NEXT_MEETINGS),
        "feed_url": feed_url,
        "request": request,
    }
