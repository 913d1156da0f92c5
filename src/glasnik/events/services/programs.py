"""Organisers' operations on a programme's events (trainings over one or more days, online
sessions, webinars, public events): the event with its registration settings, its agenda of
sessions with lecturers, and lecturers' public profiles."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from glasnik.audit.services import log_action

from .. import tasks
from ..models import AgendaItem, Event, EventKind, Lecturer
from .meetings import NOTEWORTHY_FIELDS, meeting_place_check
from .waitlist import registration_fill_free_seats

PROGRAM_EVENT_KINDS = (
    EventKind.TRAINING,
    EventKind.ONLINE_SESSION,
    EventKind.WEBINAR,
    EventKind.PUBLIC_EVENT,
)
# What an organiser sets on a programme's event; the registration helper runs registration
# itself with the settings given here.
PROGRAM_EVENT_FIELDS = (
    "kind",
    "title",
    "description",
    "language",
    "starts_at",
    "ends_at",
    "mode",
    "venue_name",
    "venue_address",
    "map_url",
    "online_url",
    "visibility",
    "registration_enabled",
    "capacity",
    "registration_opens_at",
    "registration_closes_at",
    "per_organization_limit",
    "requires_approval",
    "offer_hours",
    "required_days",
    "attendance_by_session",
    "materials_public",
    "feedback_anonymous",
    "reminder_hours",
)
AGENDA_FIELDS = ("title", "description", "starts_at", "ends_at", "room", "session_type")
LECTURER_FIELDS = ("name", "title", "organization_name", "biography", "website", "person")
# Addresses the lecturers' URLs use for their own pages.
RESERVED_LECTURER_SLUGS = frozenset({"new"})


def program_event_check(details: dict) -> None:
    """Every rule of a programme's event, raised per field."""
    errors = {}
    if details.get("kind") not in PROGRAM_EVENT_KINDS:
        errors["kind"] = _("Choose a training, an online session, a webinar or a public event.")
    starts_at, ends_at = details.get("starts_at"), details.get("ends_at")
    if starts_at and ends_at and ends_at <= starts_at:
        errors["ends_at"] = _("The event must end after it starts.")
    opens, closes = details.get("registration_opens_at"), details.get("registration_closes_at")
    if opens and closes and closes <= opens:
        errors["registration_closes_at"] = _("Registration must close after it opens.")
    elif closes and starts_at and closes > starts_at:
        errors["registration_closes_at"] = _("Registration must close by the start of the event.")
    if details.get("capacity") == 0:
        errors["capacity"] = _("Give at least one seat, or leave the field empty for no limit.")
    if errors:
        raise ValidationError(errors)
    meeting_place_check(
        mode=details["mode"],
        venue_name=details.get("venue_name", ""),
        online_url=details.get("online_url", ""),
    )


@transaction.atomic
def program_event_create(*, program, actor, **details) -> Event:
    """A new event of `program`, shown in the programme's time zone."""
    details = {key: value for key, value in details.items() if key in PROGRAM_EVENT_FIELDS}
    program_event_check(details)
    event = Event.objects.create(
        program=program, time_zone=program.time_zone, created_by=actor, **details
    )
    log_action(
        "events.program_event.created",
        actor=actor,
        target=event,
        scope=program,
        data={"kind": event.kind},
    )
    return event


@transaction.atomic
def program_event_update(*, event: Event, actor, **details) -> Event:
    """Change a programme's event; calendar apps pick up a change of time or place."""
    if event.is_cancelled:
        raise ValidationError(_("A cancelled event cannot be changed."))
    details = {key: value for key, value in details.items() if key in PROGRAM_EVENT_FIELDS}
    merged = {field: getattr(event, field) for field in PROGRAM_EVENT_FIELDS} | details
    program_event_check(merged)
    changed = sorted(field for field, value in details.items() if getattr(event, field) != value)
    if not changed:
        return event
    for field in changed:
        setattr(event, field, details[field])
    fields = [*changed, "updated_at"]
    if NOTEWORTHY_FIELDS.intersection(changed) or {"title", "description"} & set(changed):
        event.sequence += 1
        fields.append("sequence")
    event.save(update_fields=fields)
    log_action(
        "events.program_event.changed",
        actor=actor,
        target=event,
        scope=event.program,
        data={"fields": changed},
    )
    if "capacity" in changed:
        registration_fill_free_seats(event=event, actor=actor)
    if NOTEWORTHY_FIELDS.intersection(changed) and event.ends_at > timezone.now():
        transaction.on_commit(
            lambda: tasks.registration_event_changed_notify.enqueue(event_id=event.pk)
        )
    return event


def _agenda_check(items: list[dict]) -> None:
    for item in items:
        starts_at: datetime | None = item.get("starts_at")
        ends_at: datetime | None = item.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            raise ValidationError(
                _("“%(title)s” must end after it starts.") % {"title": item["title"]}
            )


@transaction.atomic
def program_agenda_set(*, event: Event, actor, items: list[dict]) -> list[AgendaItem]:
    """Make the agenda `items`, in order. An item with the `id` of an existing session
    updates it in place, so its materials and attendance stay; sessions left out are removed.
    Each item's `lecturers` (Lecturer objects) replace the session's lecturers."""
    _agenda_check(items)
    existing = {item.pk: item for item in event.agenda_items.select_for_update()}
    kept, saved = set(), []
    for position, data in enumerate(items):
        fields = {key: data.get(key) for key in AGENDA_FIELDS if key in data}
        fields["description"] = fields.get("description") or ""
        fields["room"] = fields.get("room") or ""
        fields["session_type"] = (
            fields.get("session_type") or AgendaItem._meta.get_field("session_type").default
        )
        item = existing.get(data.get("id"))
        if item is None:
            item = AgendaItem.objects.create(event=event, position=position, **fields)
        else:
            for key, value in fields.items():
                setattr(item, key, value)
            item.position = position
            item.save()
            kept.add(item.pk)
        item.lecturers.set(data.get("lecturers") or [])
        saved.append(item)
    removed = [pk for pk in existing if pk not in kept]
    if removed:
        AgendaItem.objects.filter(pk__in=removed).delete()
    event.sequence += 1
    event.save(update_fields=["sequence", "updated_at"])
    log_action(
        "events.agenda.set",
        actor=actor,
        target=event,
        scope=event.audit_scope,
        data={"items": len(saved), "removed": len(removed)},
    )
    return saved


# --- lecturers ------------------------------------------------------------------------------


def lecturer_slug_free(name: str) -> str:
    base = slugify(name)[:100] or "lecturer"
    candidate, number = base, 2
    while candidate in RESERVED_LECTURER_SLUGS or Lecturer.objects.filter(slug=candidate).exists():
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _lecturer_check(fields: dict, *, lecturer: Lecturer | None = None) -> None:
    person = fields.get("person")
    if person is not None:
        taken = Lecturer.objects.filter(person=person)
        if lecturer is not None:
            taken = taken.exclude(pk=lecturer.pk)
        if taken.exists():
            raise ValidationError({"person": _("This account already has a lecturer's profile.")})


@transaction.atomic
def lecturer_create(*, actor, name: str, **fields) -> Lecturer:
    fields = {key: value for key, value in fields.items() if key in LECTURER_FIELDS}
    _lecturer_check(fields)
    lecturer = Lecturer.objects.create(name=name.strip(), slug=lecturer_slug_free(name), **fields)
    log_action("events.lecturer.created", actor=actor, target=lecturer)
    return lecturer


@transaction.atomic
def lecturer_update(*, lecturer: Lecturer, actor, **fields) -> Lecturer:
    fields = {key: value for key, value in fields.items() if key in LECTURER_FIELDS}
    _lecturer_check(fields, lecturer=lecturer)
    changed = sorted(name for name, value in fields.items() if getattr(lecturer, name) != value)
    if changed:
        for name in changed:
            setattr(lecturer, name, fields[name])
        lecturer.save(update_fields=[*changed, "updated_at"])
        log_action(
            "events.lecturer.changed", actor=actor, target=lecturer, data={"fields": changed}
        )
    return lecturer
