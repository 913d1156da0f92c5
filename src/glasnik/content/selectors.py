"""The content calendar's reads: a span of days with its posts (recurring ones included), the
list with its filters, the approval chain and what waits for someone's approval."""

from datetime import date

from django.db.models import F, Q, TextField
from django.db.models.functions import Cast
from django.http import Http404

from .calendar_time import occurrences, span_bounds
from .models import ApprovalStep, Pillar, Post, PostEvent, PostStatus


def posts_base():
    return Post.objects.select_related("pillar", "owner", "organization")


def posts_in_span(organization, first: date, last: date) -> list:
    """Occurrences of the institution's posts on the days first..last, in time order."""
    start, end = span_bounds(organization, first, last)
    posts = (
        posts_base()
        .filter(organization=organization)
        .filter(
            Q(publish_at__gte=start, publish_at__lt=end)
            | (~Q(repeat="") & Q(publish_at__lt=end, repeat_until__gte=first))
        )
    )
    return occurrences(posts, organization, first, last)


def posts_filtered(organization, *, status="", platform="", pillar=None):
    posts = posts_base().filter(organization=organization)
    if status:
        posts = posts.filter(status=status)
    if platform:
        # A JSON list read as text: the same on SQLite and PostgreSQL.
        posts = posts.annotate(platforms_text=Cast("platforms", TextField())).filter(
            platforms_text__contains=f'"{platform}"'
        )
    if pillar:
        posts = posts.filter(pillar_id=pillar)
    return posts.order_by("-publish_at", "-pk")


def post_for_access(access, pk: int) -> Post:
    """The institution's post; 404 when it is another's (the access already says who reads)."""
    post = posts_base().filter(organization=access.organization, pk=pk).first()
    if post is None:
        raise Http404
    return post


def approval_chain(organization) -> list[ApprovalStep]:
    return list(
        ApprovalStep.objects.filter(organization=organization)
        .select_related("person")
        .order_by("position")
    )


def pillars_of(organization) -> list[Pillar]:
    return list(Pillar.objects.filter(organization=organization))


def post_trail(post: Post) -> list[PostEvent]:
    return list(post.trail.select_related("person"))


def posts_waiting_for(user):
    """Posts in review whose current step is `user`'s, the oldest date first."""
    return (
        posts_base()
        .filter(
            status=PostStatus.IN_REVIEW,
            organization__approval_steps__person_id=user.pk,
            review_step=F("organization__approval_steps__position"),
        )
        .order_by("publish_at", "pk")
    )


def chain_candidates(organization):
    """Who may be a step of the institution's approval chain: its staff and its approvers,
    by name."""
    from glasnik.accounts.models import User
    from glasnik.toolkit.access import institution_approvers, institution_staff

    staff = institution_staff(organization).values("pk")
    approvers = institution_approvers(organization).values("pk")
    return (
        User.objects.filter(Q(pk__in=staff) | Q(pk__in=approvers))
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )
