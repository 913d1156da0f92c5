"""Attendance: organisers check people in (from the list or by the QR code of their
confirmation), participants check themselves in with the room code, organisers correct the
record afterwards. Every change is logged with who made it and how."""

import secrets
from datetime import date, datetime

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from glasnik.audit.services import log_action
from glasnik.core.transliteration.alphabet import to_latin

from ..models import (
    AgendaItem,
    Attendance,
    AttendanceMethod,
    CheckinCode,
    Event,
    Registration,
    RegistrationStatus,
)
from ..selectors import attendance as selectors

# Easy to read off a projector (no 0/O, 1/I/L) and to type on a Serbian Cyrillic keyboard
# too (no Q, W, X, Y): what is typed in Cyrillic is read back in Latin.
CODE_ALPHABET = "ABCDEFGHJKMNPRSTUVZ23456789"
CODE_LENGTH = 6
# Self check-in: this many code attempts per person per window, then a pause.
SELF_CHECKIN_ATTEMPTS = 5
SELF_CHECKIN_WINDOW_SECONDS = 60


def _log(action: str, *, registration: Registration, actor, day: date, session, **data) -> None:
    log_action(
        action,
        actor=actor,
        target=registration,
        scope=registration.event.audit_scope,
        data={"day": day.isoformat(), "session": session.pk if session else None, **data},
    )


def registration_check(registration: Registration, *, event: Event | None = None) -> None:
    """Only a confirmed registration of this event can be checked in."""
    if event is not None and registration.event_id != event.pk:
        raise ValidationError(
            _("This registration is for another event: %(event)s."),
            code="other_event",
            params={"event": registration.event.title},
        )
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(_("This registration has been cancelled."), code="cancelled")
    if registration.status != RegistrationStatus.CONFIRMED:
        raise ValidationError(
            _("This registration is not confirmed (%(status)s)."),
            code="not_confirmed",
            params={"status": registration.get_status_display()},
        )


def _day_check(event: Event, day: date, session: AgendaItem | None) -> None:
    if not selectors.is_event_day(event, day):
        raise ValidationError(
            _("%(day)s is not a day of this event."),
            code="not_event_day",
            params={"day": day.isoformat()},
        )
    if session is not None and (
        session.event_id != event.pk or selectors.session_day(event, session) != day
    ):
        raise ValidationError(_("This session is not on that day."), code="wrong_session")


def _today_check(event: Event, day: date, now: datetime | None) -> None:
    """Check-in is for the day under way: a later day has not happened, and a past day is
    put right on the attendance sheet (`attendance_correct`), where it is logged as such."""
    today = selectors.event_today(event, now=now)
    if day > today:
        raise ValidationError(
            _("%(day)s has not come yet: people are checked in on the day itself."),
            code="future_day",
            params={"day": date_format(day, "DATE_FORMAT")},
        )
    if day < today:
        raise ValidationError(
            _(
                "%(day)s is over: check-in is for today. An organiser can correct that day's "
                "attendance on the attendance sheet."
            ),
            code="past_day",
            params={"day": date_format(day, "DATE_FORMAT")},
        )


def _record(
    *, registration, day: date, session, is_present: bool, method: str, actor
) -> tuple[Attendance, bool | None]:
    """Write the row; return it and whether it was present before (None: no row before)."""
    attendance = (
        Attendance.objects.select_for_update()
        .filter(registration=registration, day=day, agenda_item=session)
        .first()
    )
    before = attendance.is_present if attendance is not None else None
    if attendance is None:
        attendance = Attendance(registration=registration, day=day, agenda_item=session)
    attendance.is_present = is_present
    attendance.method = method
    attendance.recorded_by = actor if getattr(actor, "is_authenticated", False) else None
    attendance.save()
    return attendance, before


@transaction.atomic
def attendance_check_in(
    *,
    registration: Registration,
    day: date,
    method: str,
    actor,
    session: AgendaItem | None = None,
    now: datetime | None = None,
) -> Attendance:
    """Mark the person present for today (or today's session). Checking in twice is harmless."""
    event = registration.event
    registration_check(registration)
    _day_check(event, day, session)
    _today_check(event, day, now)
    present = Attendance.objects.filter(
        registration=registration, day=day, agenda_item=session, is_present=True
    ).first()
    if present is not None:
        return present  # already in: the first check-in (who and how) stays on record
    attendance, _before = _record(
        registration=registration,
        day=day,
        session=session,
        is_present=True,
        method=method,
        actor=actor,
    )
    _log(
        "events.attendance.checked_in",
        registration=registration,
        actor=actor,
        day=day,
        session=session,
        method=method,
    )
    return attendance


@transaction.atomic
def attendance_undo(
    *,
    registration: Registration,
    day: date,
    actor,
    session: AgendaItem | None = None,
    now: datetime | None = None,
) -> None:
    """Take back a check-in tapped by mistake in today's check-in list."""
    _today_check(registration.event, day, now)
    deleted, _rows = Attendance.objects.filter(
        registration=registration, day=day, agenda_item=session
    ).delete()
    if deleted:
        _log(
            "events.attendance.undone",
            registration=registration,
            actor=actor,
            day=day,
            session=session,
        )


@transaction.atomic
def attendance_correct(
    *,
    registration: Registration,
    day: date,
    is_present: bool,
    actor,
    session: AgendaItem | None = None,
    now: datetime | None = None,
) -> Attendance:
    """An organiser marks someone present or absent afterwards, for today or a past day of
    the event; a day that has not come yet has no attendance to correct."""
    event = registration.event
    registration_check(registration)
    _day_check(event, day, session)
    if day > selectors.event_today(event, now=now):
        raise ValidationError(
            _("%(day)s has not come yet: attendance can be corrected once the day has begun."),
            code="future_day",
            params={"day": date_format(day, "DATE_FORMAT")},
        )
    attendance, before = _record(
        registration=registration,
        day=day,
        session=session,
        is_present=is_present,
        method=AttendanceMethod.CORRECTION,
        actor=actor,
    )
    _log(
        "events.attendance.corrected",
        registration=registration,
        actor=actor,
        day=day,
        session=session,
        method=AttendanceMethod.CORRECTION,
        before=before,
        after=is_present,
    )
    return attendance


def attendance_check_in_by_token(
    *,
    registration: Registration,
    actor,
    checking_in_at: Event | None = None,
    session: AgendaItem | None = None,
    now: datetime | None = None,
) -> Attendance:
    """The organiser opened the QR code of a confirmation: check the person in for today.

    `checking_in_at` is the event whose check-in the organiser has open, if any: a code of
    another event's registration is refused there.
    """
    registration_check(registration, event=checking_in_at)
    event = registration.event
    today = selectors.event_today(event, now=now)
    if not selectors.is_event_day(event, today):
        raise ValidationError(_("Today is not a day of this event."), code="not_event_day")
    if event.attendance_by_session and session is None:
        raise ValidationError(_("Choose the session."), code="session_required")
    return attendance_check_in(
        registration=registration,
        day=today,
        method=AttendanceMethod.QR_CODE,
        actor=actor,
        session=session,
        now=now,
    )


def _new_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        # Unique across events, so a code of another event is told apart from a typo.
        if not CheckinCode.objects.filter(code=code).exists():
            return code


@transaction.atomic
def checkin_code_create(*, event: Event, day: date, actor) -> CheckinCode:
    """The room code for the day: a new one replaces the old (e.g. after it leaked)."""
    if not selectors.is_event_day(event, day):
        raise ValidationError(
            _("%(day)s is not a day of this event."),
            code="not_event_day",
            params={"day": day.isoformat()},
        )
    code, created = CheckinCode.objects.update_or_create(
        event=event, day=day, defaults={"code": _new_code()}
    )
    log_action(
        "events.checkin_code.created" if created else "events.checkin_code.replaced",
        actor=actor,
        target=event,
        scope=event.audit_scope,
        data={"day": day.isoformat()},
    )
    return code


def normalise_code(code: str) -> str:
    """As people type it: lower case, spaces, dashes, Cyrillic letters."""
    return to_latin("".join(code.split()).replace("-", "")).upper()


def self_checkin_attempts_left(person) -> int:
    used = cache.get(_attempts_key(person), 0)
    return max(SELF_CHECKIN_ATTEMPTS - used, 0)


def _attempts_key(person) -> str:
    return f"events:self-checkin:{person.pk}"


def _count_attempt(person) -> None:
    key = _attempts_key(person)
    if cache.add(key, 1, SELF_CHECKIN_WINDOW_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, SELF_CHECKIN_WINDOW_SECONDS)


def attendance_self_check_in(
    *, event: Event, person, code: str, now: datetime | None = None
) -> Attendance:
    """A participant enters the code shown in the room and is checked in for today."""
    if self_checkin_attempts_left(person) <= 0:
        raise ValidationError(
            _("Too many attempts. Wait a minute and try again."), code="rate_limited"
        )
    _count_attempt(person)
    registration = (
        Registration.objects.filter(event=event, person=person).select_related("event").first()
    )
    if registration is None:
        raise ValidationError(_("You are not registered for this event."), code="not_registered")
    registration_check(registration)
    now = now or timezone.now()
    today = selectors.event_today(event, now=now)
    found = CheckinCode.objects.filter(code=normalise_code(code)).select_related("event").first()
    if found is None:
        raise ValidationError(
            _("This code is not valid. Check it and try again."), code="wrong_code"
        )
    if found.event_id != event.pk:
        raise ValidationError(_("This code is not for this event."), code="other_event")
    if found.day != today:
        raise ValidationError(_("This code is not for today."), code="not_today")
    session = None
    if event.attendance_by_session:
        session = selectors.session_under_way(event, now=now)
        if session is None:
            raise ValidationError(
                _("No session is under way now. Ask the organisers to check you in."),
                code="no_session",
            )
    return attendance_check_in(
        registration=registration,
        day=today,
        method=AttendanceMethod.SELF,
        actor=person,
        session=session,
        now=now,
    )
