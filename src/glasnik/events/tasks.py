"""Emails about meetings, in each recipient's language and script, with times in the event's
time zone. Tasks take ids and re-read what they need."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from glasnik.core.email import email_send
from glasnik.core.links import public_url
from glasnik.core.page_links import page_links
from glasnik.networks.models import Membership, MembershipStatus

from .models import Event, EventSeries, EventStatus


def _absolute(language: str, name: str, *args) -> str:
    with translation.override(language):
        return public_url(reverse(name, args=args))


def _event_page(language: str, event: Event, page: str) -> str:
    """One of `event.urls` at the public address, in the reader's language."""
    with translation.override(language):
        return public_url(getattr(event.urls, page))


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
            "event_url": _event_page(language, event, "public"),
            "time_zone": event.time_zone,
        }

    return context


@task()
def meeting_scheduled_notify(*, event_id: int) -> None:
    """Tell the network's members that a meeting has been scheduled."""
    event = (
        Event.objects.select_related("network__organization", "program__organization")
        .filter(pk=event_id)
        .first()
    )
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
    series = (
        EventSeries.objects.select_related("network__organization").filter(pk=series_id).first()
    )
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
    event = (
        Event.objects.select_related("network__organization", "program__organization")
        .filter(pk=event_id)
        .first()
    )
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


# --- registration -----------------------------------------------------------------------------


def _registration_context(registration, language: str) -> dict:
    from .selectors.registration import checkin_qr_data_uri, online_link_visible_to

    event = registration.event
    return {
        "event": event,
        "registration": registration,
        "time_zone": event.time_zone,
        "register_url": _event_page(language, event, "register"),
        "my_registrations_url": _absolute(language, "events:my_registrations"),
        "ics_url": _event_page(language, event, "registration_ical"),
        "qr_data_uri": checkin_qr_data_uri(registration)
        if registration.status == "confirmed"
        else "",
        "online_url": event.online_url
        if online_link_visible_to(registration, for_reminder=True)
        else "",
    }


def _send_registration_email(registration, template: str) -> None:
    person = registration.person
    if not person.is_active:
        return
    _send(
        person,
        template=template,
        time_zone=registration.event.time_zone,
        context=lambda language: _registration_context(registration, language),
    )


def _registration(registration_id: int):
    from .models import Registration

    return (
        Registration.objects.select_related(
            "event__program__organization", "event__network__organization", "person"
        )
        .filter(pk=registration_id)
        .first()
    )


@task()
def registration_email(*, registration_id: int, template: str) -> None:
    """One email about a registration (confirmed, waiting list, offered, …) to its person."""
    registration = _registration(registration_id)
    if registration is not None:
        _send_registration_email(registration, template)


@task()
def registration_event_changed_notify(*, event_id: int) -> None:
    """Tell everyone holding or waiting for a seat that the event's time or place changed."""
    from .models import Registration, RegistrationStatus

    registrations = Registration.objects.filter(
        event_id=event_id,
        status__in=[
            RegistrationStatus.CONFIRMED,
            RegistrationStatus.OFFERED,
            RegistrationStatus.WAITLISTED,
            RegistrationStatus.PENDING,
        ],
    ).select_related("event__program__organization", "event__network__organization", "person")
    for registration in registrations:
        _send_registration_email(registration, "events/email/registration_event_changed")


@task()
def registration_event_cancelled_notify(*, event_id: int, registration_ids: list[int]) -> None:
    """Tell everyone who held, was offered, waited for or asked for a seat that the event has
    been cancelled, each in their own language and script."""
    from .models import Registration

    registrations = (
        Registration.objects.filter(event_id=event_id, pk__in=registration_ids)
        .select_related("event", "event__program", "event__network", "person")
        .order_by("pk")
    )
    for registration in registrations:
        _send_registration_email(registration, "events/email/registration_event_cancelled")


@task()
def registration_offer_expire(*, registration_id: int) -> None:
    """At an offer's deadline: expire it if it is still open and offer the seat onwards."""
    from .services.waitlist import registration_offer_expire as expire

    expire(registration_id=registration_id)


@task()
def registration_reminder_send(*, registration_id: int, starts_at: str) -> None:
    """The reminder before the event. Scheduled when the seat was confirmed, so it re-checks
    that the seat is still confirmed, the start unchanged and the time come; the management
    command events_send_reminders sends what this one skipped."""
    from .services.reminders import registration_reminder_claim, reminder_due_at

    registration = _registration(registration_id)
    if registration is None:
        return
    event = registration.event
    now = timezone.now()
    due = reminder_due_at(event)
    if (
        event.starts_at.isoformat() != starts_at
        or event.status != EventStatus.SCHEDULED
        or due is None
        or not due <= now < event.starts_at
    ):
        return
    with transaction.atomic():  # a reminder that fails to render is not marked as sent
        if registration_reminder_claim(registration_id=registration.pk, now=now):
            _send_registration_email(registration, "events/email/registration_reminder")


def registration_reminder_deliver(registration_id: int) -> bool:
    """Send a due reminder now if it has not gone out (used by the management command)."""
    from .services.reminders import registration_reminder_claim

    registration = _registration(registration_id)
    if registration is None:
        return False
    with transaction.atomic():
        if not registration_reminder_claim(registration_id=registration_id, now=timezone.now()):
            return False
        _send_registration_email(registration, "events/email/registration_reminder")
    return True


@task()
def event_invitation_send(*, invitation_id: int, language: str) -> None:
    """The invitation to register, in the invitee's language when they have an account."""
    from .models import EventInvitation

    invitation = (
        EventInvitation.objects.select_related("event", "invited_by")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None:
        return
    person = get_user_model().objects.filter(email__iexact=invitation.email).first()
    if person is not None:
        language = person.preferred_language
    event = invitation.event
    with timezone.override(event.time_zone):
        email_send(
            to=invitation.email,
            template="events/email/registration_invitation",
            context={
                "user": person,
                "event": event,
                "invitation": invitation,
                "time_zone": event.time_zone,
                "invitation_url": _absolute(language, "events:invitation", invitation.token),
            },
            language=language,
            subject_prefix=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX,
        )


# --- feedback ---------------------------------------------------------------------------------


def _questionnaires(language: str, event: Event) -> list[dict]:
    """What other apps add to the feedback invitation (the surveys' questionnaire after the
    event), at the public address in the reader's language."""
    with translation.override(language):
        return [
            {"title": link.label, "lang": link.lang, "url": public_url(link.url)}
            for link in page_links("event_email", None, event)
        ]


@task()
def feedback_invitation_send(*, event_id: int, person_ids: list[int]) -> None:
    """Ask the participants to rate the event and its lecturers, each in their own language."""
    from .selectors.feedback import feedback_closes_at, feedback_lecturers

    event = (
        Event.objects.select_related("program__organization", "network__organization")
        .filter(pk=event_id)
        .first()
    )
    if event is None or event.status != EventStatus.SCHEDULED:
        return
    lecturers = feedback_lecturers(event)
    people = get_user_model().objects.filter(pk__in=person_ids, is_active=True).order_by("pk")

    def context(language: str) -> dict:
        return {
            "event": event,
            "lecturers": lecturers,
            "closes_at": feedback_closes_at(event),
            "time_zone": event.time_zone,
            "feedback_url": _absolute(language, "events:feedback_form", event.pk),
            "questionnaires": _questionnaires(language, event),
        }

    for person in people:
        _send(
            person,
            template="events/email/feedback_invitation",
            time_zone=event.time_zone,
            context=context,
        )
