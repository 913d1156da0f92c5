from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from glasnik.events.recurrence import Frequency, rrule_build, rrule_occurrences, weekday_position

BELGRADE = ZoneInfo("Europe/Belgrade")


def test_rrule_build_first_tuesday_monthly_by_count():
    rule = rrule_build(frequency=Frequency.MONTHLY_WEEKDAY, first=date(2026, 3, 3), count=4)

    assert rule == "FREQ=MONTHLY;BYDAY=+1TU;COUNT=4"


def test_rrule_build_last_weekday_when_the_first_is_a_fifth_one():
    # 31 March 2026 is the fifth (and last) Tuesday of March.
    rule = rrule_build(
        frequency=Frequency.MONTHLY_WEEKDAY, first=date(2026, 3, 31), until=date(2026, 6, 30)
    )

    assert rule == "FREQ=MONTHLY;BYDAY=-1TU;UNTIL=20260630T235959"


@pytest.mark.parametrize(
    ("day", "position"),
    [
        (date(2026, 3, 3), 1),
        (date(2026, 3, 10), 2),
        (date(2026, 3, 24), 4),
        (date(2026, 3, 31), -1),
        (date(2026, 2, 24), 4),
    ],
)
def test_weekday_position(day, position):
    assert weekday_position(day) == position


def test_occurrences_keep_the_clock_time_across_the_spring_dst_change():
    # Europe/Belgrade moves to summer time on 29 March 2026.
    first = datetime(2026, 3, 3, 18, 0, tzinfo=BELGRADE)
    rule = rrule_build(frequency=Frequency.MONTHLY_WEEKDAY, first=first.date(), count=3)

    starts = rrule_occurrences(rule, first_local=first, time_zone="Europe/Belgrade")

    assert [start.astimezone(BELGRADE).strftime("%Y-%m-%d %H:%M") for start in starts] == [
        "2026-03-03 18:00",
        "2026-04-07 18:00",
        "2026-05-05 18:00",
    ]
    assert [start.astimezone(UTC).hour for start in starts] == [17, 16, 16]


def test_occurrences_across_the_autumn_dst_change_weekly_until_a_date():
    # Summer time ends on 25 October 2026.
    first = datetime(2026, 10, 20, 9, 30, tzinfo=BELGRADE)
    rule = rrule_build(frequency=Frequency.WEEKLY, first=first.date(), until=date(2026, 11, 3))

    starts = rrule_occurrences(rule, first_local=first, time_zone="Europe/Belgrade")

    assert [start.astimezone(UTC) for start in starts] == [
        datetime(2026, 10, 20, 7, 30, tzinfo=UTC),
        datetime(2026, 10, 27, 8, 30, tzinfo=UTC),
        datetime(2026, 11, 3, 8, 30, tzinfo=UTC),
    ]


def test_occurrences_fortnightly_and_monthly_by_date():
    first = datetime(2026, 1, 31, 10, 0, tzinfo=BELGRADE)
    monthly = rrule_build(frequency=Frequency.MONTHLY_DATE, first=first.date(), count=3)
    fortnightly = rrule_build(frequency=Frequency.FORTNIGHTLY, first=first.date(), count=2)

    by_date = rrule_occurrences(monthly, first_local=first, time_zone="Europe/Belgrade")
    every_two_weeks = rrule_occurrences(fortnightly, first_local=first, time_zone="Europe/Belgrade")

    # Months without a 31st are skipped, as RFC 5545 says.
    assert [start.date() for start in by_date] == [
        date(2026, 1, 31),
        date(2026, 3, 31),
        date(2026, 5, 31),
    ]
    assert [start.date() for start in every_two_weeks] == [date(2026, 1, 31), date(2026, 2, 14)]
