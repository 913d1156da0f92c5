"""The days of the certificates tests' training (14 and 15 March 2026 in Belgrade) and a way
to record attendance on them."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from factories.events import AttendanceFactory

from glasnik.events.models import Registration

BELGRADE = ZoneInfo("Europe/Belgrade")
DAY_ONE = date(2026, 3, 14)
DAY_TWO = date(2026, 3, 15)


def attend(registration: Registration, *days: date) -> None:
    for day in days:
        AttendanceFactory(registration=registration, day=day)


def both_days(registration: Registration) -> Registration:
    attend(registration, DAY_ONE, DAY_TWO)
    return registration


def later(days: int) -> datetime:
    return datetime(2026, 3, 15, 17, 0, tzinfo=BELGRADE) + timedelta(days=days)
