"""Reads of registrations: a person's registration and their list, the organisers' table and
counts, the waiting list, the QR code of the check-in address."""

import base64
import hashlib
import io
from datetime import datetime

import qrcode
from django.db.models import Count, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from glasnik.core.links import public_url
from glasnik.core.object_cache import object_cache_get

from ..models import (
    SEAT_HOLDING_STATUSES,
    Event,
    Registration,
    RegistrationQuestion,
    RegistrationStatus,
)
from . import online_link_opens_at

ACTIVE_STATUSES = (
    RegistrationStatus.PENDING,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.OFFERED,
)


def registration_of(person, event: Event) -> Registration | None:
    if not getattr(person, "is_authenticated", False):
        return None
    registration = (
        Registration.objects.filter(event=event, person=person)
        .select_related("organization")
        .first()
    )
    if registration is not None:
        registration.event = event
    return registration


def registration_counts(event: Event) -> dict[str, int]:
    """How many registrations of each status (one query), with the seats taken."""
    counts = dict.fromkeys(RegistrationStatus.values, 0)
    counts.update(
        Registration.objects.filter(event=event)
        .values_list("status")
        .annotate(total=Count("pk"))
        .values_list("status", "total")
    )
    counts["seats_taken"] = sum(counts[status] for status in SEAT_HOLDING_STATUSES)
    return counts


def event_registrations(event: Event, *, status: str | None = None) -> QuerySet[Registration]:
    """The organisers' table: everyone, or one status; the waiting list in its order."""
    registrations = Registration.objects.filter(event=event).select_related(
        "person", "organization"
    )
    if status:
        registrations = registrations.filter(status=status)
    if status == RegistrationStatus.WAITLISTED:
        return registrations.order_by("waitlisted_at", "pk")
    return registrations.order_by("created_at", "pk")


def event_waitlist(event: Event) -> QuerySet[Registration]:
    return event_registrations(event, status=RegistrationStatus.WAITLISTED)


def event_questions(event: Event) -> list[RegistrationQuestion]:
    return list(RegistrationQuestion.objects.filter(event=event).order_by("position", "pk"))


def person_registrations(person, *, past: bool, now: datetime | None = None):
    """The person's registrations for events still to come (or past ones), not the ones
    they cancelled before."""
    now = now or timezone.now()
    registrations = Registration.objects.filter(person=person).select_related(
        "event__program__organization", "event__network__organization", "organization"
    )
    if past:
        return registrations.filter(event__ends_at__lte=now).order_by("-event__starts_at", "-pk")
    return registrations.filter(event__ends_at__gt=now).order_by("event__starts_at", "pk")


def online_link_visible_to(
    registration: Registration | None, *, for_reminder: bool = False, now: datetime | None = None
) -> bool:
    """The online link shows to people with a confirmed seat from shortly before the start
    until the end; the reminder email carries it too."""
    if registration is None or registration.status != RegistrationStatus.CONFIRMED:
        return False
    event = registration.event
    if not event.is_online or event.is_cancelled or not event.online_url:
        return False
    if for_reminder:
        return True
    now = now or timezone.now()
    return online_link_opens_at(event) <= now < event.ends_at


def checkin_url(registration: Registration) -> str:
    """The address organisers open from the QR code to check the person in."""
    try:
        path = reverse("events:checkin_qr", kwargs={"token": registration.checkin_token})
    except NoReverseMatch:
        # The attendance pages are not installed: the bare token still identifies the seat.
        return registration.checkin_token
    return public_url(path)


QR_SECONDS = 30 * 24 * 3600


def checkinqr_png(registration: Registration) -> bytes:
    """The QR code of the check-in address. Drawing it costs more than the rest of the
    registration page, which every registered person opens again and again: it is kept in the
    registration's cache namespace, named by a digest of what it encodes (so a new token or
    address is a new entry, never a stale image)."""
    url = checkin_url(registration)
    digest = hashlib.sha256(url.encode()).hexdigest()[:32]
    return object_cache_get(
        "registration", registration.pk, f"checkin-qr:{digest}", lambda: qr_png(url), QR_SECONDS
    )


def qr_png(data: str) -> bytes:
    image = qrcode.make(data, box_size=8, border=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def checkin_qr_data_uri(registration: Registration) -> str:
    """The QR code as a data: address, for the page and the email (the CSP allows data:
    images)."""
    return "data:image/png;base64," + base64.b64encode(checkinqr_png(registration)).decode()
