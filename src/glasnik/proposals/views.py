"""An institution's proposals: the list (start one from a template), the proposal page
(sections with guidance, saved one at a time with htmx; status; sending to the mentor and
to the approver; the approver's decision; comments), the version history, an old version with
what changed, and the DOCX and PDF exports. Everything fetched through the access module."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from glasnik.core.forms import form_add_service_errors
from glasnik.mentoring.pair_access import pair_for_user
from glasnik.toolkit.access import institution_for_user

from . import services
from .access import proposal_for_user, version_for_user
from .exports import (
    DOCX_TYPE,
    PDF_TYPE,
    ExportUnavailableError,
    export_document,
    export_filename,
    proposal_docx,
    proposal_pdf,
)
from .forms import CommentForm, DecisionForm, ProposalCreateForm, SectionForm
from .models import ProposalSection, ProposalStatus
from .sections import SectionKey
from .selectors import (
    institution_proposals,
    proposal_sections,
    proposal_versions,
    version_changes,
)

# --- the institution's list ------------------------------------------------------------------


def _list_page(request, access, form, status=200):
    context = {
        "access": access,
        "organization": access.organization,
        "proposals": institution_proposals(access.organization),
        "form": form if access.may_edit else None,
    }
    return render(request, "proposals/list.html", context, status=status)


@login_required
@require_GET
def institution_list(request, slug: str):
    access = institution_for_user(request.user, slug)
    form = ProposalCreateForm(
        initial={"template": "", "language": access.organization.content_language}
    )
    return _list_page(request, access, form)


@login_required
@require_POST
def proposal_create(request, slug: str):
    access = institution_for_user(request.user, slug)
    if not access.may_edit:
        raise Http404
    form = ProposalCreateForm(request.POST)
    if form.is_valid():
        try:
            proposal = services.proposal_create(
                organization=access.organization, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(
                request, _("The proposal has been started. Write it section by section.")
            )
            return redirect(proposal)
    return _list_page(request, access, form, status=400)


# --- the proposal page -----------------------------------------------------------------------


def _section_item(view, *, form=None, conflict=None, saved=False):
    section = view.section
    view.form = form or SectionForm(
        initial={"text": section.text, "revision": section.revision}, prefix=section.key
    )
    view.conflict = conflict
    view.saved = saved
    return view


def _review_of(request, proposal):
    """The mentor's review, and whether the reader may open it in mentoring."""
    review = proposal.review
    if review is None:
        return None, False
    try:
        pair_for_user(request.user, review.pair_id)
    except Http404:
        return review, False
    return review, True


def _detail_context(request, proposal, access, *, section_items=None, **forms):
    review, may_open_review = _review_of(request, proposal)
    awaiting = proposal.status == ProposalStatus.AWAITING_APPROVAL
    items = section_items or {}
    may_decide = access.is_approver and awaiting
    return {
        "proposal": proposal,
        "access": access,
        "organization": access.organization,
        "sections": [
            items.get(view.section.key) or _section_item(view)
            for view in proposal_sections(proposal)
        ],
        "editable": access.may_edit and not awaiting,
        "review": review,
        "may_open_review": may_open_review,
        "comments": list(proposal.comments.select_related("author", "version")),
        "comment_form": forms.get("comment_form") or CommentForm(),
        "decision_form": ((forms.get("decision_form") or DecisionForm()) if may_decide else None),
    }


@login_required
@require_GET
def proposal_detail(request, pk: int):
    proposal, access = proposal_for_user(request.user, pk)
    return render(request, "proposals/detail.html", _detail_context(request, proposal, access))


def _section_of(proposal, key: str) -> ProposalSection:
    if key not in SectionKey.values:
        raise Http404
    return proposal.sections.select_related("updated_by").get(key=key)


@login_required
@require_POST
def section_save(request, pk: int, key: str):
    proposal, access = proposal_for_user(request.user, pk)
    if not access.may_edit:
        raise Http404
    section = _section_of(proposal, key)
    form = SectionForm(request.POST, prefix=key)
    conflict, saved = None, False
    if form.is_valid():
        try:
            section = services.section_save(
                section=section,
                text=form.cleaned_data["text"],
                revision=form.cleaned_data["revision"],
                actor=request.user,
            )
        except services.SectionConflictError as error:
            conflict = error.current
            # The writer's text stays; the next save is based on what is there now.
            data = request.POST.copy()
            data[f"{key}-revision"] = conflict.revision
            form = SectionForm(data, prefix=key)
            form.is_valid()
            form.add_error(None, error)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            form, saved = None, True
    view = next(v for v in proposal_sections(proposal) if v.section.key == key)
    item = _section_item(view, form=form, conflict=conflict, saved=saved)
    if request.htmx:
        context = {"item": item, "proposal": proposal, "editable": True}
        return render(request, "proposals/detail.html#section", context)
    if saved:
        messages.success(request, _("The section has been saved."))
        return redirect(f"{proposal.get_absolute_url()}#section-{key}")
    context = _detail_context(request, proposal, access, section_items={key: item})
    return render(request, "proposals/detail.html", context, status=409 if conflict else 400)


def _step(request, pk: int, service, done_message: str):
    proposal, access = proposal_for_user(request.user, pk)
    if not access.may_edit:
        raise Http404
    try:
        service(proposal=proposal, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done_message)
    return redirect(proposal)


@login_required
@require_POST
def send_to_mentor(request, pk: int):
    return _step(
        request,
        pk,
        services.proposal_send_to_mentor,
        _("The proposal has been sent to the mentor."),
    )


@login_required
@require_POST
def send_for_approval(request, pk: int):
    return _step(
        request,
        pk,
        services.proposal_send_for_approval,
        _("The proposal has been sent for approval."),
    )


@login_required
@require_POST
def decide(request, pk: int):
    proposal, access = proposal_for_user(request.user, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.proposal_decide(proposal=proposal, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Your decision has been recorded."))
            return redirect(proposal)
    if not access.is_approver:
        raise Http404
    context = _detail_context(request, proposal, access, decision_form=form)
    return render(request, "proposals/detail.html", context, status=400)


@login_required
@require_POST
def comment_add(request, pk: int):
    proposal, access = proposal_for_user(request.user, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.proposal_comment_add(
                proposal=proposal, actor=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Your comment has been added."))
            return redirect(f"{proposal.get_absolute_url()}#comments")
    context = _detail_context(request, proposal, access, comment_form=form)
    return render(request, "proposals/detail.html", context, status=400)


# --- versions --------------------------------------------------------------------------------


@login_required
@require_GET
def version_list(request, pk: int):
    proposal, access = proposal_for_user(request.user, pk)
    context = {"proposal": proposal, "access": access, "versions": proposal_versions(proposal)}
    return render(request, "proposals/versions.html", context)


@login_required
@require_GET
def version_detail(request, pk: int):
    version, access = version_for_user(request.user, pk)
    proposal = version.proposal
    previous = proposal.versions.filter(number__lt=version.number).order_by("-number").first()
    context = {
        "proposal": proposal,
        "access": access,
        "version": version,
        "previous": previous,
        "changes": version_changes(previous, version),
    }
    return render(request, "proposals/version.html", context)


# --- exports ---------------------------------------------------------------------------------


@login_required
@require_GET
def export(request, pk: int, file_format: str):
    proposal, _access = proposal_for_user(request.user, pk)
    if file_format not in ("docx", "pdf"):
        raise Http404
    try:
        document = export_document(proposal)
        if file_format == "docx":
            content, content_type = proposal_docx(document), DOCX_TYPE
        else:
            content, content_type = proposal_pdf(document), PDF_TYPE
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(proposal)
    except ExportUnavailableError:
        messages.error(request, ExportUnavailableError.message)
        return redirect(proposal)
    response = HttpResponse(content, content_type=content_type)
    filename = export_filename(proposal, file_format)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
