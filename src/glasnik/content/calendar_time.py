"""Where an institution's calendar is: its time zone (by country), its months and weeks, and
the occurrences of recurring posts in a span of days."""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from .models import Post, Repeat

TIME_ZONES = {
    "RS": "Europe/Belgrade",
    "BA": "Europe/Sarajevo",
    "SI": "Europe/Ljubljana",
    "HR": "Europe/Zagreb",
    "ME": "Europe/Podgorica",
    "MK": "Europe/Skopje",
}
DEFAULT_TIME_ZONE = "Europe/Belgrade"


def institution_time_zone(organization) -> ZoneInfo:
    return ZoneInfo(TIME_ZONES.get(organization.country, DEFAULT_TIME_ZONE))


def local_moment(organization, day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=institution_time_zone(organization))


def institution_today(organization) -> date:
    return timezone.now().astimezone(institution_time_zone(organization)).date()


def month_weeks(year: int, month: int) -> list[list[date]]:
    """The weeks (Monday first) that cover the month, with the neighbouring months' days."""
    return calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)


def week_days(day: date) -> list[date]:
    monday = day - timedelta(days=day.weekday())
    return [monday + timedelta(days=n) for n in range(7)]


def span_bounds(organization, first: date, last: date) -> tuple[datetime, datetime]:
    start = local_moment(organization, first, time.min)
    end = local_moment(organization, last + timedelta(days=1), time.min)
    return start, end


def _add_months(day: date, months: int) -> date | None:
    """The same day `months` later; None when that month has no such day (31 April)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    if day.day > calendar.monthrange(year, month)[1]:
        return None
    return day.replace(year=year, month=month)


def occurrence_days(post: Post, zone: ZoneInfo, first: date, last: date) -> list[date]:
    """The days in first..last on which `post` appears (its own day, and for a recurring
    post each repetition until its end date)."""
    start = post.publish_at.astimezone(zone).date()
    if not post.repeat:
        return [start] if first <= start <= last else []
    until = min(post.repeat_until or start, last)
    days = []
    step = 0
    while True:
        if post.repeat == Repeat.WEEKLY:
            day = start + timedelta(weeks=step)
        else:
            day = _add_months(start, step)
        step += 1
        if day is None:
            continue
        if day > until:
            return days
        if day >= first:
            days.append(day)


@dataclass(frozen=True)
class Occurrence:
    post: Post
    day: date
    at: datetime

    @property
    def is_repetition(self) -> bool:
        return self.at != self.post.publish_at


def occurrences(posts, organization, first: date, last: date) -> list[Occurrence]:
    zone = institution_time_zone(organization)
    found = []
    for post in posts:
        at_time = post.publish_at.astimezone(zone).timetz()
        for day in occurrence_days(post, zone, first, last):
            at = datetime.combine(day, at_time.replace(tzinfo=None), tzinfo=zone)
            found.append(Occurrence(post, day, at))
    found.sort(key=lambda occurrence: (occurrence.at, occurrence.post.pk))
    return found
