"""A post as it stands on a day of the month or the week, drawn once per occurrence in Python:
a month of 500 posts spends most of its time in per-post template lookups otherwise
(benchmarks/content_month.py: 410 ms with a template include per post)."""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from .models import PostStatus

NOT_MOVABLE = {PostStatus.PUBLISHED, PostStatus.CANCELLED}
PLACEHOLDER = 987654321


class PostUrls:
    """The addresses of an institution's posts, reversed once and filled in per post."""

    def __init__(self, slug: str):
        self.detail = reverse("content:post", args=[slug, PLACEHOLDER])
        self.move = reverse("content:post_move", args=[slug, PLACEHOLDER])
        # Labels translated once: get_status_display() hashes the lazy choices on every call.
        self.statuses = {value: str(label) for value, label in PostStatus.choices}
        self.repeats = _("repeats")

    def of(self, pattern: str, pk: int) -> str:
        return pattern.replace(str(PLACEHOLDER), str(pk))


def occurrence_html(occurrence, urls: PostUrls, *, may_move: bool, zone) -> str:
    post = occurrence.post
    at = occurrence.at.astimezone(zone)
    status = urls.statuses.get(post.status, post.status)
    if occurrence.is_repetition:
        status = f"{status} · {urls.repeats}"
    drag = ""
    if may_move and post.status not in NOT_MOVABLE:
        drag = format_html(
            ' draggable="true" data-move-url="{}" data-version="{}"',
            urls.of(urls.move, post.pk),
            post.version,
        )
    return format_html(
        '<li class="calendar-post status-{}"{}><a href="{}"><time datetime="{}">{}</time> '
        '<span lang="{}">{}</span></a> <span class="post-status">{}</span></li>',
        post.status,
        drag,
        urls.of(urls.detail, post.pk),
        at.isoformat(),
        at.strftime("%H:%M"),
        post.content_language,
        post.title,
        status,
    )
