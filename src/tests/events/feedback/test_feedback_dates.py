"""The feedback window on an event's page ends its sentence with one full stop, in every
language (Serbian, Bosnian and Croatian dates end with one of their own)."""

import re
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from glasnik.events.selectors.feedback import feedback_closes_at

pytestmark = pytest.mark.django_db

OPEN_UNTIL = {
    "sr": "Отворено до {date}",
    "sr-latn": "Otvoreno do {date}",
    "bs": "Otvoreno do {date}",
    "hr": "Otvoreno do {date}",
    "sl": "Odprto do {date}.",
    "en": "Open until {date}.",
}


@pytest.mark.parametrize("language", list(OPEN_UNTIL))
def test_feedback_open_until_has_one_full_stop(client, training, participant, language):
    client.force_login(participant)

    with translation.override(language):
        response = client.get(reverse("events:program_event_detail", args=[training.pk]))
        # The day in the event's time zone, as its page says it (not UTC's: they differ
        # for an hour or two around midnight).
        closes = timezone.localtime(feedback_closes_at(training), ZoneInfo(training.time_zone))
        date = date_format(closes, "DATE_FORMAT")

    text = unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))
    assert OPEN_UNTIL[language].format(date=date) + " " in text
    assert ".." not in text
