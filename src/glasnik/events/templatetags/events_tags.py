from django import template

register = template.Library()


@register.inclusion_tag("events/includes/network_meetings.html", takes_context=True)
def network_meetings(context, network):
    """The network's upcoming meetings, for its page (filled in with the events feature)."""
    return {"network": network, "meetings": [], "request": context.get("request")}
