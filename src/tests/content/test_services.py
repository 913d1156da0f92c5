"""The content calendar's operations: planning, moving, statuses, the approval chain step by
step with its refusals, and edits made at the same time."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from factories.accounts import PersonFactory

from glasnik.audit.models import AuditLogEntry
from glasnik.content.calendar_time import institution_time_zone
from glasnik.content.models import Decision, PostStatus
from glasnik.content.selectors import posts_waiting_for
from glasnik.content.services import (
    approval_chain_set,
    post_approve,
    post_comment,
    post_create,
    post_move,
    post_return,
    post_status_set,
    post_submit,
    post_update,
)

from .conftest import next_week, plan


def test_a_post_planned_in_the_past_is_refused_unless_published(team):
    past = next_week(team.organization, days=-1)

    with pytest.raises(ValidationError) as refused:
        plan(team, publish_at=past)
    published = plan(team, publish_at=past, status=PostStatus.PUBLISHED)

    assert "publish_at" in refused.value.error_dict
    assert published.status == PostStatus.PUBLISHED


def test_times_are_read_in_the_institutions_time_zone(post):
    post.refresh_from_db()
    local = post.publish_at.astimezone(institution_time_zone(post.organization))

    assert (str(local.tzinfo), local.hour) == ("Europe/Belgrade", 10)


def test_two_steps_approve_in_turn_and_each_is_in_the_trail_and_the_audit_log(
    team, post, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post = post_submit(post=post, by=team.officer, version=post.version)
    assert list(posts_waiting_for(team.officer)) == [post]
    with django_capture_on_commit_callbacks(execute=True):
        post = post_approve(post=post, by=team.officer, comment="")
    assert (post.status, post.review_step) == (PostStatus.IN_REVIEW, 2)
    assert list(posts_waiting_for(team.approver)) == [post]
    assert list(posts_waiting_for(team.officer)) == []
    with django_capture_on_commit_callbacks(execute=True):
        post = post_approve(post=post, by=team.approver, comment="Može.")

    assert (post.status, post.review_step) == (PostStatus.APPROVED, None)
    assert [(e.person, e.decision, e.step) for e in post.trail.all()] == [
        (team.officer, Decision.SUBMITTED, 1),
        (team.officer, Decision.APPROVED, 1),
        (team.approver, Decision.APPROVED, 2),
    ]
    assert [m.to[0] for m in mailoutbox] == [
        team.officer.email,
        team.approver.email,
        team.officer.email,
    ]
    actions = AuditLogEntry.objects.filter(action__startswith="content.post").values_list(
        "action", flat=True
    )
    assert list(actions.order_by("pk")) == [
        "content.post.created",
        "content.post.submitted",
        "content.post.approved",
        "content.post.approved",
    ]


def test_an_approval_by_someone_outside_the_chain_is_refused(team, post):
    post = post_submit(post=post, by=team.officer, version=post.version)

    for outsider in (team.mentor, team.colleague, PersonFactory()):
        with pytest.raises(ValidationError) as refused:
            post_approve(post=post, by=outsider)
        assert refused.value.code == "not_in_chain"
        assert "not in this institution's approval chain" in refused.value.messages[0]
    post.refresh_from_db()
    assert (post.status, post.review_step) == (PostStatus.IN_REVIEW, 1)


def test_an_approval_out_of_turn_is_refused_and_names_whose_turn_it_is(team, post):
    post = post_submit(post=post, by=team.officer, version=post.version)

    with pytest.raises(ValidationError) as refused:
        post_approve(post=post, by=team.approver)

    assert refused.value.code == "not_your_step"
    assert str(team.officer) in refused.value.messages[0]


def test_a_returned_post_needs_a_comment_and_goes_back_to_draft(
    team, post, mailoutbox, django_capture_on_commit_callbacks
):
    post = post_submit(post=post, by=team.officer, version=post.version)
    post = post_approve(post=post, by=team.officer)
    with pytest.raises(ValidationError):
        post_return(post=post, by=team.approver, comment=" ")
    with django_capture_on_commit_callbacks(execute=True):
        post = post_return(post=post, by=team.approver, comment="Dodajte mesto.")

    assert (post.status, post.review_step) == (PostStatus.DRAFT, None)
    assert post.trail.last().comment == "Dodajte mesto."
    assert [m.to[0] for m in mailoutbox] == [team.officer.email]


def test_a_submission_without_a_chain_is_refused(team, post):
    approval_chain_set(organization=team.organization, by=team.officer, people=[])

    with pytest.raises(ValidationError) as refused:
        post_submit(post=post, by=team.officer, version=post.version)

    assert refused.value.code == "no_chain"


def test_the_chain_takes_only_the_institutions_staff_and_approvers(team):
    with pytest.raises(ValidationError) as refused:
        approval_chain_set(organization=team.organization, by=team.officer, people=[team.mentor])

    assert refused.value.code == "not_team"


def test_changing_the_chain_sends_posts_in_review_back_to_its_first_step(team, post):
    post = post_submit(post=post, by=team.officer, version=post.version)
    post = post_approve(post=post, by=team.officer)

    approval_chain_set(
        organization=team.organization, by=team.officer, people=[team.colleague, team.approver]
    )

    post.refresh_from_db()
    assert post.review_step == 1
    assert list(posts_waiting_for(team.colleague)) == [post]


def test_a_second_edit_from_an_old_version_is_refused_and_the_first_kept(team, post):
    old = post.version
    post_update(post=post, editor=team.officer, version=old, **_fields(post, text="Prvi."))

    with pytest.raises(ValidationError) as refused:
        post_update(post=post, editor=team.colleague, version=old, **_fields(post, text="Drugi."))

    post.refresh_from_db()
    assert refused.value.code == "stale"
    assert post.text == "Prvi."


def _fields(post, **changes) -> dict:
    return {"publish_at": post.publish_at, "platforms": post.platforms, "text": post.text} | changes


def test_a_move_keeps_the_time_and_refuses_a_stale_version_and_a_past_day(team, post):
    day = post.publish_at.date() + timedelta(days=2)

    moved = post_move(post=post, by=team.officer, day=day, version=post.version)
    with pytest.raises(ValidationError):
        post_move(post=moved, by=team.officer, day=day, version=moved.version - 1)
    with pytest.raises(ValidationError) as past:
        post_move(post=moved, by=team.officer, day=day - timedelta(days=30), version=moved.version)

    local = moved.publish_at.astimezone(institution_time_zone(team.organization))
    assert (local.date(), local.hour) == (day, 10)
    assert "publish_at" in past.value.error_dict


def test_only_allowed_status_changes_are_made_by_hand(team, post):
    with pytest.raises(ValidationError) as refused:
        post_status_set(
            post=post, by=team.officer, status=PostStatus.APPROVED, version=post.version
        )
    cancelled = post_status_set(
        post=post, by=team.officer, status=PostStatus.CANCELLED, version=post.version
    )

    assert refused.value.code == "transition"
    assert cancelled.status == PostStatus.CANCELLED


def test_an_approved_post_is_scheduled_then_published(team, post):
    post = post_submit(post=post, by=team.officer, version=post.version)
    post = post_approve(post=post, by=team.officer)
    post = post_approve(post=post, by=team.approver)

    post = post_status_set(post=post, by=team.officer, status="scheduled", version=post.version)
    post = post_status_set(post=post, by=team.officer, status="published", version=post.version)

    assert post.status == PostStatus.PUBLISHED


def test_a_comment_is_added_to_the_trail(team, post):
    post_comment(post=post, by=team.mentor, comment="Dodajte fotografiju.")

    assert post.trail.get().decision == Decision.COMMENTED


def test_an_image_of_the_wrong_type_or_size_is_refused(team):
    from django.core.files.uploadedfile import SimpleUploadedFile

    gif = SimpleUploadedFile("slika.gif", b"GIF89a....", content_type="image/gif")
    fake_png = SimpleUploadedFile("slika.png", b"not a png at all", content_type="image/png")
    huge = SimpleUploadedFile(
        "slika.png", b"\x89PNG\r\n\x1a\n" + b"0" * (5 * 1024 * 1024 + 1), content_type="image/png"
    )

    for upload in (gif, fake_png, huge):
        with pytest.raises(ValidationError):
            plan(team, image=upload, alt_text="Skupština grada.")


def test_an_image_without_alt_text_is_refused(team):
    from django.core.files.uploadedfile import SimpleUploadedFile

    png = SimpleUploadedFile("slika.png", b"\x89PNG\r\n\x1a\n0000", content_type="image/png")

    with pytest.raises(ValidationError) as refused:
        post_create(
            organization=team.organization,
            author=team.officer,
            platforms=["facebook"],
            publish_at=next_week(team.organization),
            text="Tekst.",
            image=png,
        )

    assert "alt_text" in refused.value.error_dict


def test_holidays_are_named_in_the_readers_language_where_the_library_has_it():
    from datetime import date

    from django.utils import translation

    from glasnik.content.days import planning_days

    with translation.override("sl"):
        slovenian = planning_days(["SI", "HR"], date(2027, 6, 25), date(2027, 6, 25))
    with translation.override("sr-latn"):
        serbian = planning_days(["RS", "INT"], date(2027, 5, 1), date(2027, 5, 3))

    assert [(day.name, day.lang) for day in slovenian[date(2027, 6, 25)]] == [
        ("dan državnosti", "sl")
    ]
    assert ("Praznik rada", "sr") in [(day.name, day.lang) for day in serbian[date(2027, 5, 1)]]
    assert [day.name for day in serbian[date(2027, 5, 3)]] == [
        "Drugi dan Vaskrsa",  # Orthodox Easter Monday in 2027
        "Svetski dan slobode medija",
    ]
