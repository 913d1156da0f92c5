"""Events: network meetings now; trainings, online sessions, webinars and public events of
programmes later. An event is one concrete occurrence with its own agenda, answers and minutes;
a series only remembers how its occurrences were generated.

The models live in one module per domain; every name is importable from here, as before."""

from .agenda import AgendaItem, Lecturer, SessionType
from .attendance import Attendance, AttendanceMethod, CheckinCode
from .event import (
    PLACE_CONSTRAINTS,
    Event,
    EventKind,
    EventMode,
    EventPlace,
    EventSeries,
    EventStatus,
    Visibility,
)
from .feedback import RATING_CHOICES, FeedbackReceipt, FeedbackResponse, LecturerRating
from .materials import Assignment, Material, MaterialKind, Submission, SubmissionComment
from .meetings import CalendarToken, Rsvp, RsvpAnswer, new_calendar_token
from .registration import (
    SEAT_HOLDING_STATUSES,
    EventInvitation,
    Registration,
    RegistrationQuestion,
    RegistrationQuestionKind,
    RegistrationStatus,
    new_checkin_token,
)

__all__ = [
    "PLACE_CONSTRAINTS",
    "RATING_CHOICES",
    "SEAT_HOLDING_STATUSES",
    "AgendaItem",
    "Assignment",
    "Attendance",
    "AttendanceMethod",
    "CalendarToken",
    "CheckinCode",
    "Event",
    "EventInvitation",
    "EventKind",
    "EventMode",
    "EventPlace",
    "EventSeries",
    "EventStatus",
    "FeedbackReceipt",
    "FeedbackResponse",
    "Lecturer",
    "LecturerRating",
    "Material",
    "MaterialKind",
    "Registration",
    "RegistrationQuestion",
    "RegistrationQuestionKind",
    "RegistrationStatus",
    "Rsvp",
    "RsvpAnswer",
    "SessionType",
    "Submission",
    "SubmissionComment",
    "Visibility",
    "new_calendar_token",
    "new_checkin_token",
]
