"""The content calendar's pages: who may open and do what (404 for outsiders; staff plan;
approvers, mentors and organisers read and comment), bad input kept, and the month's and the
list's query counts independent of how many posts there are."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from glasnik.content.calendar_time import institution_today
from glasnik.content.models import Post, PostStatus
from glasnik.content.services import post_approve, post_submit

from .conftest import next_week, plan


def _month_url(team):
    return reverse("content:month", args=[team.organization.slug])


def _sign_in(client, person, login_with_second_factor):
    if person.authenticator_set.exists():
        login_with_second_factor(client, person)
    else:
        client.force_login(person)


@pytest.mark.parametrize("who", ["officer", "approver", "mentor", "organiser"])
def test_the_team_reads_the_month_list_and_post(client, team, post, who, login_with_second_factor):
    _sign_in(client, getattr(team, who), login_with_second_factor)
    slug = team.organization.slug

    for url in (
        _month_url(team),
        reverse("content:list", args=[slug]),
        reverse("content:post", args=[slug, post.pk]),
        reverse("content:chain", args=[slug]),
        reverse("content:week", args=[slug, post.publish_at.year, post.publish_at.month, 1]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    assert post.text in client.get(_month_url(team)).content.decode()


def test_an_outsider_is_told_nothing_exists(client, team, post):
    client.force_login(team.outsider)
    slug = team.organization.slug

    for url in (
        _month_url(team),
        reverse("content:list", args=[slug]),
        reverse("content:post", args=[slug, post.pk]),
        reverse("content:post_create", args=[slug]),
        reverse("content:export", args=[slug, 2026, 1, "csv"]),
    ):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("who", ["approver", "mentor", "organiser"])
def test_only_staff_plan(client, team, post, who, login_with_second_factor):
    _sign_in(client, getattr(team, who), login_with_second_factor)
    slug = team.organization.slug

    assert client.get(reverse("content:post_create", args=[slug])).status_code == 404
    assert client.get(reverse("content:post_edit", args=[slug, post.pk])).status_code == 404
    move = reverse("content:post_move", args=[slug, post.pk])
    assert client.post(move, {"shift": "later", "version": post.version}).status_code == 404
    decide = reverse("content:post_decide", args=[slug, post.pk])
    client.post(decide, {"action": "comment", "comment": "Dobro je."})
    assert post.trail.get().comment == "Dobro je."


def test_a_post_in_the_past_is_refused_and_what_was_typed_kept(client, team):
    client.force_login(team.officer)
    yesterday = institution_today(team.organization) - timedelta(days=1)

    response = client.post(
        reverse("content:post_create", args=[team.organization.slug]),
        {
            "text": "Otvaranje klizališta na Đačkom trgu.",
            "platforms": ["facebook"],
            "day": yesterday.isoformat(),
            "at": "10:00",
            "status": "draft",
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "This time has passed" in page
    assert "Otvaranje klizališta na Đačkom trgu." in page
    assert not Post.objects.exists()


def test_a_post_is_planned_and_moved_a_day_later_without_javascript(client, team):
    client.force_login(team.officer)
    day = next_week(team.organization).date()
    slug = team.organization.slug

    client.post(
        reverse("content:post_create", args=[slug]),
        {
            "text": "Tekst.",
            "platforms": ["facebook", "x"],
            "day": day,
            "at": "09:30",
            "status": "draft",
            "variant_x": "Kraće.",
        },
    )
    post = Post.objects.get()
    client.post(
        reverse("content:post_move", args=[slug, post.pk]),
        {"shift": "later", "version": post.version},
    )

    post.refresh_from_db()
    assert post.variants == {"x": "Kraće."}
    assert post.publish_at.date() == day + timedelta(days=1)


def test_an_approval_out_of_turn_is_refused_with_a_message(
    client, team, post, login_with_second_factor
):
    post_submit(post=post, by=team.officer, version=post.version)
    login_with_second_factor(client, team.approver)

    response = client.post(
        reverse("content:post_decide", args=[team.organization.slug, post.pk]),
        {"action": "approve"},
        follow=True,
    )

    assert "waiting for Marko Petrović" in response.content.decode()
    post.refresh_from_db()
    assert post.review_step == 1


def test_the_waiting_list_shows_what_waits_for_me(client, team, post, login_with_second_factor):
    post = post_submit(post=post, by=team.officer, version=post.version)
    post_approve(post=post, by=team.officer)
    login_with_second_factor(client, team.approver)

    response = client.get(reverse("content:waiting"))

    assert post.text in response.content.decode()


def _posts(team, count: int) -> None:
    start = next_week(team.organization, days=1)
    month_start = start.replace(day=1) if start.day < 20 else start
    Post.objects.bulk_create(
        Post(
            organization=team.organization,
            owner=team.officer,
            platforms=["facebook"],
            publish_at=month_start + timedelta(hours=number % 200),
            text=f"Objava {number}",
            status=PostStatus.DRAFT,
        )
        for number in range(count)
    )


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_month_and_list_take_the_same_queries_for_5_and_500_posts(client, team):
    client.force_login(team.officer)
    start = next_week(team.organization, days=1)
    month = reverse("content:month_of", args=[team.organization.slug, start.year, start.month])
    listing = reverse("content:list", args=[team.organization.slug])
    _posts(team, 5)
    client.get(month), client.get(listing)  # the session and the per-person caches warm
    few = (_queries(client, month), _queries(client, listing))
    Post.objects.all().delete()
    _posts(team, 500)

    many = (_queries(client, month), _queries(client, listing))

    assert many == few
    assert client.get(month).content.decode().count('<li class="calendar-post ') == 500


def test_the_list_filters_by_platform_status_and_pillar(client, team):
    from glasnik.content.services import pillar_create

    culture = pillar_create(organization=team.organization, by=team.officer, name="Kultura")
    plan(team, text="Na Fejsbuku.", platforms=["facebook"])
    plan(team, text="Na Instagramu.", platforms=["instagram"], pillar=culture)
    client.force_login(team.officer)
    url = reverse("content:list", args=[team.organization.slug])

    by_platform = client.get(url, {"platform": "instagram"}).content.decode()
    by_pillar = client.get(url, {"pillar": culture.pk}).content.decode()
    by_status = client.get(url, {"status": "approved"}).content.decode()

    assert ("Na Instagramu." in by_platform, "Na Fejsbuku." in by_platform) == (True, False)
    assert ("Na Instagramu." in by_pillar, "Na Fejsbuku." in by_pillar) == (True, False)
    assert "Na Fejsbuku." not in by_status


def test_the_month_shows_the_countrys_holidays_and_international_days(client, team):
    client.force_login(team.officer)
    url = reverse("content:month_of", args=[team.organization.slug, 2027, 5])

    page = client.get(url).content.decode()
    with_slovenia = client.get(url, {"layers": "1", "layer": ["SI"]}).content.decode()

    assert "World Press Freedom Day" in page
    assert "Labor Day" in page  # Serbia's, in the English interface
    assert "World Press Freedom Day" not in with_slovenia
