"""Access helpers: fetch and authorise in one step; 404 for missing and forbidden alike."""

from django.http import Http404

from glasnik.access.helpers import get_for_user_or_404

from .models import Enrolment, Phase, Program


def program_for_user(user, slug: str, *, permission: str = "programs.view_program") -> Program:
    """A programme by its address: published ones for everyone, drafts for those who manage
    it; pass another permission (e.g. `programs.manage_program`) for the organisers' pages."""
    return get_for_user_or_404(
        Program.objects.select_related("organization"), user=user, permission=permission, slug=slug
    )


def enrolment_for_organiser(user, program: Program, pk: int) -> Enrolment:
    """One enrolment of `program`, for the people who manage the programme."""
    if not user.has_perm("programs.manage_program", program):
        raise Http404
    return get_for_user_or_404(
        Enrolment.objects.filter(program=program).select_related("person", "organization"),
        user=user,
        permission=None,
        pk=pk,
    )


def phase_for_organiser(user, slug: str, pk: int) -> Phase:
    """One phase of the programme `slug`, for the people who manage the programme."""
    program = program_for_user(user, slug, permission="programs.manage_program")
    return get_for_user_or_404(
        Phase.objects.filter(program=program).select_related("program"),
        user=user,
        permission=None,
        pk=pk,
    )
