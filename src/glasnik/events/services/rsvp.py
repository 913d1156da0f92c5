"""Members' answers to "will you come?", and the secret addresses of their calendar feeds."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from glasnik.audit.services import log_action

from ..models import CalendarToken, Event, Rsvp, RsvpAnswer, new_calendar_token


@transaction.atomic
def rsvp_set(*, event: Event, person, answer: str) -> Rsvp:
    """Record or change a person's answer. One answer per person per meeting: the database's
    unique constraint holds even when two tabs answer at once."""
    if not person.has_perm("events.rsvp_event", event):
        raise PermissionDenied
    if answer not in RsvpAnswer.values:
        raise ValidationError({"answer": _("Choose yes, maybe or no.")})
    if event.is_cancelled:
        raise ValidationError(_("This meeting has been cancelled."))
    if event.ends_at <= timezone.now():
        raise ValidationError(_("This meeting is over; answers are closed."))
    rsvp, created = Rsvp.objects.select_for_update().get_or_create(
        event=event, person=person, defaults={"answer": answer}
    )
    if not created and rsvp.answer != answer:
        rsvp.answer = answer
        rsvp.save(update_fields=["answer", "updated_at"])
    elif not created:
        return rsvp
    log_action(
        "events.rsvp.answered",
        actor=person,
        target=event,
        scope=event.audit_scope,
        data={"answer": answer},
    )
    return rsvp


def calendar_token_get(*, person) -> CalendarToken:
    """The person's calendar feed secret, made on first use."""
    token, _ = CalendarToken.objects.get_or_create(person=person)
    return token


@transaction.atomic
def calendar_token_reset(*, person) -> CalendarToken:
    """Replace the secret: the old feed address stops working at once."""
    token, created = CalendarToken.objects.select_for_update().get_or_create(person=person)
    if not created:
        token.token = new_calendar_token()
        token.save(update_fields=["token"])
    log_action("events.calendar_token.reset", actor=person, target=person)
    return token
