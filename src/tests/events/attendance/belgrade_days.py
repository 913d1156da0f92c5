"""Days and times in Belgrade for the attendance and materials tests."""

import zoneinfo
from datetime import datetime, time

from django.utils import timezone

from glasnik.events.models import Registration

BELGRADE = zoneinfo.ZoneInfo("Europe/Belgrade")


def local(day, hour: int = 9, minute: int = 0, zone=BELGRADE) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=zone)


def belgrade_today():
    return timezone.localtime(timezone.now(), BELGRADE).date()


def registration_of(person, event) -> Registration:
    return Registration.objects.select_related("event", "person").get(person=person, event=event)
