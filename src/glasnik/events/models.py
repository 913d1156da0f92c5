"""Events: network meetings now; trainings, online sessions, webinars and public events of
programmes later. An event is one concrete occurrence with its own agenda, answers and minutes;
a series only remembers how its occurrences were generated."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from glasnik.networks.models import TimeZone


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
    venue_address = models.CharField(_("address"), max_length=300, blank=True)
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
    title = models.CharField(_("title"), max_length=200)
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
    series = models.ForeignKey(
        EventSeries,
        verbose_name=_("series"),
        on_delete=models.SET_NULL,
        related_name="events",
        null=True,
        blank=True,
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
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
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED


class SessionType(models.TextChoices):
    TALK = "talk", _("Talk or presentation")
    THEORY = "theory", _("Theory")
    EXERCISE = "exercise", _("Exercise")
    GROUP_WORK = "group_work", _("Group work")
    DISCUSSION = "discussion", _("Discussion")
    PRACTICE = "practice", _("Good and bad practice")
    BREAK = "break", _("Break")
    OTHER = "other", _("Other")


class AgendaItem(models.Model):
    """One item of an event's agenda (a session of a training). Ordered by position."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    room = models.CharField(_("room"), max_length=120, blank=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    session_type = models.CharField(
        _("type"), max_length=12, choices=SessionType.choices, default=SessionType.TALK
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True)
                | Q(starts_at__isnull=True)
                | Q(ends_at__gt=F("starts_at")),
                name="agenda_item_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title


class RsvpAnswer(models.TextChoices):
    YES = "yes", _("Yes, I will come")
    MAYBE = "maybe", _("Maybe")
    NO = "no", _("No, I cannot come")


class Rsvp(models.Model):
    """A member's answer to "will you come?" — one per person per event, changeable."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rsvps")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rsvps"
    )
    answer = models.CharField(_("answer"), max_length=8, choices=RsvpAnswer.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("answered"), auto_now=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["updated_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="rsvp_one_per_person")
        ]
        indexes = [models.Index(fields=["event", "answer"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.event}: {self.answer}"


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarToken(models.Model):
    """The secret in a person's calendar feed address. Calendar apps send no cookies, so the
    address itself is the key; the person can replace it when it leaks."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar address")
        verbose_name_plural = _("calendar addresses")

    def __str__(self) -> str:
        return str(self.person)
