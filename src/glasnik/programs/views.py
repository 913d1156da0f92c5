"""Programme pages: the public list, the organisers' pages (page, phases, team, participants,
invitations) and enrolment. Thin: parse input, call a service or a selector, render in the
programme's time zone. The public page and calendar feed show the programme's events, so the
events app draws them (events/views/program.py); the reports read attendance and certificates,
so they are a site page (glasnik.site)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from glasnik.access.models import Role
from glasnik.access.selectors import user_is_platform_admin
from glasnik.core.cache import public_page
from glasnik.core.exports import EXPORT_FORMATS, export_dataset, export_response
from glasnik.core.forms import form_add_service_errors
from glasnik.core.languages import written_in_text

from . import selectors
from .access import enrolment_for_organiser, phase_for_organiser, program_for_user
from .forms import (
    DecisionForm,
    EnrolForm,
    EnrolWithPositionForm,
    InvitationsForm,
    ParticipantFilterForm,
    PhaseForm,
    ProgramCreateForm,
    ProgramPageForm,
    TeamAddForm,
)
from .models import EnrolmentPolicy, EnrolmentStatus
from .services import enrolment as enrolment_services
from .services import program as program_services

MANAGE = "programs.manage_program"
PARTICIPANTS_PAGE_SIZE = 50


# --- public ---------------------------------------------------------------------------------


@public_page
def program_list(request):
    user = request.user
    context = {
        "programs": selectors.program_list_public(),
        "managed": list(selectors.programs_managed_by(user)) if user.is_authenticated else [],
        "can_create": user_is_platform_admin(user),
    }
    return render(request, "programs/program_list.html", context)


# --- organisers: the programme ---------------------------------------------------------------


@login_required
def program_create(request):
    if not user_is_platform_admin(request.user):
        raise Http404
    form = ProgramCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            program = program_services.program_create(
                name=data["name"],
                slug=data["slug"],
                organization=data["organization"],
                organisers=data["organisers"],
                actor=request.user,
                summary=data["summary"],
                time_zone=data["time_zone"],
                language=data["language"],
                enrolment_policy=data["enrolment_policy"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The programme has been created as a draft. Add its phases, then publish it."),
            )
            return redirect("programs:detail", slug=program.slug)
    return render(request, "programs/program_create.html", {"form": form})


@login_required
def program_edit(request, slug: str):
    program = program_for_user(request.user, slug, permission=MANAGE)
    form = ProgramPageForm(request.POST or None, instance=program)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in program_services.PAGE_FIELDS}
        program.refresh_from_db()  # the form wrote its values into the instance
        program_services.program_update(program=program, actor=request.user, **fields)
        messages.success(request, _("The programme's page has been saved."))
        return redirect("programs:detail", slug=program.slug)
    return render(request, "programs/program_form.html", {"program": program, "form": form})


@login_required
@require_POST
def program_publish(request, slug: str):
    program = program_for_user(request.user, slug, permission=MANAGE)
    published = request.POST.get("published") == "1"
    try:
        program_services.program_publish(program=program, actor=request.user, published=published)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("The programme is now public.")
            if published
            else _("The programme is now a draft that only its team sees."),
        )
    return redirect("programs:detail", slug=program.slug)


@login_required
def program_phases(request, slug: str):
    program = program_for_user(request.user, slug, permission=MANAGE)
    form = PhaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            program_services.phase_create(program=program, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("The phase has been added."))
            return redirect("programs:phases", slug=program.slug)
    context = {
        "program": program,
        "form": form,
        "timeline": selectors.program_timeline(program),
    }
    return render(request, "programs/phases.html", context)


@login_required
def phase_edit(request, slug: str, pk: int):
    phase = phase_for_organiser(request.user, slug, pk)
    form = PhaseForm(request.POST or None, instance=phase)
    if request.method == "POST" and form.is_valid():
        phase.refresh_from_db()
        try:
            program_services.phase_update(phase=phase, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("The phase has been saved."))
            return redirect("programs:phases", slug=phase.program.slug)
    return render(
        request,
        "programs/phase_form.html",
        {"program": phase.program, "phase": phase, "form": form},
    )


@login_required
@require_POST
def phase_delete(request, slug: str, pk: int):
    phase = phase_for_organiser(request.user, slug, pk)
    program_services.phase_delete(phase=phase, actor=request.user)
    messages.success(request, _("The phase has been removed."))
    return redirect("programs:phases", slug=slug)


@login_required
def program_team(request, slug: str):
    program = program_for_user(request.user, slug, permission=MANAGE)
    form = TeamAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        role = form.cleaned_data["role"]
        program_services.program_team_add(
            program=program, person=form.person, role=role, actor=request.user
        )
        messages.success(
            request,
            _("%(person)s is now on the programme's team as %(role)s.")
            % {"person": form.person, "role": Role(role).label.lower()},
        )
        return redirect("programs:team", slug=program.slug)
    context = {"program": program, "form": form, "team": selectors.program_team(program)}
    return render(request, "programs/team.html", context)


@login_required
@require_POST
def program_team_remove(request, slug: str, person_id: int, role: str):
    program = program_for_user(request.user, slug, permission=MANAGE)
    team = selectors.program_team(program)
    members = team["organisers"] if role == Role.ORGANISER else team["trainers"]
    person = next((member for member in members if member.pk == person_id), None)
    if role not in (Role.ORGANISER, Role.TRAINER) or person is None:
        messages.error(request, _("This person does not have this role in the programme."))
        return redirect("programs:team", slug=program.slug)
    try:
        program_services.program_team_remove(
            program=program, person=person, role=role, actor=request.user
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request, _("%(person)s no longer has this role in the programme.") % {"person": person}
        )
    return redirect("programs:team", slug=program.slug)


# --- taking part -------------------------------------------------------------------------------


def _enrol_form(request, data=None) -> EnrolForm | EnrolWithPositionForm:
    organizations = selectors.person_organizations(request.user)
    if not organizations.exists():
        # No institution on the profile yet: it is chosen here, not on a detour.
        return EnrolWithPositionForm(data)
    return EnrolForm(
        data,
        organizations=organizations,
        initial={"organization": selectors.person_default_organization(request.user)},
    )


@login_required
def program_enrol(request, slug: str):
    program = program_for_user(request.user, slug)
    enrolment = selectors.enrolment_of(request.user, program)
    if enrolment is not None and enrolment.status in (
        EnrolmentStatus.ENROLLED,
        EnrolmentStatus.PENDING,
    ):
        return redirect("programs:detail", slug=program.slug)
    form = _enrol_form(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            enrolment = enrolment_services.enrolment_create(
                program=program,
                person=request.user,
                organization=form.cleaned_data["organization"],
                position_title=form.cleaned_data.get("position_title", ""),
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            if enrolment.status == EnrolmentStatus.ENROLLED:
                messages.success(request, _("You are now a participant of the programme."))
            else:
                messages.success(
                    request,
                    _("Your request has been sent. The organisers will let you know by email."),
                )
            return redirect("programs:detail", slug=program.slug)
    context = {
        "program": program,
        "form": form,
        "by_invitation": program.enrolment_policy == EnrolmentPolicy.INVITATION,
    }
    return render(request, "programs/enrol.html", context)


@login_required
def program_withdraw(request, slug: str):
    program = program_for_user(request.user, slug)
    enrolment = selectors.enrolment_of(request.user, program)
    if enrolment is None or enrolment.status not in (
        EnrolmentStatus.ENROLLED,
        EnrolmentStatus.PENDING,
    ):
        raise Http404
    if request.method == "POST":
        enrolment_services.enrolment_withdraw(enrolment=enrolment, actor=request.user)
        messages.success(request, _("You no longer take part in the programme."))
        return redirect("programs:detail", slug=program.slug)
    return render(request, "programs/withdraw.html", {"program": program, "enrolment": enrolment})


def program_invitation(request, token: str):
    """The link in an invitation: sign up or log in, name the institution, accept. Used once."""
    invitation = selectors.invitation_by_token(token)
    if invitation is None:
        raise Http404
    program = invitation.program
    context = {"program": program, "invitation": invitation, "next_url": request.get_full_path()}
    if invitation.accepted_at is not None or not request.user.is_authenticated:
        return render(request, "programs/invitation.html", context)
    form = _enrol_form(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            enrolment_services.invitation_accept(
                invitation=invitation,
                person=request.user,
                organization=form.cleaned_data["organization"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Welcome! You are now a participant of the programme."))
            return redirect("programs:detail", slug=program.slug)
    context["form"] = form
    context["enrolment"] = selectors.enrolment_of(request.user, program)
    return render(request, "programs/invitation.html", context)


# --- organisers: participants -----------------------------------------------------------------


@login_required
def program_participants(request, slug: str):
    program = program_for_user(request.user, slug, permission=MANAGE)
    form = ParticipantFilterForm(request.GET)
    enrolments = selectors.participants_for_organiser(program, form.filters())
    page = Paginator(enrolments, PARTICIPANTS_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "program": program,
        "form": form,
        "page": page,
        "query": form.query(),
        "counts": selectors.enrolment_status_counts(program),
    }
    with timezone.override(program.time_zone):
        return render(request, "programs/participants.html", context)


@login_required
def program_participants_export(request, slug: str, file_format: str):
    program = program_for_user(request.user, slug, permission=MANAGE)
    if file_format not in EXPORT_FORMATS:
        raise Http404
    form = ParticipantFilterForm(request.GET)
    enrolments = selectors.participants_for_organiser(program, form.filters())
    with timezone.override(program.time_zone):
        rows = [
            (
                enrolment.person.get_full_name(),
                enrolment.person.email,
                written_in_text(enrolment.organization.name, enrolment.organization),
                enrolment.organization.get_kind_display(),
                written_in_text(enrolment.organization.region, enrolment.organization),
                enrolment.get_status_display(),
                timezone.localtime(enrolment.created_at).strftime("%Y-%m-%d %H:%M"),
            )
            for enrolment in enrolments.iterator(chunk_size=500)
        ]
    dataset = export_dataset(
        headers=[
            pgettext("person", "Name"),
            _("Email"),
            _("Institution"),
            _("Kind of institution"),
            _("Region"),
            _("Status"),
            _("Asked to take part"),
        ],
        rows=rows,
        title=_("Participants"),
    )
    return export_response(
        dataset=dataset, file_format=file_format, filename=f"{program.slug}-participants"
    )


@login_required
def program_participant(request, slug: str, pk: int):
    program = program_for_user(request.user, slug, permission=MANAGE)
    enrolment = enrolment_for_organiser(request.user, program, pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and request.POST.get("action") == "withdraw":
        enrolment_services.enrolment_withdraw(enrolment=enrolment, actor=request.user)
        messages.success(request, _("The participation has been ended and the person told."))
        return redirect("programs:participant", slug=program.slug, pk=enrolment.pk)
    if request.method == "POST" and form.is_valid():
        decide = enrolment_services.ORGANISER_DECISIONS[form.cleaned_data["status"]]
        try:
            decide(enrolment=enrolment, actor=request.user, message=form.cleaned_data["message"])
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The decision has been saved and %(person)s has been told by email.")
                % {"person": enrolment.person},
            )
            return redirect("programs:participant", slug=program.slug, pk=enrolment.pk)
    context = {"program": program, "enrolment": enrolment, "form": form}
    with timezone.override(program.time_zone):
        return render(request, "programs/participant.html", context)


@login_required
def program_invitations(request, slug: str):
    program = program_for_user(request.user, slug, permission=MANAGE)
    form = InvitationsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = enrolment_services.invitations_send(
                program=program, emails=form.cleaned_data["emails"], actor=request.user
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            if result["sent"]:
                messages.success(
                    request,
                    _("Invitations sent: %(count)d.") % {"count": len(result["sent"])},
                )
            for email, reason in result["refused"]:
                messages.error(request, reason or email)
            return redirect("programs:invitations", slug=program.slug)
    invitations = Paginator(selectors.program_invitations(program), 50).get_page(
        request.GET.get("page")
    )
    context = {"program": program, "form": form, "page": invitations}
    with timezone.override(program.time_zone):
        return render(request, "programs/invitations.html", context)
