"""Technical words stay as written on pages in Cyrillic: time zones are named as people name
them ("по београдском времену (CET)"), file types, product names, abbreviations and each
language's own name are never transliterated."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils import translation

from glasnik.core.email import email_render
from glasnik.events.ical import event_url

pytestmark = pytest.mark.django_db

WINTER = datetime(2030, 1, 15, 13, 0, tzinfo=UTC)  # 14:00 in Belgrade, CET


def meeting_page(client, event, language: str) -> str:
    with translation.override(language):
        url = reverse("events:meeting_detail", args=[event.pk])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_meeting_page_names_the_time_zone_as_people_say_it(client, make_meeting, member):
    event = make_meeting(starts_at=WINTER, ends_at=WINTER.replace(hour=15))
    client.force_login(member)

    content = meeting_page(client, event, "sr")

    assert 'по београдском времену (<span translate="no">CET</span>)' in content
    assert "Europe/Belgrade" not in content
    assert "Еуропе" not in content


def test_meeting_email_names_the_time_zone_as_people_say_it(make_meeting, network, member):
    event = make_meeting(starts_at=WINTER, ends_at=WINTER.replace(hour=15))

    _subject, text, html = email_render(
        template="events/email/meeting_scheduled",
        context={
            "user": member,
            "event": event,
            "network": network,
            "time_zone": event.time_zone,
            "event_url": event_url(event, "sr"),
        },
        language="sr",
    )

    assert "14:00 – 16:00 по београдском времену (CET)" in text
    assert "Еуропе" not in text
    assert 'по београдском времену (<span translate="no">CET</span>)' not in text
    assert "по београдском времену (CET)" in html


def test_file_types_and_product_names_stay_as_written_on_cyrillic_pages(
    client, make_meeting, network, member
):
    event = make_meeting()
    client.force_login(member)

    content = meeting_page(client, event, "sr")
    with translation.override("sr"):
        meetings = client.get(reverse("networks:detail", args=[network.slug])).content.decode()

    assert "Додајте у мој календар (.ics датотека)" in content
    assert "(iCalendar)</a>" in meetings
    assert ".ицс" not in content
    assert "иЦалендар" not in meetings


def test_bosnian_cyrillic_page_keeps_the_zone_abbreviation_and_online(client, make_meeting, member):
    event = make_meeting(starts_at=WINTER, ends_at=WINTER.replace(hour=15))
    client.force_login(member)

    content = meeting_page(client, event, "bs-cyrl")
    with translation.override("bs-cyrl"):
        listing = client.get(reverse("events:meeting_list", args=["mreza"])).content.decode()

    assert '(<span translate="no">CET</span>)' in content
    assert "ЦЕТ" not in content
    assert "Online" in listing
    assert "Онлине" not in listing


def test_profile_names_each_language_in_its_own_language_and_script(client, make_person):
    client.force_login(make_person(language="sr"))

    with translation.override("sr"):
        content = client.get(reverse("accounts:profile")).content.decode()

    assert '<option value="en" lang="en">English</option>' in content
    assert '<option value="sl" lang="sl">Slovenščina</option>' in content
    assert '<option value="hr" lang="hr">Hrvatski</option>' in content
    assert '<option value="sr-latn" lang="sr-Latn">Srpski (latinica)</option>' in content
    assert "Енглисх" not in content
    assert "Словеншчина" not in content
