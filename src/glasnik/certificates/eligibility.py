"""Who has earned a certificate.

- Attendance (an event): only once the event has ended, and by the event's attendance rule, as
  the events app decides it (`meets_attendance_rule`: the days the organiser requires, or every
  day). Before the end nobody has attended it yet, whatever the check-in list says. A cancelled
  event gives none.
- Completion (a programme), kept simple: an enrolled participant who met the attendance rule of
  every event of the programme that takes registrations and is not cancelled. Events without
  registration (e.g. open webinars) do not count, because nobody's attendance is recorded there.
"""

from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from glasnik.events.models import Event, EventStatus, Registration
from glasnik.events.selectors.attendance import (
    meets_attendance_rule,
    meets_attendance_rule_each,
)
from glasnik.programs.models import Enrolment, EnrolmentStatus, Program


def event_has_ended(event: Event, *, now: datetime | None = None) -> bool:
    return event.ends_at <= (now or timezone.now())


def event_not_ended_reason(event: Event) -> str:
    return _(
        "The event has not ended yet (it ends on %(day)s): certificates are issued once it is over."
    ) % {"day": date_format(event.days[-1], "DATE_FORMAT")}


def event_cancelled_reason(event: Event) -> str:
    return _("“%(event)s” was cancelled; no certificate is issued for it.") % {"event": event.title}


def event_certificate_refusal(event: Event, *, now: datetime | None = None) -> str:
    """Why no certificate of the event can be issued at all yet (cancelled, not over), or ""."""
    if event.is_cancelled:
        return event_cancelled_reason(event)
    if not event_has_ended(event, now=now):
        return event_not_ended_reason(event)
    return ""


def event_rule_met(registration: Registration, *, now: datetime | None = None) -> tuple[bool, str]:
    """(met, reason): the reason says what is missing when the rule is not met."""
    refusal = event_certificate_refusal(registration.event, now=now)
    if refusal:
        return False, refusal
    return meets_attendance_rule(registration)


def program_events_counted(program: Program):
    return (
        Event.objects.filter(program=program, registration_enabled=True)
        .exclude(status=EventStatus.CANCELLED)
        .order_by("starts_at", "pk")
    )


def program_rule_met(program: Program, person) -> tuple[bool, str]:
    """(met, reason) for a certificate of completion of the programme."""
    return program_rule_met_each(program, [person.pk])[person.pk]


def program_rule_met_each(program: Program, person_ids) -> dict[int, tuple[bool, str]]:
    """`program_rule_met` for many people at once, by person id, in the same few queries
    however many there are (the bulk issue to a whole programme)."""
    person_ids = list(person_ids)
    enrolled = set(
        Enrolment.objects.filter(
            program=program, person_id__in=person_ids, status=EnrolmentStatus.ENROLLED
        ).values_list("person_id", flat=True)
    )
    events = list(program_events_counted(program)) if enrolled else []
    by_event = {event.pk: event for event in events}
    registrations = {}
    for registration in Registration.objects.filter(event__in=events, person_id__in=enrolled):
        registration.event = by_event[registration.event_id]
        registrations[registration.event_id, registration.person_id] = registration
    verdicts = meets_attendance_rule_each(registrations.values())
    return {
        person_id: _program_verdict(
            person_id, person_id in enrolled, events, registrations, verdicts
        )
        for person_id in person_ids
    }


def _program_verdict(person_id, enrolled, events, registrations, verdicts) -> tuple[bool, str]:
    if not enrolled:
        return False, _("Only enrolled participants of the programme receive a certificate.")
    if not events:
        return False, _("The programme has no events with recorded attendance yet.")
    for event in events:
        registration = registrations.get((event.pk, person_id))
        if registration is None:
            return False, _("Not registered for “%(event)s”.") % {"event": event.title}
        refusal = event_certificate_refusal(event)
        met, reason = (False, refusal) if refusal else verdicts[registration.pk]
        if not met:
            return False, _("“%(event)s”: %(reason)s") % {"event": event.title, "reason": reason}
    return True, ""
