"""Emails about meetings, in each recipient's language and script, with times in the event's
time zone. Tasks take ids and re-read what they need."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from glasnik.core.email import email_send
from glasnik.networks.models import Membership, MembershipStatus

from .models import Event, EventSeries, EventStatus


def _absolute(language: str, name: str, *args) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse(name, args=args)


def _members_of(network_id: int):
    return [
        membership.person
        for membership in Membership.objects.filter(
            network_id=network_id, status=MembershipStatus.MEMBER, person__is_active=True
        )
        .select_related("person")
        .order_by("pk")
    ]


def _send(person, *, template: str, time_zone: str, context: dict) -> None:
    language = person.preferred_language
    with timezone.override(time_zone):
        email_send(
            to=person.email,
            template=template,
            context={"user": person, **context(language)},
            language=language,
            subject_prefix=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX,
        )


def _event_context(event: Event):
    def context(language: str) -> dict:
        return {
            "event": event,
            "network": event.network,
            "event_url": _absolute(language, "events:meeting_detail", event.pk),
            "time_zone": event.time_zone,
        }

    return context


@task()
def meeting_scheduled_notify(*, event_id: int) -> None:
    """Tell the network's members that a meeting has been scheduled."""
    event = Event.objects.select_related("network").filter(pk=event_id).first()
    if event is None or event.network is None or event.status != EventStatus.SCHEDULED:
        return
    for person in _members_of(event.network_id):
        _send(
            person,
            template="events/email/meeting_scheduled",
            time_zone=event.time_zone,
            context=_event_context(event),
        )


@task()
def series_scheduled_notify(*, series_id: int) -> None:
    """Tell the network's members about a new series of meetings: one email with the dates."""
    series = EventSeries.objects.select_related("network").filter(pk=series_id).first()
    if series is None or series.network is None:
        return
    events = list(
        series.events.filter(status=EventStatus.SCHEDULED, ends_at__gt=timezone.now()).order_by(
            "starts_at"
        )
    )
    if not events:
        return

    def context(language: str) -> dict:
        return {
            "series": series,
            "network": series.network,
            "events": events,
            "list_url": _absolute(language, "events:meeting_list", series.network.slug),
            "time_zone": series.time_zone,
        }

    for person in _members_of(series.network_id):
        _send(
            person,
            template="events/email/series_scheduled",
            time_zone=series.time_zone,
            context=context,
        )


def _notify_people(event_id: int, person_ids: list[int], template: str) -> None:
    event = Event.objects.select_related("network").filter(pk=event_id).first()
    if event is None:
        return
    people = get_user_model().objects.filter(pk__in=person_ids, is_active=True).order_by("pk")
    for person in people:
        _send(person, template=template, time_zone=event.time_zone, context=_event_context(event))


@task()
def meeting_cancelled_notify(*, event_id: int, person_ids: list[int]) -> None:
    """Tell the people who said they would (or might) come that the meeting is cancelled."""
    _notify_people(event_id, person_ids, "events/email/meeting_cancelled")


@task()
def meeting_changed_notify(*, event_id: int, person_ids: list[int]) -> None:
    """Tell the people who said they would (or might) come about a new time or place."""
    _notify_people(event_id, person_ids, "events/email/meeting_changed")
