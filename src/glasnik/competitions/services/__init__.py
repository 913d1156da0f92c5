"""Every write of a competition: setup, entries, jury scores, conflicts, the public vote and
publishing. Each decision is in the audit log, every score change with its old and new value.
What is refused raises `ValidationError` with a message for people and changes nothing.

Split by concern: setup, entries, jury, vote, results; everything is importable from here."""

from .entries import (
    ENTRY_FIELDS,
    SCREENSHOT_EXTENSIONS,
    SCREENSHOT_MAX_BYTES,
    entry_create,
    entry_metric_set,
    entry_submit,
    entry_update,
    example_post_add,
)
from .jury import conflict_declare, feedback_set, juror_assign, juror_remove, score_set
from .results import archive_publish_set, results_publish
from .setup import (
    SETTINGS,
    TIMELINE,
    category_create,
    category_remove,
    competition_create,
    competition_method_set,
    competition_slug_free,
    competition_timeline_set,
    competition_update,
    criterion_create,
    criterion_remove,
    editable_check,
    filed_under,
    timeline_check,
    weights_check,
)
from .vote import vote_cast

__all__ = [
    "ENTRY_FIELDS",
    "SCREENSHOT_EXTENSIONS",
    "SCREENSHOT_MAX_BYTES",
    "SETTINGS",
    "TIMELINE",
    "archive_publish_set",
    "category_create",
    "category_remove",
    "competition_create",
    "competition_method_set",
    "competition_slug_free",
    "competition_timeline_set",
    "competition_update",
    "conflict_declare",
    "criterion_create",
    "criterion_remove",
    "editable_check",
    "entry_create",
    "entry_metric_set",
    "entry_submit",
    "entry_update",
    "example_post_add",
    "feedback_set",
    "filed_under",
    "juror_assign",
    "juror_remove",
    "results_publish",
    "score_set",
    "timeline_check",
    "vote_cast",
    "weights_check",
]
