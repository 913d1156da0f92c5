"""The registration box on an event's page: the person's state and what they can do."""

from django import template
from django.core.exceptions import ValidationError

from ..selectors import registration as selectors
from ..services import registration as services
from ..services import seats

register = template.Library()


@register.simple_tag(takes_context=True)
def registration_box_state(context, event) -> dict:
    """Everything the box shows, in a few queries: the person's registration, free seats,
    why registration is closed to them (if it is)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if event is None or not event.registration_enabled or user is None:
        return {"enabled": False}
    registration = selectors.registration_of(user, event)
    active = registration is not None and registration.status in selectors.ACTIVE_STATUSES
    closed_reason = ""
    if not active:
        try:
            services.registration_window_check(event)
            if user.is_authenticated:
                services.take_part_check(event, user)
        except ValidationError as error:
            closed_reason = " ".join(error.messages)
    can_manage = user.has_perm("events.manage_event", event)
    return {
        "enabled": True,
        "registration": registration,
        "active": active,
        "message": services.registration_status_message(registration) if registration else "",
        "show_link": selectors.online_link_visible_to(registration),
        "closed_reason": closed_reason,
        "capacity": event.capacity,
        "free_seats": seats.free_seats(event),
        "can_manage": can_manage,
        "seats_taken": seats.seats_taken(event) if can_manage else 0,
    }
