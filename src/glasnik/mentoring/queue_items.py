"""The queue's questions as a participant's page draws them, kept per question.

Hundreds of participants poll a live queue; after each vote every one of them asks for the
list again, and drawing forty questions afresh for each is what it costs. What a participant
sees of a question depends on the question and on three facts about the reader: whether it is
their own, whether they voted for it, and whether the queue takes votes. So each question is
drawn once per such variant and language and kept under the queue's namespace
(`glasnik.core.object_cache`), named by a digest of everything it shows: a changed question
gets a new name, so an entry is never out of date and needs no clearing
(`object_cache_clear("queue", pk)` would drop them all at once). The reader's own CSRF token
goes in after.

Mentors and organisers see every author and the merge lists, which depend on the whole queue:
their few pages are drawn afresh (`items` is None).
"""

import hashlib

from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from glasnik.core.object_cache import object_cache_read

from .access import QueueAccess

# Entries made for one state of a question are unused once it changes; they go after a while.
ITEM_SECONDS = 15 * 60
CSRF_PLACEHOLDER = "__glasnik-queue-csrf__"


def _variant(question, person, own_votes: set[int]) -> str:
    if question.author_id == person.pk:
        return "own"
    return "voted" if question.pk in own_votes else "other"


def _entry_name(question, variant: str, is_open: bool, language: str) -> str:
    author = question.author.get_full_name() or question.author.email
    merged = question.merged_into.text if question.merged_into_id else ""
    shown = repr(
        (
            question.text,
            question.is_anonymous,
            author,
            question.status,
            question.vote_count,
            question.answer,
            merged,
        )
    )
    digest = hashlib.sha256(shown.encode()).hexdigest()[:24]
    return f"queue:item:{question.pk}:{digest}:{variant}:{int(is_open)}:{language}"


def queue_items(
    request, *, access: QueueAccess, questions: list, own_votes: set[int], is_open: bool
) -> SafeString | None:
    """The participant's list items as HTML, or None for a moderator (drawn in the template)."""
    if access.is_moderator:
        return None
    person = request.user
    language = get_language()
    names = {
        question.pk: _entry_name(question, _variant(question, person, own_votes), is_open, language)
        for question in questions
    }
    kept = object_cache_read("queue", access.queue.pk, names.values())
    context = {
        "access": access,
        "user": person,
        "own_votes": own_votes,
        "is_open": is_open,
        "lang": access.event.content_language,
        "csrf_token": CSRF_PLACEHOLDER,
    }
    parts = []
    for question in questions:
        name = names[question.pk]
        item = kept.get(name)
        if item is None:
            item = render_to_string("mentoring/_question.html", context | {"question": question})
            kept.keep(name, item, ITEM_SECONDS)
        parts.append(item)
    return mark_safe("".join(parts).replace(CSRF_PLACEHOLDER, get_token(request)))  # noqa: S308 - our templates' output
