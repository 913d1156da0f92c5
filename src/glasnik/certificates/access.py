"""Access helpers: fetch and authorise in one step; 404 for missing and forbidden alike."""

from glasnik.access.helpers import get_for_user_or_404
from glasnik.events.models import Event
from glasnik.programs.models import Program

from .models import Certificate


def certificate_for_user(
    user, pk: int, *, permission: str = "certificates.view_certificate"
) -> Certificate:
    return get_for_user_or_404(
        Certificate.objects.select_related(
            "event__program__organization", "event__network__organization", "program__organization"
        ),
        user=user,
        permission=permission,
        pk=pk,
    )


def event_for_certificates(user, pk: int) -> Event:
    """An event whose certificates the user manages (its organisers)."""
    return get_for_user_or_404(
        Event.objects.select_related("program__organization", "network__organization"),
        user=user,
        permission="events.manage_event",
        pk=pk,
    )


def program_for_certificates(user, pk: int) -> Program:
    """A programme whose certificates of completion the user manages (its organisers)."""
    return get_for_user_or_404(
        Program.objects.select_related("organization"),
        user=user,
        permission="programs.manage_program",
        pk=pk,
    )
