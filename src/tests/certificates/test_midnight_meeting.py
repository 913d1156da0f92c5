"""A meeting from 18:00 to 24:00 Belgrade time on 10 May lasts one day, 10 May: its days, its
certificate, its attendance sheet and the programme's report all say so."""

from datetime import date, datetime

import pytest
from training_days import BELGRADE, attend

from glasnik.certificates.services import certificate_issue
from glasnik.events.selectors.attendance import attendance_sheet
from glasnik.site.program_reports import program_reports

pytestmark = pytest.mark.django_db

TENTH_OF_MAY = date(2026, 5, 10)


@pytest.fixture
def evening(make_training):
    return make_training(
        title="Večernji susret",
        starts_at=datetime(2026, 5, 10, 18, 0, tzinfo=BELGRADE),
        ends_at=datetime(2026, 5, 11, 0, 0, tzinfo=BELGRADE),
    )


def test_event_ending_at_midnight_lasts_one_day(evening):
    assert evening.days == [TENTH_OF_MAY]


def test_event_ending_after_midnight_takes_the_next_day(make_training):
    late = make_training(
        starts_at=datetime(2026, 5, 10, 18, 0, tzinfo=BELGRADE),
        ends_at=datetime(2026, 5, 11, 0, 1, tzinfo=BELGRADE),
    )

    assert late.days == [TENTH_OF_MAY, date(2026, 5, 11)]


def test_days_follow_the_event_time_zone_not_the_active_one(evening, settings):
    from django.utils import timezone

    with timezone.override("Europe/London"):
        assert evening.days == [TENTH_OF_MAY]


def test_certificate_of_the_midnight_meeting_names_one_day(
    evening, make_registration, program_organiser
):
    registration = make_registration(event=evening, language="en")
    attend(registration, TENTH_OF_MAY)

    certificate = certificate_issue(
        registration=registration, actor=program_organiser, notify=False
    )

    assert certificate.dates == "10 May 2026"


def test_attendance_sheet_of_the_midnight_meeting_has_one_day(evening, make_registration):
    attend(make_registration(event=evening), TENTH_OF_MAY)

    sheet = attendance_sheet(evening)

    assert [column.day for column in sheet.columns] == [TENTH_OF_MAY]
    assert [row.days_attended for row in sheet.rows] == [1]


def test_report_counts_one_day_for_the_midnight_meeting(evening, make_registration, program):
    attend(make_registration(event=evening), TENTH_OF_MAY)

    reports = {report.key: report for report in program_reports(program)}

    rows = {row.label: row.values for row in reports["attendance_events"].rows}
    days, confirmed, present, rate = rows[evening.title]
    assert (days, confirmed, present, rate) == (1, 1, 1, 100.0)
    day_rows = [row.label for row in reports["attendance_days"].rows]
    assert [label for label in day_rows if label.startswith(evening.title)] == [
        f"{evening.title}, day 1 (2026-05-10)"
    ]


def test_midnight_meeting_is_shown_as_one_day(evening, client, make_registration):
    from django.template.loader import render_to_string
    from django.utils import timezone, translation

    with translation.override("en"), timezone.override("Europe/Belgrade"):
        when = render_to_string("events/includes/when.html", {"event": evening})

    assert "10 May 2026" in when
    assert "11 May" not in when
