"""The month as iCalendar, CSV and Hootsuite's bulk file, read back; the CSV import writes
every row or none and reports every bad row."""

import csv
import io

import icalendar
import pytest
from django.urls import reverse

from glasnik.content.exchange import ImportRefusedError, posts_import
from glasnik.content.models import Post
from glasnik.content.services import pillar_create, post_approve, post_submit

from .conftest import next_week, plan


def _approved(team, post):
    post = post_submit(post=post, by=team.officer, version=post.version)
    post = post_approve(post=post, by=team.officer)
    return post_approve(post=post, by=team.approver)


def _export(client, team, kind: str, when) -> bytes:
    url = reverse("content:export", args=[team.organization.slug, when.year, when.month, kind])
    response = client.get(url)
    assert response.status_code == 200
    return response.content


def test_the_ical_export_has_the_approved_posts_at_their_time_in_their_zone(client, team, post):
    _approved(team, post)
    plan(team, text="Samo nacrt.")
    client.force_login(team.officer)

    calendar = icalendar.Calendar.from_ical(_export(client, team, "ical", post.publish_at))

    events = calendar.walk("VEVENT")
    assert [str(event["summary"]) for event in events] == [post.title]
    start = events[0].decoded("dtstart")
    assert (str(start.tzinfo), start.hour) == ("Europe/Belgrade", 10)
    assert calendar.walk("VTIMEZONE")[0]["tzid"] == "Europe/Belgrade"


def test_the_csv_export_is_read_back_by_the_import(client, team, post):
    culture = pillar_create(organization=team.organization, by=team.officer, name="Kultura")
    plan(team, text="Koncert, „Zimska čarolija“.", pillar=culture, hashtags="#KulturaKG")
    client.force_login(team.officer)

    content = _export(client, team, "csv", post.publish_at)
    rows = list(csv.DictReader(io.StringIO(content.decode())))
    Post.objects.all().delete()
    count = posts_import(organization=team.organization, by=team.officer, content=content)

    assert [row["text"] for row in rows] == [post.text, "Koncert, „Zimska čarolija“."]
    assert rows[0]["platforms"] == "facebook; instagram"
    assert count == 2
    assert Post.objects.get(pillar=culture).hashtags == "#KulturaKG"


def test_the_hootsuite_file_has_date_message_and_link_of_approved_posts(client, team, post):
    _approved(team, plan(team, link="https://www.kragujevac.rs", hashtags="#Kragujevac"))
    client.force_login(team.officer)

    rows = list(
        csv.reader(io.StringIO(_export(client, team, "hootsuite", post.publish_at).decode()))
    )

    local = next_week(team.organization)
    assert rows == [
        [local.strftime("%d/%m/%Y 10:00"), f"{post.text} #Kragujevac", "https://www.kragujevac.rs"]
    ]


def test_an_import_with_bad_rows_writes_nothing_and_reports_every_one(team):
    good = next_week(team.organization)
    content = (
        "date,time,platforms,text\n"
        f"{good:%Y-%m-%d},10:00,facebook,Dobar red.\n"
        "2026-13-40,10:00,facebook,Loš datum.\n"
        f"{good:%Y-%m-%d},10:00,myspace,Nepoznata mreža.\n"
        "2020-01-01,10:00,facebook,Prošlo vreme.\n"
        f"{good:%Y-%m-%d},10:00,facebook,\n"
    ).encode()

    with pytest.raises(ImportRefusedError) as refused:
        posts_import(organization=team.organization, by=team.officer, content=content)

    problems = {problem.row: " ".join(problem.messages) for problem in refused.value.errors}
    assert sorted(problems) == [3, 4, 5, 6]
    assert "YYYY-MM-DD" in problems[3]
    assert "myspace" in problems[4]
    assert "passed" in problems[5]
    assert "text is missing" in problems[6]
    assert not Post.objects.exists()


def test_an_import_without_the_required_columns_is_refused(team):
    with pytest.raises(ImportRefusedError) as refused:
        posts_import(organization=team.organization, by=team.officer, content=b"text\nHello\n")

    assert "date" in refused.value.errors[0].messages[0]


def test_the_import_page_lists_the_bad_rows(client, team):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(team.officer)
    upload = SimpleUploadedFile("plan.csv", b"date,time,platforms,text\nsutra,10,fb,\n")

    response = client.post(
        reverse("content:import", args=[team.organization.slug]), {"file": upload}
    )

    page = response.content.decode()
    assert "Nothing was imported" in page
    assert "Row 2:" in page
    assert not Post.objects.exists()


def test_a_recurring_post_appears_each_week_until_its_end(team):
    from datetime import timedelta

    from glasnik.content.selectors import posts_in_span

    first = next_week(team.organization)
    post = plan(team, repeat="weekly", repeat_until=(first + timedelta(weeks=2)).date())
    monthly = plan(team, repeat="monthly", repeat_until=(first + timedelta(days=70)).date())

    found = posts_in_span(team.organization, first.date(), first.date() + timedelta(days=80))

    weekly_days = [o.day for o in found if o.post == post]
    assert weekly_days == [first.date() + timedelta(weeks=n) for n in range(3)]
    assert len([o for o in found if o.post == monthly]) in (2, 3)
    assert [o.is_repetition for o in found if o.post == post] == [False, True, True]
