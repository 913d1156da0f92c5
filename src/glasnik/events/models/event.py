"""The event itself: its kind, mode, place and status, and the series that generates
repeating meetings."""

import uuid
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from glasnik.core.languages import DEFAULT_CONTENT_LANGUAGE, content_language_field
from glasnik.networks.models import TimeZone

from .urls import EventUrls


class EventKind(models.TextChoices):
    TRAINING = "training", _("In-person training")
    ONLINE_SESSION = "online_session", _("Online session")
    NETWORK_MEETING = "meeting", _("Network meeting")
    WEBINAR = "webinar", _("Webinar")
    PUBLIC_EVENT = "public", _("Public event")


class EventMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("In person and online")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class Visibility(models.TextChoices):
    MEMBERS = "members", _("Members only")
    PUBLIC = "public", _("Public")


class EventPlace(models.Model):
    """Where an event takes place: a venue, an online link, or both. Shared by series and events."""

    mode = models.CharField(
        _("how"), max_length=10, choices=EventMode.choices, default=EventMode.ONLINE
    )
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(pgettext_lazy("place", "address"), max_length=300, blank=True)
    map_url = models.URLField(_("map link"), max_length=500, blank=True)
    # Shown only to the people taking part, and only shortly before the start.
    online_url = models.URLField(
        _("online meeting link"),
        max_length=500,
        blank=True,
        help_text=_(
            "Shown only to members who said they will come, from shortly before the start."
        ),
    )

    class Meta:
        abstract = True

    @property
    def is_online(self) -> bool:
        return self.mode in (EventMode.ONLINE, EventMode.HYBRID)

    @property
    def is_in_person(self) -> bool:
        return self.mode in (EventMode.IN_PERSON, EventMode.HYBRID)


PLACE_CONSTRAINTS = (
    (Q(mode=EventMode.IN_PERSON) | ~Q(online_url=""), "online_has_link"),
    (Q(mode=EventMode.ONLINE) | ~Q(venue_name=""), "in_person_has_venue"),
)


class EventSeries(EventPlace):
    """Meetings that repeat by a recurrence rule (RFC 5545 RRULE, e.g. the first Tuesday of
    every month). Its occurrences are Event rows generated when the series is created."""

    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="event_series",
        null=True,
        blank=True,
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=EventKind.choices, default=EventKind.NETWORK_MEETING
    )
    title = models.CharField(pgettext_lazy("event, session or phase", "title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    rrule = models.CharField(_("recurrence rule"), max_length=300)
    # The first occurrence's wall-clock start in `time_zone`; later ones keep the same clock time.
    first_starts_at = models.DateTimeField(_("first meeting starts"))
    duration_minutes = models.PositiveIntegerField(_("duration in minutes"))
    time_zone = models.CharField(
        _("time zone"), max_length=40, choices=TimeZone.choices, default=TimeZone.BELGRADE
    )
    visibility = models.CharField(
        _("who sees it"), max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")
        ordering = ["-first_starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(duration_minutes__gt=0), name="series_has_duration"),
            *(
                models.CheckConstraint(condition=condition, name=f"series_{name}")
                for condition, name in PLACE_CONSTRAINTS
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def content_language(self) -> str:
        return self.network.content_language if self.network_id else DEFAULT_CONTENT_LANGUAGE


class Event(EventPlace):
    """One meeting, training day(s), online session, webinar or public event."""

    # Stable across edits: calendar apps recognise the event by it (iCalendar UID).
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(
        _("kind"), max_length=16, choices=EventKind.choices, default=EventKind.NETWORK_MEETING
    )
    # A network's event now; a programme's event once programmes exist (a nullable FK then too).
    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="events",
        null=True,
        blank=True,
    )
    program = models.ForeignKey(
        "programs.Program",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="events",
        null=True,
        blank=True,
    )
    series = models.ForeignKey(
        EventSeries,
        verbose_name=_("series"),
        on_delete=models.SET_NULL,
        related_name="events",
        null=True,
        blank=True,
    )
    title = models.CharField(pgettext_lazy("event, session or phase", "title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    language = content_language_field(
        _("Leave empty for the language of the network or the programme.")
    )
    starts_at = models.DateTimeField(_("starts"))
    # A multi-day training simply ends on a later day; its days follow from start and end.
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"), max_length=40, choices=TimeZone.choices, default=TimeZone.BELGRADE
    )
    visibility = models.CharField(
        _("who sees it"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
        help_text=_(
            "Public meetings appear on the network's public page and calendar, without the "
            "online link."
        ),
    )
    is_needs_meeting = models.BooleanField(
        _("needs meeting"),
        default=False,
        help_text=_("The meeting that sets the year's learning topics."),
    )
    # The needs meeting's outcome as recorded; the network keeps the current topics.
    needs_outcome = models.TextField(_("learning topics agreed"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_updated_at = models.DateTimeField(null=True, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancellation_reason = models.TextField(_("reason for cancelling"), blank=True)
    # Registration (programme events): who may take a seat, how many, until when.
    registration_enabled = models.BooleanField(_("registration"), default=False)
    capacity = models.PositiveIntegerField(
        _("seats"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    per_organization_limit = models.PositiveSmallIntegerField(
        _("at most this many people from one institution"), null=True, blank=True
    )
    requires_approval = models.BooleanField(
        _("the organisers approve each registration"), default=False
    )
    offer_hours = models.PositiveSmallIntegerField(
        _("hours to confirm a seat offered from the waiting list"), default=48
    )
    # Certificates: how many of the event's days a participant must attend (empty: every day).
    required_days = models.PositiveSmallIntegerField(
        _("days of attendance required for a certificate"),
        null=True,
        blank=True,
        help_text=_("Leave empty to require every day."),
    )
    attendance_by_session = models.BooleanField(_("record attendance per session"), default=False)
    materials_public = models.BooleanField(_("materials are public"), default=False)
    feedback_anonymous = models.BooleanField(_("feedback is anonymous"), default=True)
    reminder_hours = models.PositiveSmallIntegerField(
        _("send a reminder this many hours before the start"),
        default=24,
        help_text=_("0 sends no reminder."),
    )
    # Bumped on every change that calendar apps should pick up (iCalendar SEQUENCE).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_start"
            ),
            *(
                models.CheckConstraint(condition=condition, name=f"event_{name}")
                for condition, name in PLACE_CONSTRAINTS
            ),
        ]
        indexes = [
            models.Index(fields=["network", "starts_at"]),
            models.Index(fields=["network", "ends_at"]),
            models.Index(fields=["program", "starts_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def owner(self):
        """The programme or the network the event belongs to (None for neither)."""
        if self.program_id:
            return self.program
        if self.network_id:
            return self.network
        return None

    @property
    def audit_scope(self):
        """What the audit log files the event's decisions under: its owner, else itself."""
        return self.owner or self

    @property
    def days(self) -> list[date]:
        """The calendar dates from the start to the end, in the event's own time zone. An event
        that ends exactly at midnight (18:00–24:00) does not take the next day too."""
        zone = ZoneInfo(self.time_zone)
        first = timezone.localtime(self.starts_at, zone).date()
        end = timezone.localtime(self.ends_at, zone)
        last = end.date()
        if last > first and end.time() == datetime.min.time():
            last -= timedelta(days=1)
        return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]

    @cached_property
    def urls(self) -> EventUrls:
        return EventUrls(self)

    @property
    def content_language(self) -> str:
        """The language of its title, description, agenda, materials and minutes."""
        if self.language:
            return self.language
        owner = self.owner
        return owner.content_language if owner is not None else DEFAULT_CONTENT_LANGUAGE
