"""Events: network meetings now; trainings, online sessions, webinars and public events of
programmes later. An event is one concrete occurrence with its own agenda, answers and minutes;
a series only remembers how its occurrences were generated."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from glasnik.core.uploads import upload_to_private
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


class Lecturer(models.Model):
    """A trainer, mentor or speaker, with a public profile."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lecturer_profile",
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    title = models.CharField(_("title or role"), max_length=200, blank=True)
    organization_name = models.CharField(_("institution"), max_length=200, blank=True)
    biography = models.TextField(_("biography"), blank=True)
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("lecturer")
        verbose_name_plural = _("lecturers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


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
    lecturers = models.ManyToManyField(
        "Lecturer", verbose_name=_("lecturers"), blank=True, related_name="agenda_items"
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


class RegistrationQuestionKind(models.TextChoices):
    TEXT = "text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    CHOICE = "choice", _("One choice from a list")
    YES_NO = "yes_no", _("Yes or no")


class RegistrationQuestion(models.Model):
    """A question on an event's registration form."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=12, choices=RegistrationQuestionKind.choices)
    label = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)
    options = models.TextField(_("options"), blank=True, help_text=_("One option per line."))
    is_required = models.BooleanField(_("required"), default=True)

    class Meta:
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.label


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    # A seat offered to the first on the waiting list, held until `offer_expires_at`.
    OFFERED = "offered", _("Seat offered, waiting for confirmation")
    CANCELLED = "cancelled", _("Cancelled")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Offer expired")


# The statuses that hold a seat.
SEAT_HOLDING_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED)


def new_checkin_token() -> str:
    return secrets.token_urlsafe(16)


class Registration(models.Model):
    """A person's registration for an event: one per person per event."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="registrations",
        null=True,
        blank=True,
    )
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus.choices)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    # The waiting list is served in this order.
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Set when the reminder before the event went out, so it goes out once.
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # In the QR code of the confirmation: organisers open it to check the person in.
    checkin_token = models.CharField(max_length=64, unique=True, default=new_checkin_token)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="registration_one_per_person")
        ]
        indexes = [
            models.Index(fields=["event", "status"]),
            models.Index(fields=["event", "organization", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.event}"


class EventInvitation(models.Model):
    """An invitation by email to register for an event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["event", "email"], name="event_invitation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.email} – {self.event}"


class CheckinCode(models.Model):
    """The code shown in the room for self check-in, one per event day."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="checkin_codes")
    day = models.DateField(_("day"))
    code = models.CharField(_("code"), max_length=12)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("check-in code")
        verbose_name_plural = _("check-in codes")
        constraints = [
            models.UniqueConstraint(fields=["event", "day"], name="checkin_code_one_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.day}"


class AttendanceMethod(models.TextChoices):
    ORGANISER = "organiser", _("Checked in by an organiser")
    QR_CODE = "qr", _("QR code scanned by an organiser")
    SELF = "self", _("Self check-in with the room code")
    CORRECTION = "correction", _("Corrected by an organiser")


class Attendance(models.Model):
    """Presence of a registered person on one day of an event (or at one session of it)."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="attendances"
    )
    day = models.DateField(_("day"))
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, null=True, blank=True, related_name="attendances"
    )
    is_present = models.BooleanField(_("present"), default=True)
    method = models.CharField(_("how"), max_length=12, choices=AttendanceMethod.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "day"],
                condition=Q(agenda_item__isnull=True),
                name="attendance_one_per_day",
            ),
            models.UniqueConstraint(
                fields=["registration", "agenda_item"],
                condition=Q(agenda_item__isnull=False),
                name="attendance_one_per_session",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration} {self.day}"


class MaterialKind(models.TextChoices):
    FILE = "file", _("File")
    LINK = "link", _("Link")


class Material(models.Model):
    """Slides, documents and links of an event or one of its sessions."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="materials")
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="materials",
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=8, choices=MaterialKind.choices)
    file = models.FileField(_("file"), upload_to=upload_to_private("materials"), blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    is_public = models.BooleanField(_("public"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["agenda_item__position", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind=MaterialKind.FILE) & ~Q(file=""))
                | (Q(kind=MaterialKind.LINK) & ~Q(url="")),
                name="material_has_file_or_link",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Assignment(models.Model):
    """An exercise participants submit and trainers comment on."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="assignments")
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("session"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assignments",
    )
    title = models.CharField(_("title"), max_length=200)
    instructions = models.TextField(_("instructions"))
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.title


class Submission(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="submissions")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="submissions"
    )
    text = models.TextField(_("answer"), blank=True)
    file = models.FileField(_("file"), upload_to=upload_to_private("submissions"), blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "person"], name="submission_one_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.assignment}"


class SubmissionComment(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:40]


RATING_CHOICES = [(value, str(value)) for value in range(1, 6)]


class FeedbackResponse(models.Model):
    """A participant's rating of an event. Without a person when feedback is anonymous; the
    FeedbackReceipt records who answered, so nobody answers twice."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="feedback")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback_responses",
    )
    rating = models.PositiveSmallIntegerField(_("rating of the event"), choices=RATING_CHOICES)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event}: {self.rating}"


class LecturerRating(models.Model):
    response = models.ForeignKey(
        FeedbackResponse, on_delete=models.CASCADE, related_name="lecturer_ratings"
    )
    lecturer = models.ForeignKey(Lecturer, on_delete=models.CASCADE, related_name="ratings")
    rating = models.PositiveSmallIntegerField(_("rating"), choices=RATING_CHOICES)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("rating of a lecturer")
        verbose_name_plural = _("ratings of lecturers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "lecturer"], name="lecturer_rating_one_per_response"
            ),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="lecturer_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lecturer}: {self.rating}"


class FeedbackReceipt(models.Model):
    """That a person has given feedback on an event (kept apart from anonymous answers)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="feedback_receipts")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feedback_receipts"
    )
    invited_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="feedback_receipt_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.event}"
