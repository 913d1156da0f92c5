"""Materials pages: materials, assignments and submissions of an event, for its team and its
participants. Thin: parse, call a service or a selector, render in the event's time zone."""

import mimetypes
from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import access as loaders
from ..forms.attendance import (
    AssignmentForm,
    CommentForm,
    MaterialEditForm,
    MaterialForm,
    SubmissionForm,
)
from ..selectors import attendance as selectors
from ..selectors import materials as material_selectors
from ..services import materials as material_services

# Materials -------------------------------------------------------------------------------


def materials(request, pk: int):
    """The event's materials and exercises, as far as the reader may see them."""
    event = loaders.event_for_anyone(pk)
    access = material_selectors.materials_access(request.user, event)
    items = material_selectors.event_materials(event, access=access)
    if access == material_selectors.PUBLIC and not items:
        raise Http404
    assignments = (
        material_selectors.event_assignments(event) if access != material_selectors.PUBLIC else []
    )
    context = {
        "event": event,
        "materials": items,
        "access": access,
        "is_team": access == material_selectors.TEAM,
        "can_manage": request.user.has_perm("events.manage_event", event),
        "assignments": assignments,
        "submissions": material_selectors.submissions_of(request.user, assignments),
    }
    with timezone.override(event.time_zone):
        return render(request, "events/materials/list.html", context)


def _material_fields(data: dict) -> dict:
    """What the material form gives the material services, added or changed alike."""
    return {
        "title": data["title"],
        "file": data.get("file"),
        "url": data.get("url", ""),
        "session": data.get("session"),
        "is_public": data["is_public"],
    }


@login_required
@loaders.event_view(loaders.event_for_team)
def material_add(request, event):
    sessions = selectors.event_sessions(event)
    form = MaterialForm(request.POST or None, request.FILES or None, sessions=sessions)
    if request.method == "POST" and form.is_valid():
        try:
            material_services.material_create(
                event=event, actor=request.user, **_material_fields(form.cleaned_data)
            )
        except ValidationError as problem:
            form.add_error(None, problem)
        else:
            messages.success(request, _("The material has been added."))
            return redirect("events:materials", pk=event.pk)
    return render(request, "events/materials/material_form.html", {"event": event, "form": form})


@login_required
def material_edit(request, pk: int):
    material = loaders.material_for_team(request.user, pk)
    event = material.event
    form = MaterialEditForm(
        request.POST or None,
        request.FILES or None,
        sessions=selectors.event_sessions(event),
        material=material,
    )
    if request.method == "POST" and form.is_valid():
        try:
            material_services.material_update(
                material=material, actor=request.user, **_material_fields(form.cleaned_data)
            )
        except ValidationError as problem:
            form.add_error(None, problem)
        else:
            messages.success(request, _("The material has been saved."))
            return redirect("events:materials", pk=event.pk)
    context = {"event": event, "form": form, "material": material}
    with timezone.override(event.time_zone):
        return render(request, "events/materials/material_form.html", context)


@login_required
@require_POST
def material_delete(request, pk: int):
    material = loaders.material_for_team(request.user, pk)
    material_services.material_delete(material=material, actor=request.user)
    messages.success(request, _("The material has been removed."))
    return redirect("events:materials", pk=material.event_id)


def _file_response(field, *, inline: bool = False) -> FileResponse:
    name = PurePath(field.name).name
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(
        field.open("rb"), as_attachment=not inline, filename=name, content_type=content_type
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def material_download(request, pk: int):
    """A material's file, for those who may see it (404 for everyone else)."""
    material = loaders.material_for_download(request.user, pk)
    return _file_response(material.file)


# Assignments -----------------------------------------------------------------------------


@login_required
@loaders.event_view(loaders.event_for_team)
def assignment_add(request, event):
    form = AssignmentForm(request.POST or None, sessions=selectors.event_sessions(event))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        assignment = material_services.assignment_create(
            event=event,
            actor=request.user,
            title=data["title"],
            instructions=data["instructions"],
            due_at=data.get("due_at"),
            session=data.get("session"),
        )
        messages.success(request, _("The exercise has been set."))
        return redirect("events:assignment_detail", pk=assignment.pk)
    return render(request, "events/materials/assignment_form.html", {"event": event, "form": form})


@login_required
def assignment_edit(request, pk: int):
    assignment = loaders.assignment_for_team(request.user, pk)
    event = assignment.event
    with timezone.override(event.time_zone):
        form = AssignmentForm(
            request.POST or None,
            sessions=selectors.event_sessions(event),
            initial={
                "title": assignment.title,
                "instructions": assignment.instructions,
                "due_at": assignment.due_at,
                "session": str(assignment.agenda_item_id or ""),
            },
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                material_services.assignment_update(
                    assignment=assignment,
                    actor=request.user,
                    title=data["title"],
                    instructions=data["instructions"],
                    due_at=data.get("due_at"),
                    session=data.get("session"),
                )
            except ValidationError as problem:
                form.add_error(None, problem)
            else:
                messages.success(request, _("The exercise has been saved."))
                return redirect("events:assignment_detail", pk=assignment.pk)
        context = {"event": event, "form": form, "assignment": assignment}
        return render(request, "events/materials/assignment_form.html", context)


@login_required
def assignment_detail(request, pk: int):
    """Participants submit and read comments; trainers see every submission."""
    assignment, access = loaders.assignment_for_user(request.user, pk)
    event = assignment.event
    context = {
        "event": event,
        "assignment": assignment,
        "is_team": access == material_selectors.TEAM,
        "is_open": material_services.submission_open(assignment),
    }
    if access == material_selectors.TEAM:
        context["submissions"] = material_selectors.assignment_submissions(assignment)
        context["comment_form"] = CommentForm()
    else:
        submission = material_selectors.submission_with_comments(assignment, request.user)
        form = SubmissionForm(
            request.POST or None,
            request.FILES or None,
            has_file=bool(submission and submission.file),
            initial={"text": submission.text if submission else ""},
        )
        if request.method == "POST" and form.is_valid():
            try:
                material_services.submission_save(
                    assignment=assignment,
                    person=request.user,
                    text=form.cleaned_data["text"],
                    file=form.cleaned_data.get("file"),
                )
            except ValidationError as problem:
                form.add_error(None, problem)
            else:
                messages.success(request, _("Your work has been submitted."))
                return redirect("events:assignment_detail", pk=assignment.pk)
        context.update({"submission": submission, "form": form})
    with timezone.override(event.time_zone):
        return render(request, "events/materials/assignment.html", context)


@login_required
@require_POST
def submission_comment(request, pk: int):
    submission = loaders.submission_for_team(request.user, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        material_services.submission_comment_add(
            submission=submission, author=request.user, text=form.cleaned_data["text"]
        )
        messages.success(request, _("Your comment has been sent to the participant."))
    else:
        messages.error(request, _("Write a comment."))
    url = reverse("events:assignment_detail", kwargs={"pk": submission.assignment_id})
    return redirect(f"{url}#submission-{submission.pk}")


@login_required
def submission_file(request, pk: int):
    submission = loaders.submission_for_user(request.user, pk)
    if not submission.file:
        raise Http404
    return _file_response(submission.file)
