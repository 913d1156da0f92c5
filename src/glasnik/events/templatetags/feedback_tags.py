"""`{% feedback_links event %}`: on an event's page, the way to the feedback form for a
participant (while it is open and unanswered) and to the results for its organisers, with the
links other apps add to an event (`glasnik.core.page_links`, place "event")."""

from django import template

from glasnik.core.page_links import page_links

from ..selectors import feedback as selectors

register = template.Library()


@register.inclusion_tag("events/feedback/_links.html", takes_context=True)
def feedback_links(context, event):
    user = context["request"].user
    if not user.is_authenticated:
        return {"event": event}
    # What higher apps add (the surveys' questionnaire after the event).
    extra = page_links("event", user, event)
    state = selectors.feedback_window_state(event)
    can_manage = user.has_perm("events.manage_event", event)
    answer = state == "open" and selectors.feedback_is_participant(event, user)
    receipt = selectors.feedback_receipt_of(event, user) if answer else None
    return {
        "event": event,
        "can_manage": can_manage,
        "can_answer": answer and (receipt is None or receipt.answered_at is None),
        "answered": receipt is not None and receipt.answered_at is not None,
        "closes_at": selectors.feedback_closes_at(event),
        "extra_links": extra,
    }
