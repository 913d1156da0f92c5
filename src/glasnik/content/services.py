"""The content calendar's writes: plan and edit a post, move it, change its status, send it
through the institution's approval chain, set up the chain and the pillars.

Every write of a post names the version it was made from; when someone else saved the post
meanwhile, the write is refused (nothing is lost: the form is shown again with what was typed)."""

from datetime import date, datetime
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from glasnik.audit.services import log_action

from .calendar_time import institution_time_zone
from .models import (
    MEDIA_EXTENSIONS,
    MEDIA_MAX_BYTES,
    ApprovalStep,
    Decision,
    Pillar,
    Post,
    PostEvent,
    PostStatus,
)
from .selectors import approval_chain, chain_candidates

EDITABLE = {PostStatus.IDEA, PostStatus.DRAFT}
CLOSED = {PostStatus.PUBLISHED, PostStatus.CANCELLED}
# Status changes made by hand (the chain makes the others): from → allowed targets.
MANUAL_STATUS = {
    PostStatus.IDEA: {PostStatus.DRAFT, PostStatus.CANCELLED},
    PostStatus.DRAFT: {PostStatus.IDEA, PostStatus.CANCELLED},
    PostStatus.IN_REVIEW: {PostStatus.DRAFT, PostStatus.CANCELLED},
    PostStatus.APPROVED: {
        PostStatus.SCHEDULED,
        PostStatus.PUBLISHED,
        PostStatus.DRAFT,
        PostStatus.CANCELLED,
    },
    PostStatus.SCHEDULED: {PostStatus.PUBLISHED, PostStatus.APPROVED, PostStatus.CANCELLED},
    PostStatus.PUBLISHED: set(),
    PostStatus.CANCELLED: {PostStatus.DRAFT},
}
POST_FIELDS = (
    "platforms",
    "publish_at",
    "text",
    "variants",
    "language",
    "alt_text",
    "is_announcement",
    "link",
    "hashtags",
    "pillar",
    "repeat",
    "repeat_until",
)


def media_check(upload) -> None:
    from glasnik.core.uploads import upload_check

    upload_check(upload, extensions=MEDIA_EXTENSIONS, max_bytes=MEDIA_MAX_BYTES)


def _check_not_past(publish_at: datetime, status: str) -> None:
    if status != PostStatus.PUBLISHED and publish_at < timezone.now():
        raise ValidationError(
            {"publish_at": _("This time has passed. Plan the post for a later time.")},
            code="past",
        )


def _check_post(fields: dict, status: str) -> None:
    _check_not_past(fields["publish_at"], status)
    if fields.get("repeat") and not fields.get("repeat_until"):
        raise ValidationError(
            {"repeat_until": _("Say until when the post repeats.")}, code="repeat_end"
        )
    until = fields.get("repeat_until")
    if fields.get("repeat") and until and until < fields["publish_at"].date():
        raise ValidationError(
            {"repeat_until": _("The repetitions must end after the first post.")},
            code="repeat_end",
        )
    if fields.get("image") and not (fields.get("alt_text") or "").strip():
        raise ValidationError(
            {"alt_text": _("Describe the image for people who cannot see it.")}, code="alt"
        )


def _log(action: str, *, post: Post, actor, data: dict | None = None) -> None:
    log_action(
        f"content.post.{action}",
        actor=actor,
        target=post,
        scope=post.organization,
        data={"status": post.status} | (data or {}),
    )


@transaction.atomic
def post_create(*, organization, author, status: str = PostStatus.DRAFT, **fields) -> Post:
    if status not in (PostStatus.IDEA, PostStatus.DRAFT, PostStatus.PUBLISHED):
        status = PostStatus.DRAFT
    _check_post(fields, status)
    image = fields.pop("image", None)
    post = Post(organization=organization, owner=author, status=status, **fields)
    if image:
        media_check(image)
        post.image = image
    post.save()
    _log("created", post=post, actor=author)
    return post


def _versioned_update(post: Post, version: int, **changes) -> None:
    """Write `changes` if the post is still at `version`; raise when someone saved it since."""
    changes["updated_at"] = timezone.now()
    written = Post.objects.filter(pk=post.pk, version=version).update(
        version=F("version") + 1, **changes
    )
    if not written:
        raise ValidationError(
            _(
                "Someone else saved this post while you were working on it. Your text is "
                "still in the form: compare it with the saved post and save again."
            ),
            code="stale",
        )
    post.refresh_from_db()


@transaction.atomic
def post_update(*, post: Post, editor, version: int, **fields) -> Post:
    if post.status not in EDITABLE:
        raise ValidationError(
            _("Only an idea or a draft can be edited. Return the post to draft first."),
            code="not_editable",
        )
    _check_post(fields | {"image": fields.get("image") or post.image}, post.status)
    image = fields.pop("image", None)
    if image:
        media_check(image)
        post.image.save(image.name, image, save=False)
        fields["image"] = post.image.name
    if "pillar" in fields:
        fields["pillar_id"] = fields.pop("pillar").pk if fields["pillar"] else None
    _versioned_update(post, version, **fields)
    _log("updated", post=post, actor=editor)
    return post


@transaction.atomic
def post_move(*, post: Post, by, day: date, version: int) -> Post:
    """Move the post (a recurring one: its series) to another day at the same time."""
    if post.status in CLOSED:
        raise ValidationError(_("A published or cancelled post cannot be moved."), code="closed")
    zone = institution_time_zone(post.organization)
    local = post.publish_at.astimezone(zone)
    moved = datetime.combine(day, local.timetz().replace(tzinfo=None), tzinfo=zone)
    _check_not_past(moved, post.status)
    changes = {"publish_at": moved}
    if post.repeat_until:
        changes["repeat_until"] = post.repeat_until + (day - local.date())
    _versioned_update(post, version, **changes)
    _log("moved", post=post, actor=by, data={"day": day.isoformat()})
    return post


@transaction.atomic
def post_status_set(*, post: Post, by, status: str, version: int) -> Post:
    if status not in MANUAL_STATUS.get(post.status, set()):
        raise ValidationError(
            _("A post that is “%(current)s” cannot be made “%(new)s”.")
            % {"current": post.get_status_display(), "new": PostStatus(status).label},
            code="transition",
        )
    if status in (PostStatus.APPROVED, PostStatus.SCHEDULED):
        _check_not_past(post.publish_at, status)
    _versioned_update(post, version, status=status, review_step=None)
    _log("status_changed", post=post, actor=by)
    return post


def _notify(post: Post, template: str, person_id: int) -> None:
    from .tasks import post_notify

    transaction.on_commit(
        partial(post_notify.enqueue, post_id=post.pk, template=template, person_id=person_id)
    )


def _trail(post: Post, person, decision: str, comment: str = "") -> None:
    PostEvent.objects.create(
        post=post, person=person, decision=decision, step=post.review_step, comment=comment
    )


@transaction.atomic
def post_submit(*, post: Post, by, version: int, notify: bool = True) -> Post:
    """Send the post to the first step of the institution's approval chain (`notify=False`:
    without the email, for the demo data)."""
    chain = approval_chain(post.organization)
    if not chain:
        raise ValidationError(
            _("The institution has no approval chain yet. Set it up first."), code="no_chain"
        )
    if post.status not in EDITABLE:
        raise ValidationError(_("Only an idea or a draft can be sent for approval."))
    if not post.text.strip() or not post.platforms:
        raise ValidationError(
            _("Write the text and choose at least one platform before sending the post.")
        )
    _check_not_past(post.publish_at, PostStatus.IN_REVIEW)
    _versioned_update(post, version, status=PostStatus.IN_REVIEW, review_step=chain[0].position)
    _trail(post, by, Decision.SUBMITTED)
    _log("submitted", post=post, actor=by, data={"step": post.review_step})
    if notify:
        _notify(post, "waiting", chain[0].person_id)
    return post


def _current_step(post: Post, by) -> tuple[ApprovalStep, list[ApprovalStep]]:
    """The step the post waits at, when `by` is its person; a clear refusal otherwise."""
    if post.status != PostStatus.IN_REVIEW:
        raise ValidationError(_("This post is not waiting for approval."), code="not_in_review")
    chain = approval_chain(post.organization)
    mine = next((step for step in chain if step.person_id == by.pk), None)
    if mine is None:
        raise ValidationError(
            _("You are not in this institution's approval chain, so you cannot approve posts."),
            code="not_in_chain",
        )
    if mine.position != post.review_step:
        current = next((step for step in chain if step.position == post.review_step), None)
        raise ValidationError(
            _("This post is waiting for %(person)s's decision, not yours.")
            % {"person": current.person if current else "—"},
            code="not_your_step",
        )
    return mine, chain


@transaction.atomic
def post_approve(*, post: Post, by, comment: str = "", notify: bool = True) -> Post:
    post = Post.objects.select_for_update().select_related("organization").get(pk=post.pk)
    step, chain = _current_step(post, by)
    _trail(post, by, Decision.APPROVED, comment)
    later = [later for later in chain if later.position > step.position]
    if later:
        _versioned_update(post, post.version, review_step=later[0].position)
        if notify:
            _notify(post, "waiting", later[0].person_id)
    else:
        _versioned_update(post, post.version, status=PostStatus.APPROVED, review_step=None)
        if notify and post.owner_id:
            _notify(post, "approved", post.owner_id)
    _log("approved", post=post, actor=by, data={"step": step.position})
    return post


@transaction.atomic
def post_return(*, post: Post, by, comment: str) -> Post:
    if not comment.strip():
        raise ValidationError(
            {"comment": _("Say what should change before the post can be approved.")},
            code="comment_required",
        )
    post = Post.objects.select_for_update().select_related("organization").get(pk=post.pk)
    step, _chain = _current_step(post, by)
    _trail(post, by, Decision.RETURNED, comment)
    _versioned_update(post, post.version, status=PostStatus.DRAFT, review_step=None)
    _log("returned", post=post, actor=by, data={"step": step.position})
    if post.owner_id:
        _notify(post, "returned", post.owner_id)
    return post


@transaction.atomic
def post_comment(*, post: Post, by, comment: str) -> PostEvent:
    if not comment.strip():
        raise ValidationError({"comment": _("Write a comment.")}, code="required")
    event = PostEvent.objects.create(
        post=post, person=by, decision=Decision.COMMENTED, comment=comment
    )
    _log("commented", post=post, actor=by)
    return event


@transaction.atomic
def approval_chain_set(*, organization, by, people: list) -> list[ApprovalStep]:
    """Replace the chain with `people` in order. Posts in review start again at its first step."""
    if len({person.pk for person in people}) != len(people):
        raise ValidationError(_("A person can be only once in the chain."), code="duplicate")
    allowed = set(chain_candidates(organization).values_list("pk", flat=True))
    for person in people:
        if person.pk not in allowed:
            raise ValidationError(
                _("%(person)s is neither on the institution's staff nor its approver.")
                % {"person": person},
                code="not_team",
            )
    ApprovalStep.objects.filter(organization=organization).delete()
    steps = ApprovalStep.objects.bulk_create(
        ApprovalStep(organization=organization, position=number, person=person)
        for number, person in enumerate(people, start=1)
    )
    waiting = Post.objects.filter(organization=organization, status=PostStatus.IN_REVIEW)
    if steps:
        waiting.update(review_step=1, version=F("version") + 1)
    else:
        waiting.update(status=PostStatus.DRAFT, review_step=None, version=F("version") + 1)
    log_action(
        "content.chain.set",
        actor=by,
        target=organization,
        data={"people": [person.pk for person in people]},
    )
    return steps


@transaction.atomic
def pillar_create(*, organization, by, name: str) -> Pillar:
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the pillar a name.")}, code="required")
    if Pillar.objects.filter(organization=organization, name__iexact=name).exists():
        raise ValidationError({"name": _("The institution already has this pillar.")})
    pillar = Pillar.objects.create(organization=organization, name=name)
    log_action("content.pillar.created", actor=by, target=pillar, scope=organization)
    return pillar
