"""Mentoring's models, one module per part: the question queue of an online session, office
hours, one-to-one pairs and reviews of work."""

from .office_hours import OfficeHourBooking, OfficeHourSlot
from .pairs import ActionItem, ItemOwner, MentoringPair, PairSession
from .questions import Question, QuestionQueue, QuestionStatus, QuestionVote
from .reviews import ReviewSection, ReviewStatus, ReviewVersion, WorkKind, WorkReview

__all__ = [
    "ActionItem",
    "ItemOwner",
    "MentoringPair",
    "OfficeHourBooking",
    "OfficeHourSlot",
    "PairSession",
    "Question",
    "QuestionQueue",
    "QuestionStatus",
    "QuestionVote",
    "ReviewSection",
    "ReviewStatus",
    "ReviewVersion",
    "WorkKind",
    "WorkReview",
]
