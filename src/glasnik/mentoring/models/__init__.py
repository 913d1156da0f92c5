"""Mentoring's models, one module per part: the question queue of an online session now;
pairs, office hours and reviews of work beside it later."""

from .pairs import ActionItem, ItemOwner, MentoringPair, PairSession
from .questions import Question, QuestionQueue, QuestionStatus, QuestionVote
from .reviews import ReviewSection, ReviewStatus, ReviewVersion, WorkKind, WorkReview

__all__ = [
    "ActionItem",
    "ItemOwner",
    "MentoringPair",
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
