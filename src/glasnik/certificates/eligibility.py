"""Who has earned a certificate.

- Attendance (an event): only once the event has ended, and by the event's attendance rule, as
  the events app decides it (`meets_attendance_rule`: the days the organiser requires, or every
  day). Before the end nobody has attended it yet, whatever the check-in list says.
- Completion (a programme), kept simple: an enrolled participant who met the attendance rule of
  every event of the programme that takes registrations and is not cancelled. Events without
  registration (e.g. open webinars) do not count, because nobody's attendance is recorded there.
"""

from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from glasnik.events.models import Event, EventStatus, Registration
from glasnik.events.selectors.attendance import event_local_date, meets_attendance_rule
from glasnik.programs.models import Enrolment, EnrolmentStatus, Program


def event_has_ended(event: Event, *, now: datetime | None = None) -> bool:
    return event.ends_at <= (now or timezone.now())


def event_not_ended_reason(event: Event) -> str:
    return _(
        "The event has not ended yet (it ends on %(day)s): certificates are issued once it is over."
    ) % {"day": date_format(event_local_date(event, event.ends_at), "DATE_FORMAT")}


def event_rule_met(registration: Registration, *, now: datetime | None = None) -> tuple[bool, str]:
    """(met, reason): the reason says what is missing when the rule is not met."""
    if not event_has_ended(registration.event, now=now):
        return False, event_not_ended_reason(registration.event)
    return meets_attendance_rule(registration)


def program_events_counted(program: Program):
    return (
        Event.objects.filter(program=program, registration_enabled=True)
        .exclude(status=EventStatus.CANCELLED)
        .order_by("starts_at", "pk")
    )


def program_rule_met(program: Program, person) -> tuple[bool, str]:
    """(met, reason) for a certificate of completion of the programme."""
    enrolled = Enrolment.objects.filter(
        program=program, person=person, status=EnrolmentStatus.ENROLLED
    ).exists()
    if not enrolled:
        return False, _("Only enrolled participants of the programme receive a certificate.")
    events = list(program_events_counted(program))
    if not events:
        return False, _("The programme has no events with recorded attendance yet.")
    registrations = {
        registration.event_id: registration
        for registration in Registration.objects.filter(event__in=events, person=person)
    }
    for event in events:
        registration = registrations.get(event.pk)
        if registration is None:
            return False, _("Not registered for “%(event)s”.") % {"event": event.title}
        met, reason = event_rule_met(registration)
        if not met:
            return False, _("“%(event)s”: %(reason)s") % {"event": event.title, "reason": reason}
    return True, ""
