"""Recurring meetings: an RFC 5545 recurrence rule (RRULE) expanded in the network's time zone.

The rule is applied to the wall-clock time, so a meeting at 18:00 stays at 18:00 on both sides
of a daylight-saving change; only its UTC instant moves.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_OCCURRENCES = 60
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class Frequency(models.TextChoices):
    MONTHLY_WEEKDAY = "monthly_weekday", _("Every month on the same weekday (e.g. first Tuesday)")
    MONTHLY_DATE = "monthly_date", _("Every month on the same date")
    WEEKLY = "weekly", _("Every week")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")


def weekday_position(day: date) -> int:
    """Which of the month's weekdays `day` is: 1 for the first … 4, or -1 for a fifth one
    (which only some months have, so it repeats as "the last")."""
    position = (day.day - 1) // 7 + 1
    return -1 if position == 5 else position


def rrule_build(
    *, frequency: str, first: date, until: date | None = None, count: int | None = None
) -> str:
    """The RRULE text for a frequency, starting on `first`, ending by date or by count."""
    parts = {
        Frequency.MONTHLY_WEEKDAY: [
            "FREQ=MONTHLY",
            f"BYDAY={weekday_position(first):+d}{WEEKDAYS[first.weekday()]}",
        ],
        Frequency.MONTHLY_DATE: ["FREQ=MONTHLY", f"BYMONTHDAY={first.day}"],
        Frequency.WEEKLY: ["FREQ=WEEKLY"],
        Frequency.FORTNIGHTLY: ["FREQ=WEEKLY", "INTERVAL=2"],
    }[Frequency(frequency)]
    if until is not None:
        parts.append(f"UNTIL={until:%Y%m%d}T235959")
    elif count is not None:
        parts.append(f"COUNT={count}")
    return ";".join(parts)


def rrule_occurrences(
    rule: str, *, first_local: datetime, time_zone: str, limit: int = MAX_OCCURRENCES + 1
) -> list[datetime]:
    """The starts of the occurrences, as aware datetimes in `time_zone`, at most `limit`.

    `first_local` is the first start's wall-clock time (naive or aware; its clock is used).
    The first start counts as an occurrence even where the rule would not produce it.
    """
    zone = ZoneInfo(time_zone)
    # Recurrence rules count in whole seconds.
    naive_first = first_local.replace(tzinfo=None, microsecond=0)
    starts = []
    for start in rrulestr(rule, dtstart=naive_first, forceset=True):
        starts.append(start.replace(tzinfo=zone))
        if len(starts) >= limit:
            break
    if not starts or starts[0].replace(tzinfo=None) != naive_first:
        starts.insert(0, naive_first.replace(tzinfo=zone))
        starts = starts[:limit]
    return starts
