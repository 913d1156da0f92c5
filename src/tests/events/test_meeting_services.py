from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from factories.networks import NetworkFactory

from glasnik.audit.models import AuditLogEntry
from glasnik.events.models import Event, EventMode, EventStatus, Rsvp, Visibility
from glasnik.events.recurrence import Frequency, rrule_build
from glasnik.events.selectors import online_link_visible
from glasnik.events.services.meetings import (
    agenda_set,
    meeting_cancel,
    meeting_create,
    meeting_update,
    minutes_record,
    series_cancel,
    series_create,
    series_update,
)
from glasnik.events.services.rsvp import calendar_token_get, calendar_token_reset, rsvp_set

pytestmark = pytest.mark.django_db


def _details(**extra) -> dict:
    starts_at = timezone.now() + timedelta(days=3)
    return {
        "title": "Mesečni sastanak",
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(hours=1),
        "mode": EventMode.ONLINE,
        "online_url": "https://meet.example.org/room",
    } | extra


def test_meeting_create_tells_members_in_their_language_and_script(
    network, network_organiser, make_member, django_capture_on_commit_callbacks
):
    make_member(email="en@example.org")
    make_member(email="sr@example.org", language="sr")

    with django_capture_on_commit_callbacks(execute=True):
        event = meeting_create(network=network, actor=network_organiser, **_details())

    assert event.time_zone == "Europe/Belgrade"
    assert AuditLogEntry.objects.filter(action="events.meeting.scheduled").count() == 1
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"en@example.org", "sr@example.org"}
    assert by_recipient["en@example.org"].subject == "[Glasnik] New meeting: Mesečni sastanak"
    assert "Месечни састанак" in by_recipient["sr@example.org"].subject
    assert f"/en/events/{event.pk}/" in by_recipient["en@example.org"].body
    assert f"/sr/events/{event.pk}/" in by_recipient["sr@example.org"].body


def test_meeting_create_without_notice_or_in_the_past_sends_nothing(
    network, network_organiser, member, django_capture_on_commit_callbacks
):
    past = timezone.now() - timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_create(network=network, actor=network_organiser, notify=False, **_details())
        meeting_create(
            network=network,
            actor=network_organiser,
            **_details(starts_at=past, ends_at=past + timedelta(hours=1)),
        )

    assert mail.outbox == []


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"online_url": ""}, "online_url"),
        ({"mode": EventMode.IN_PERSON, "online_url": "", "venue_name": ""}, "venue_name"),
        ({"mode": EventMode.HYBRID, "venue_name": "Sala 2", "online_url": ""}, "online_url"),
    ],
)
def test_meeting_create_refuses_a_place_that_does_not_fit(network, network_organiser, extra, field):
    with pytest.raises(ValidationError) as error:
        meeting_create(network=network, actor=network_organiser, **_details(**extra))

    assert field in error.value.message_dict
    assert Event.objects.count() == 0


def test_meeting_create_refuses_an_end_before_the_start(network, network_organiser):
    details = _details()
    details["ends_at"] = details["starts_at"]

    with pytest.raises(ValidationError) as error:
        meeting_create(network=network, actor=network_organiser, **details)

    assert error.value.message_dict == {"ends_at": ["The meeting must end after it starts."]}


def test_series_create_makes_one_event_per_occurrence_across_dst(
    network, network_organiser, make_member, django_capture_on_commit_callbacks
):
    make_member(email="member@example.org")
    first = datetime(2027, 3, 2, 18, 0, tzinfo=timezone.get_fixed_timezone(60))  # 18:00 CET
    rule = rrule_build(frequency=Frequency.MONTHLY_WEEKDAY, first=first.date(), count=3)

    with django_capture_on_commit_callbacks(execute=True):
        series = series_create(
            network=network,
            actor=network_organiser,
            rrule=rule,
            first_starts_at=first,
            duration_minutes=90,
            first_is_needs_meeting=True,
            title="Mesečni sastanak",
            mode=EventMode.ONLINE,
            online_url="https://meet.example.org/room",
        )

    events = list(series.events.order_by("starts_at"))
    assert [event.starts_at.astimezone(UTC) for event in events] == [
        datetime(2027, 3, 2, 17, 0, tzinfo=UTC),  # CET
        datetime(2027, 4, 6, 16, 0, tzinfo=UTC),  # CEST: still 18:00 in Belgrade
        datetime(2027, 5, 4, 16, 0, tzinfo=UTC),
    ]
    assert [event.ends_at - event.starts_at for event in events] == [timedelta(minutes=90)] * 3
    assert [event.is_needs_meeting for event in events] == [True, False, False]
    assert {event.online_url for event in events} == {"https://meet.example.org/room"}
    # One email for the whole series, with every date.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "[Glasnik] New meetings: Mesečni sastanak"
    assert mail.outbox[0].body.count("18:00") == 3  # English DATETIME_FORMAT


def test_series_create_refuses_more_than_sixty_meetings(network, network_organiser):
    first = timezone.now() + timedelta(days=1)
    rule = rrule_build(frequency=Frequency.WEEKLY, first=first.date(), count=61)

    with pytest.raises(ValidationError):
        series_create(
            network=network,
            actor=network_organiser,
            rrule=rule,
            first_starts_at=first,
            duration_minutes=60,
            title="Previše",
            mode=EventMode.ONLINE,
            online_url="https://meet.example.org/room",
        )
    assert Event.objects.count() == 0


def _series(network, network_organiser, *, first):
    rule = rrule_build(frequency=Frequency.WEEKLY, first=first.date(), count=4)
    return series_create(
        network=network,
        actor=network_organiser,
        rrule=rule,
        first_starts_at=first,
        duration_minutes=60,
        notify=False,
        title="Sastanak",
        mode=EventMode.ONLINE,
        online_url="https://meet.example.org/old",
    )


def test_series_update_changes_only_the_meetings_still_to_come(network, network_organiser):
    series = _series(network, network_organiser, first=timezone.now() - timedelta(days=8))

    series_update(
        series=series,
        actor=network_organiser,
        title="Novi naziv",
        online_url="https://meet.example.org/new",
    )

    events = list(series.events.order_by("starts_at"))
    assert [event.title for event in events] == ["Sastanak", "Sastanak", "Novi naziv", "Novi naziv"]
    assert events[-1].online_url == "https://meet.example.org/new"
    assert events[-1].sequence == 1


def test_series_cancel_cancels_only_the_meetings_still_to_come(network, network_organiser):
    series = _series(network, network_organiser, first=timezone.now() - timedelta(days=8))

    cancelled = series_cancel(series=series, actor=network_organiser, reason="Kraj godine")

    statuses = list(series.events.order_by("starts_at").values_list("status", flat=True))
    assert cancelled == 2
    assert statuses == [EventStatus.SCHEDULED] * 2 + [EventStatus.CANCELLED] * 2


def test_rsvp_set_records_and_changes_one_answer(member, make_meeting):
    event = make_meeting()

    rsvp_set(event=event, person=member, answer="yes")
    rsvp_set(event=event, person=member, answer="no")

    assert list(Rsvp.objects.values_list("person_id", "answer")) == [(member.pk, "no")]
    assert AuditLogEntry.objects.filter(action="events.rsvp.answered").count() == 2


def test_rsvp_same_answer_twice_is_not_logged_twice(member, make_meeting):
    event = make_meeting()

    rsvp_set(event=event, person=member, answer="yes")
    rsvp_set(event=event, person=member, answer="yes")

    assert Rsvp.objects.count() == 1
    assert AuditLogEntry.objects.filter(action="events.rsvp.answered").count() == 1


def test_rsvp_database_keeps_one_answer_per_person(member, make_meeting):
    event = make_meeting()
    Rsvp.objects.create(event=event, person=member, answer="yes")

    with pytest.raises(IntegrityError), transaction.atomic():
        Rsvp.objects.create(event=event, person=member, answer="no")


def test_rsvp_from_someone_outside_the_network_is_refused(make_person, make_meeting):
    with pytest.raises(PermissionDenied):
        rsvp_set(event=make_meeting(), person=make_person(), answer="yes")


def test_rsvp_from_a_member_of_another_network_is_refused(
    make_member, make_meeting, make_organization
):

    other = NetworkFactory(
        name="Druga mreža", slug="druga", organization=make_organization(kind="association")
    )
    outsider = make_member(target=other)

    with pytest.raises(PermissionDenied):
        rsvp_set(event=make_meeting(), person=outsider, answer="yes")


def test_rsvp_to_a_cancelled_or_past_meeting_is_refused(member, network_organiser, make_meeting):
    cancelled = make_meeting()
    meeting_cancel(event=cancelled, actor=network_organiser)
    past = make_meeting(days=-2)

    with pytest.raises(ValidationError, match="cancelled"):
        rsvp_set(event=cancelled, person=member, answer="yes")
    with pytest.raises(ValidationError, match="over"):
        rsvp_set(event=past, person=member, answer="yes")
    assert Rsvp.objects.count() == 0


def test_meeting_cancel_tells_those_who_said_yes_or_maybe(
    network_organiser, make_member, make_meeting, django_capture_on_commit_callbacks
):
    event = make_meeting()
    for email, answer in [("yes@x.org", "yes"), ("maybe@x.org", "maybe"), ("no@x.org", "no")]:
        rsvp_set(event=event, person=make_member(email=email), answer=answer)
    make_member(email="silent@x.org")

    with django_capture_on_commit_callbacks(execute=True):
        meeting_cancel(event=event, actor=network_organiser, reason="Predavač je bolestan.")

    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED
    assert event.sequence == 1
    assert sorted(message.to[0] for message in mail.outbox) == ["maybe@x.org", "yes@x.org"]
    assert mail.outbox[0].subject == "[Glasnik] Cancelled: Mesečni sastanak"
    assert "Predavač je bolestan." in mail.outbox[0].body


def test_meeting_cancel_after_the_end_is_refused(network_organiser, make_meeting):
    event = make_meeting(days=-1)

    with pytest.raises(ValidationError):
        meeting_cancel(event=event, actor=network_organiser)


def test_meeting_update_of_the_time_tells_those_coming(
    network_organiser, make_member, make_meeting, django_capture_on_commit_callbacks
):
    event = make_meeting()
    rsvp_set(event=event, person=make_member(email="yes@x.org"), answer="yes")
    later = event.starts_at + timedelta(hours=2)

    with django_capture_on_commit_callbacks(execute=True):
        meeting_update(
            event=event,
            actor=network_organiser,
            starts_at=later,
            ends_at=later + timedelta(hours=1),
        )
        meeting_update(event=event, actor=network_organiser, description="Samo opis")

    assert [message.to[0] for message in mail.outbox] == ["yes@x.org"]
    assert mail.outbox[0].subject == "[Glasnik] Meeting changed: Mesečni sastanak"
    event.refresh_from_db()
    assert event.sequence == 2


def test_minutes_of_the_needs_meeting_set_the_network_learning_topics(
    network, network_organiser, make_meeting
):
    event = make_meeting(days=-1, is_needs_meeting=True)

    minutes_record(
        event=event,
        actor=network_organiser,
        minutes="Prisutno 12 članova.",
        needs_outcome="Krizno komuniciranje\nVideo",
    )

    network.refresh_from_db()
    assert network.learning_topics == "Krizno komuniciranje\nVideo"
    assert network.learning_topics_updated_at is not None
    event.refresh_from_db()
    assert (event.minutes, event.needs_outcome) == (
        "Prisutno 12 članova.",
        "Krizno komuniciranje\nVideo",
    )


def test_minutes_of_an_ordinary_meeting_leave_the_topics_alone(
    network, network_organiser, make_meeting
):
    event = make_meeting(days=-1)

    minutes_record(
        event=event, actor=network_organiser, minutes="Zapisnik", needs_outcome="Ignorisano"
    )

    network.refresh_from_db()
    assert network.learning_topics == ""


def test_minutes_before_the_meeting_are_refused(network_organiser, make_meeting):
    with pytest.raises(ValidationError):
        minutes_record(event=make_meeting(), actor=network_organiser, minutes="Prerano")


def test_agenda_set_replaces_the_items_in_order(network_organiser, make_meeting):
    event = make_meeting()
    agenda_set(event=event, actor=network_organiser, items=[{"title": "Staro"}])

    agenda_set(
        event=event,
        actor=network_organiser,
        items=[
            {"title": "Uvod", "starts_at": event.starts_at, "session_type": "talk"},
            {"title": "Rad u grupama", "session_type": "group_work", "room": "Sala 2"},
        ],
    )

    items = list(event.agenda_items.values_list("position", "title", "session_type", "room"))
    assert items == [(0, "Uvod", "talk", ""), (1, "Rad u grupama", "group_work", "Sala 2")]


def test_online_link_shows_to_members_who_said_yes_from_thirty_minutes_before(
    network_organiser, member, make_meeting, settings
):
    event = make_meeting(days=1)
    soon = event.starts_at - timedelta(minutes=29)

    assert not online_link_visible(
        event, user=member, answer="yes", now=event.starts_at - timedelta(minutes=31)
    )
    assert online_link_visible(event, user=member, answer="yes", now=soon)
    assert not online_link_visible(event, user=member, answer="maybe", now=soon)
    assert not online_link_visible(event, user=member, answer="yes", now=event.ends_at)
    assert online_link_visible(event, user=network_organiser, answer=None, now=timezone.now())
    settings.EVENTS_ONLINE_LINK_LEAD_MINUTES = 60
    assert online_link_visible(
        event, user=member, answer="yes", now=event.starts_at - timedelta(minutes=59)
    )


def test_online_link_of_an_in_person_meeting_never_shows(member, make_meeting):
    event = make_meeting(mode=EventMode.IN_PERSON, online_url="", venue_name="Sala 2")

    assert not online_link_visible(event, user=member, answer="yes", now=event.starts_at)


def test_who_sees_a_meeting(make_person, member, network_organiser, make_meeting):
    members_only = make_meeting()
    public = make_meeting(visibility=Visibility.PUBLIC)
    stranger = make_person()

    assert member.has_perm("events.view_event", members_only)
    assert network_organiser.has_perm("events.manage_event", members_only)
    assert not member.has_perm("events.manage_event", members_only)
    assert not stranger.has_perm("events.view_event", members_only)
    assert stranger.has_perm("events.view_event", public)
    assert AnonymousUser().has_perm("events.view_event", public)
    assert not AnonymousUser().has_perm("events.rsvp_event", public)


def test_calendar_token_reset_replaces_the_secret(member):
    old = calendar_token_get(person=member).token

    new = calendar_token_reset(person=member).token

    assert new != old
    assert calendar_token_get(person=member).token == new
