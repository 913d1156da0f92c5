"""Every write to office hours: a mentor publishes slots (once, or weekly for some weeks) and
removes free ones; a participant books a free slot with a topic; either side cancels with
notice. Each decision is written to the audit log under the programme, and each booking and
cancellation emails both sides (through the outbox, once the transaction commits) with a
calendar invitation attached.

No double booking, on PostgreSQL and SQLite alike: the slot's row is locked before the booking is
written, and the database holds at most one active booking per slot."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from glasnik.audit.services import log_action
from glasnik.core.email import email_queue, email_render
from glasnik.core.links import public_url
from glasnik.events.recurrence import Frequency, rrule_build, rrule_occurrences
from glasnik.programs.models import Program

from .ical import FILENAME, MIMETYPE, booking_calendar
from .models import OfficeHourBooking, OfficeHourSlot

CANCEL_NOTICE_HOURS = 12
CANCEL_NOTICE = timedelta(hours=CANCEL_NOTICE_HOURS)
MAX_WEEKS = 26


@transaction.atomic
def office_hours_publish(
    *,
    program: Program,
    mentor,
    starts_at: datetime,
    duration_minutes: int,
    meeting_url: str,
    weeks: int = 1,
) -> list[OfficeHourSlot]:
    """Slots at `starts_at` (the programme's wall-clock time) and, for `weeks` > 1, at the same
    time each following week. A start already offered by the mentor is left as it is."""
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValidationError(
            _("Repeat for 1 to %(weeks)d weeks.") % {"weeks": MAX_WEEKS}, code="weeks"
        )
    local = starts_at.astimezone(ZoneInfo(program.time_zone))
    starts = rrule_occurrences(
        rrule_build(frequency=Frequency.WEEKLY, first=local.date(), count=weeks),
        first_local=local,
        time_zone=program.time_zone,
        limit=weeks,
    )
    if starts[0] <= timezone.now():
        raise ValidationError(_("Choose a time in the future."), code="past")
    taken = set(
        OfficeHourSlot.objects.filter(mentor=mentor, starts_at__in=starts).values_list(
            "starts_at", flat=True
        )
    )
    slots = OfficeHourSlot.objects.bulk_create(
        [
            OfficeHourSlot(
                program=program,
                mentor=mentor,
                starts_at=start,
                duration_minutes=duration_minutes,
                meeting_url=meeting_url,
            )
            for start in starts
            if start not in taken
        ]
    )
    log_action(
        "mentoring.office_hours.published",
        actor=mentor,
        target=program,
        data={"slots": len(slots), "weeks": weeks},
    )
    return slots


@transaction.atomic
def office_hour_slot_remove(*, slot: OfficeHourSlot, actor) -> None:
    """Take back a free slot; a booked one is cancelled first (which tells the participant)."""
    slot = OfficeHourSlot.objects.select_for_update().get(pk=slot.pk)
    if slot.bookings.filter(cancelled_at__isnull=True).exists():
        raise ValidationError(
            _("This slot is booked: cancel the booking first, so the participant is told."),
            code="booked",
        )
    log_action(
        "mentoring.office_hours.slot_removed",
        actor=actor,
        target=slot,
        scope=slot.program,
        data={"slot": slot.pk},
    )
    slot.delete()


@transaction.atomic
def office_hour_book(
    *, slot: OfficeHourSlot, participant, topic: str, notify: bool = True
) -> OfficeHourBooking:
    """Book a free slot that has not started. Of two people booking the same slot at once, the
    second waits for the first's lock and is then told the slot is taken. Both sides are
    emailed unless `notify` is off (the demo's people have no real inboxes)."""
    topic = topic.strip()
    if not topic:
        raise ValidationError(_("Say what you would like to talk about."), code="topic")
    slot = (
        OfficeHourSlot.objects.select_for_update()
        .select_related("program", "mentor")
        .get(pk=slot.pk)
    )
    if slot.starts_at <= timezone.now():
        raise ValidationError(_("This slot has already started or passed."), code="past")
    if slot.mentor_id == participant.pk:
        raise ValidationError(_("You cannot book your own slot."), code="own")
    try:
        with transaction.atomic():
            booking = OfficeHourBooking.objects.create(
                slot=slot, participant=participant, topic=topic
            )
    except IntegrityError as error:
        raise ValidationError(
            _("Someone else has just booked this slot. Please choose another one."),
            code="taken",
        ) from error
    log_action(
        "mentoring.office_hours.booked",
        actor=participant,
        target=booking,
        scope=slot.program,
        data={"slot": slot.pk},
    )
    if notify:
        for person in (participant, slot.mentor):
            _email(booking, person, cancelled=False)
    return booking


def office_hour_can_cancel(booking: OfficeHourBooking) -> bool:
    return booking.is_active and timezone.now() <= booking.slot.starts_at - CANCEL_NOTICE


@transaction.atomic
def office_hour_booking_cancel(*, booking: OfficeHourBooking, actor) -> OfficeHourBooking:
    """Cancel a booking, by its participant or the slot's mentor, at least CANCEL_NOTICE before
    the start. The other side is emailed a calendar cancellation; the slot is free again."""
    booking = (
        OfficeHourBooking.objects.select_for_update(of=("self",))
        .select_related("slot__program", "slot__mentor", "participant")
        .get(pk=booking.pk)
    )
    if not booking.is_active:
        raise ValidationError(_("This booking is already cancelled."), code="cancelled")
    if not office_hour_can_cancel(booking):
        raise ValidationError(
            _("A booking can be cancelled at most %(hours)d hours before it starts.")
            % {"hours": CANCEL_NOTICE_HOURS},
            code="notice",
        )
    booking.cancelled_at = timezone.now()
    booking.cancelled_by = actor
    booking.save(update_fields=["cancelled_at", "cancelled_by"])
    log_action(
        "mentoring.office_hours.cancelled",
        actor=actor,
        target=booking,
        scope=booking.slot.program,
        data={"slot": booking.slot_id, "by_mentor": actor.pk == booking.slot.mentor_id},
    )
    other = booking.slot.mentor if actor.pk == booking.participant_id else booking.participant
    _email(booking, other, cancelled=True)
    return booking


def _email(booking: OfficeHourBooking, person, *, cancelled: bool) -> None:
    """The confirmation or cancellation for one side, in their language, with the invitation."""
    slot = booking.slot
    language = person.preferred_language
    with translation.override(language):
        page_url = public_url(reverse("mentoring:office_hours", args=[slot.program.slug]))
    with timezone.override(slot.program.time_zone):
        subject, text, html = email_render(
            template=f"mentoring/email/office_hour_{'cancelled' if cancelled else 'booked'}",
            context={
                "booking": booking,
                "slot": slot,
                "program": slot.program,
                "is_mentor": person.pk == slot.mentor_id,
                "page_url": page_url,
                "notice_hours": CANCEL_NOTICE_HOURS,
            },
            language=language,
            subject_prefix=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX,
        )
    calendar = booking_calendar(booking, language=language, cancelled=cancelled)
    method = "CANCEL" if cancelled else "REQUEST"
    email_queue(
        to=person.email,
        subject=subject,
        text=text,
        html=html,
        # The method in the Content-Type too: some mail clients offer "accept" only then.
        attachments=[(FILENAME, calendar, f"{MIMETYPE}; method={method}")],
    )
