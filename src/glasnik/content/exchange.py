"""The content calendar's files: a month as iCalendar and as CSV, the approved posts in the
bulk-upload format of Hootsuite, and a CSV import that writes every row or none."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import icalendar
import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from glasnik.coach.platforms import Platform
from glasnik.events.ical import UID_DOMAIN

from .calendar_time import institution_time_zone
from .models import Pillar, PostStatus
from .services import post_create

PRODID = "-//Glasnik//Content calendar//EN"
CSV_HEADERS = [
    "date",
    "time",
    "platforms",
    "status",
    "text",
    "link",
    "hashtags",
    "pillar",
    "alt_text",
]
REQUIRED_HEADERS = ["date", "time", "platforms", "text"]
EXPORTED = (PostStatus.APPROVED, PostStatus.SCHEDULED)
POST_LENGTH = timedelta(minutes=15)


def month_calendar(organization, occurrences) -> bytes:
    """The approved and scheduled posts as events at their time, in the institution's zone."""
    zone = institution_time_zone(organization)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", str(organization))
    for occurrence in occurrences:
        post = occurrence.post
        if post.status not in EXPORTED:
            continue
        event = icalendar.Event()
        event.add("uid", f"post-{post.pk}-{occurrence.day.isoformat()}@{UID_DOMAIN}")
        event.add("dtstamp", timezone.now())
        event.add("dtstart", occurrence.at.astimezone(zone))
        event.add("dtend", (occurrence.at + POST_LENGTH).astimezone(zone))
        event.add("summary", post.title)
        event.add("description", post.text)
        event.add("categories", [Platform(value).label for value in post.platforms])
        if post.link:
            event.add("url", post.link)
        calendar.add_component(event)
    if occurrences:
        calendar.add_missing_timezones(
            first_date=occurrences[0].day - timedelta(days=1),
            last_date=occurrences[-1].day + timedelta(days=1),
        )
    return calendar.to_ical()


def month_csv(organization, occurrences) -> str:
    zone = institution_time_zone(organization)
    data = tablib.Dataset(headers=CSV_HEADERS)
    for occurrence in occurrences:
        post = occurrence.post
        local = occurrence.at.astimezone(zone)
        data.append(
            [
                local.date().isoformat(),
                local.strftime("%H:%M"),
                "; ".join(post.platforms),
                post.status,
                post.text,
                post.link,
                post.hashtags,
                post.pillar.name if post.pillar else "",
                post.alt_text,
            ]
        )
    return data.export("csv")


def hootsuite_csv(organization, occurrences) -> str:
    """Hootsuite's bulk composer file: no header; column A the date and time as
    day/month/year hour:minute (24 h), B the message, C an optional link; times are on a
    multiple of five minutes. Source: Hootsuite Help Center, "Schedule messages in bulk"
    (https://help.hootsuite.com/hc/en-us/articles/204598140); the page itself could not be
    opened when this was written: the columns agree with published walk-throughs of the
    bulk composer, and should be checked against the page before relying on them."""
    zone = institution_time_zone(organization)
    data = tablib.Dataset()
    for occurrence in occurrences:
        post = occurrence.post
        if post.status not in EXPORTED:
            continue
        local = occurrence.at.astimezone(zone)
        local -= timedelta(minutes=local.minute % 5)
        message = " ".join(part for part in (post.text, post.hashtags) if part)
        data.append([local.strftime("%d/%m/%Y %H:%M"), message, post.link])
    return data.export("csv")


@dataclass
class RowProblem:
    row: int
    messages: list[str]


class ImportRefusedError(Exception):
    def __init__(self, errors: list[RowProblem]):
        super().__init__(errors)
        self.errors = errors


def _read_dataset(content: bytes) -> tablib.Dataset:
    try:
        text = content.decode("utf-8-sig")
        return tablib.Dataset().load(text, format="csv")
    except (UnicodeDecodeError, tablib.core.UnsupportedFormat, ValueError) as error:
        raise ImportRefusedError(
            [RowProblem(1, [_("The file is not a CSV file in UTF-8.")])]
        ) from (error)


def _parse_row(row: dict, organization, pillars: dict) -> tuple[dict, list[str]]:
    problems = []
    zone = institution_time_zone(organization)
    publish_at = None
    try:
        day = date.fromisoformat((row.get("date") or "").strip())
        at = time.fromisoformat((row.get("time") or "").strip())
        publish_at = datetime.combine(day, at, tzinfo=zone)
        if publish_at < timezone.now():
            problems.append(_("The date and time have passed."))
    except ValueError:
        problems.append(_("Write the date as YYYY-MM-DD and the time as HH:MM."))
    platforms = [
        value.strip().lower()
        for value in (row.get("platforms") or "").replace(",", ";").split(";")
        if value.strip()
    ]
    unknown = [value for value in platforms if value not in Platform.values]
    if unknown:
        problems.append(_("Unknown platforms: %(names)s.") % {"names": ", ".join(unknown)})
    if not platforms:
        problems.append(_("Name at least one platform."))
    text = (row.get("text") or "").strip()
    if not text:
        problems.append(_("The text is missing."))
    pillar_name = (row.get("pillar") or "").strip()
    if pillar_name and pillar_name.lower() not in pillars:
        problems.append(_("Unknown content pillar: %(name)s.") % {"name": pillar_name})
    fields = {
        "platforms": platforms,
        "publish_at": publish_at,
        "text": text,
        "link": (row.get("link") or "").strip(),
        "hashtags": (row.get("hashtags") or "").strip(),
        "alt_text": (row.get("alt_text") or "").strip(),
        "pillar": pillars.get(pillar_name.lower()),
    }
    return fields, problems


def posts_import(*, organization, by, content: bytes) -> int:
    """Plan a draft for every row of the CSV, or none: every bad row is reported."""
    dataset = _read_dataset(content)
    headers = [header.strip().lower() for header in dataset.headers or []]
    missing = [header for header in REQUIRED_HEADERS if header not in headers]
    if missing:
        raise ImportRefusedError(
            [RowProblem(1, [_("Missing columns: %(names)s.") % {"names": ", ".join(missing)}])]
        )
    pillars = {
        pillar.name.lower(): pillar for pillar in Pillar.objects.filter(organization=organization)
    }
    parsed, errors = [], []
    for number, values in enumerate(dataset, start=2):
        fields, problems = _parse_row(
            dict(zip(headers, values, strict=False)), organization, pillars
        )
        if problems:
            errors.append(RowProblem(number, problems))
        parsed.append(fields)
    if not parsed:
        errors.append(RowProblem(1, [_("The file has no rows.")]))
    if errors:
        raise ImportRefusedError(errors)
    with transaction.atomic():
        for fields in parsed:
            try:
                post_create(organization=organization, author=by, **fields)
            except ValidationError as error:  # pragma: no cover (checked above)
                transaction.set_rollback(True)
                raise ImportRefusedError([RowProblem(0, error.messages)]) from error
    return len(parsed)
