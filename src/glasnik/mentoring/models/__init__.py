"""Mentoring's models, one module per part: the question queue of an online session now;
pairs, office hours and reviews of work beside it later."""

from .office_hours import OfficeHourBooking, OfficeHourSlot
from .questions import Question, QuestionQueue, QuestionStatus, QuestionVote

__all__ = ["Question", "QuestionQueue", "QuestionStatus", "QuestionVote"]
__all__ += ["OfficeHourBooking", "OfficeHourSlot"]
