"""Each interface language writes dates and times as its readers do (glasnik.formats)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from django.utils.formats import date_format, time_format

MOMENT = datetime(2027, 1, 6, 14, 0, tzinfo=ZoneInfo("Europe/Belgrade"))

FORMATS = ["DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATE_FORMAT", "SHORT_DATETIME_FORMAT"]
EXPECTED = {
    "sr": ("6. јануар 2027.", "6. јануар 2027. у 14:00", "6. 1. 2027.", "6. 1. 2027. 14:00"),
    "sr-latn": ("6. januar 2027.", "6. januar 2027. u 14:00", "6. 1. 2027.", "6. 1. 2027. 14:00"),
    "bs": ("6. januar 2027.", "6. januar 2027. u 14:00", "6. 1. 2027.", "6. 1. 2027. 14:00"),
    "bs-cyrl": ("6. januar 2027.", "6. januar 2027. u 14:00", "6. 1. 2027.", "6. 1. 2027. 14:00"),
    "hr": ("6. siječnja 2027.", "6. siječnja 2027. u 14:00", "6. 1. 2027.", "6. 1. 2027. 14:00"),
    "sl": ("6. januarja 2027", "6. januarja 2027 ob 14.00", "6. 1. 2027", "6. 1. 2027 14.00"),
    "en": ("6 January 2027", "6 January 2027, 14:00", "6 Jan 2027", "6 Jan 2027, 14:00"),
}
TIMES = {
    "sr": "14:00",
    "sr-latn": "14:00",
    "bs": "14:00",
    "bs-cyrl": "14:00",
    "hr": "14:00",
    "sl": "14.00",
    "en": "14:00",
}


@pytest.mark.parametrize("language", list(EXPECTED))
def test_dates_are_written_as_in_the_language(language):
    with translation.override(language):
        shown = tuple(date_format(MOMENT, name) for name in FORMATS)
        time = time_format(MOMENT, "TIME_FORMAT")

    assert shown == EXPECTED[language]
    assert time == TIMES[language]


MONTHS_IN_LONG_DATES = {
    "hr": "siječnja veljače ožujka travnja svibnja lipnja srpnja kolovoza rujna listopada "
    "studenoga prosinca",
    "sl": "januarja februarja marca aprila maja junija julija avgusta septembra oktobra "
    "novembra decembra",
}


@pytest.mark.parametrize("language", list(MONTHS_IN_LONG_DATES))
def test_long_dates_name_the_month_in_the_genitive(language):
    with translation.override(language):
        months = [date_format(MOMENT.replace(month=month), "E") for month in range(1, 13)]

    assert " ".join(months) == MONTHS_IN_LONG_DATES[language]


@pytest.mark.parametrize("language", list(EXPECTED))
def test_no_format_ends_in_two_full_stops(language):
    with translation.override(language):
        shown = [date_format(MOMENT, name) for name in [*FORMATS, "MONTH_DAY_FORMAT"]]

    assert [text for text in shown if ".." in text] == []
