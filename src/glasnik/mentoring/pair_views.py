"""Pages of one-to-one mentoring and reviews of work, and a person's mentoring overview."""

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from glasnik.core.forms import form_add_service_errors

from . import pair_selectors as selectors
from . import pair_services as services
from .models import ReviewStatus
from .office_hours_selectors import bookings_ahead_for
from .pair_access import (
    item_for_user,
    pair_for_user,
    program_for_organiser,
    review_for_mentor,
    review_for_user,
    version_for_user,
)
from .pair_forms import (
    ActionItemForm,
    GoalsForm,
    NewWorkForm,
    PairForm,
    PairSessionForm,
    ReturnForm,
    SectionCommentsForm,
    WorkForm,
)

NOT_YOUR_MENTOR = gettext_lazy("You can send work for review only to your own mentor.")


def _errors_to_messages(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@login_required
@require_GET
def overview(request):
    """A person's mentoring in one place: as a mentor their sessions and queues, pairs and the
    work waiting for them; as a participant their pairs and the work they sent."""
    user = request.user
    pairs = list(selectors.pairs_of(user))
    context = {
        "sessions": list(selectors.mentor_sessions(user)),
        "mentor_pairs": [pair for pair in pairs if pair.mentor_id == user.pk],
        "mentee_pairs": [pair for pair in pairs if pair.mentor_id != user.pk],
        "pending_reviews": list(selectors.pending_reviews(user)),
        "my_reviews": list(selectors.reviews_of(user)),
        "bookings": bookings_ahead_for(user),
    }
    return render(request, "mentoring/overview.html", context)


@login_required
def program_pairs(request, slug: str):
    """The organisers' page: the programme's pairs, suggested mentors for who is not paired
    yet, a form to pair, and the mentoring activity in counts."""
    program = program_for_organiser(request.user, slug)
    form = PairForm(request.POST or None, program=program)
    if request.method == "POST" and form.is_valid():
        try:
            pair = services.pair_create(
                program=program,
                mentor=form.cleaned_data["mentor"],
                mentee=form.cleaned_data["mentee"],
                organization=form.cleaned_data["organization"],
                goals=form.cleaned_data["goals"],
                actor=request.user,
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("The pair has been made."))
            return redirect("mentoring:pair", pk=pair.pk)
    context = {
        "program": program,
        "pairs": list(selectors.program_pairs(program)),
        "matchings": selectors.pair_suggestions(program),
        "activity": selectors.program_activity(program),
        "form": form,
    }
    return render(
        request, "mentoring/program_pairs.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def pair_suggestion_accept(request, slug: str):
    """The organiser confirms a suggested pair (a mentor for a participant)."""
    program = program_for_organiser(request.user, slug)
    form = PairForm(request.POST, program=program)
    if form.is_valid():
        try:
            pair = services.pair_create(
                program=program,
                mentor=form.cleaned_data["mentor"],
                mentee=form.cleaned_data["mentee"],
                organization=form.cleaned_data["organization"],
                actor=request.user,
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The pair has been made."))
            return redirect("mentoring:pair", pk=pair.pk)
    else:
        _errors_to_messages(request, form)
    return redirect("mentoring:program_pairs", slug=program.slug)


@login_required
@require_GET
def pair_detail(request, pk: int):
    access = pair_for_user(request.user, pk)
    pair = access.pair
    context = {
        "access": access,
        "pair": pair,
        "program": pair.program,
        "sessions": list(pair.sessions.select_related("written_by")),
        "items": list(pair.action_items.all()),
        "reviews": list(pair.reviews.select_related("author")),
        "goals_form": GoalsForm(initial={"goals": pair.goals}),
        "session_form": PairSessionForm(),
        "item_form": ActionItemForm(),
    }
    return render(request, "mentoring/pair.html", context)


@login_required
@require_POST
def pair_goals(request, pk: int):
    access = pair_for_user(request.user, pk)
    if not access.may_edit:
        raise Http404
    form = GoalsForm(request.POST)
    if form.is_valid():
        services.pair_goals_update(
            pair=access.pair, goals=form.cleaned_data["goals"], actor=request.user
        )
        messages.success(request, _("The goals have been saved."))
    return redirect("mentoring:pair", pk=pk)


@login_required
@require_POST
def pair_session_add(request, pk: int):
    access = pair_for_user(request.user, pk)
    form = PairSessionForm(request.POST)
    if form.is_valid():
        services.pair_session_log(
            pair=access.pair,
            held_on=form.cleaned_data["held_on"],
            notes=form.cleaned_data["notes"],
            actor=request.user,
        )
        messages.success(request, _("The meeting has been added to the log."))
    else:
        _errors_to_messages(request, form)
    return redirect("mentoring:pair", pk=pk)


@login_required
@require_POST
def action_item_add(request, pk: int):
    access = pair_for_user(request.user, pk)
    form = ActionItemForm(request.POST)
    if form.is_valid():
        try:
            services.action_item_add(pair=access.pair, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The action item has been added."))
    else:
        _errors_to_messages(request, form)
    return redirect("mentoring:pair", pk=pk)


@login_required
@require_POST
def action_item_done(request, pk: int):
    item, access = item_for_user(request.user, pk)
    services.action_item_mark(item=item, done=request.POST.get("done") == "1", actor=request.user)
    return redirect("mentoring:pair", pk=access.pair.pk)


# --- reviews of work -----------------------------------------------------------------------


def _refused(request, access):
    """Someone who sees the pair but is not its mentee (its mentor or an organiser)."""
    return render(
        request,
        "mentoring/review_refused.html",
        {"pair": access.pair, "program": access.pair.program, "message": NOT_YOUR_MENTOR},
        status=403,
    )


@login_required
def review_new(request, pk: int):
    """A participant sends a piece of work to the mentor of their pair."""
    access = pair_for_user(request.user, pk)
    if not access.is_mentee:
        return _refused(request, access)
    form = NewWorkForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            review = services.review_submit(
                pair=access.pair,
                author=request.user,
                title=form.cleaned_data["title"],
                kind=form.cleaned_data["kind"],
                sections=form.sections(),
                document=form.cleaned_data["document"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Your work has been sent to your mentor."))
            return redirect("mentoring:review", pk=review.pk)
    context = {"pair": access.pair, "program": access.pair.program, "form": form}
    return render(
        request, "mentoring/review_form.html", context, status=400 if form.errors else 200
    )


@login_required
def review_resubmit(request, pk: int):
    """A new version of the work, after the mentor asked for changes (the last version's
    sections filled in to start from)."""
    review, access = review_for_user(request.user, pk)
    if not access.is_mentee:
        return _refused(request, access)
    if review.status != ReviewStatus.NEEDS_WORK:
        messages.info(
            request, _("A new version can be sent only after the mentor asked for changes.")
        )
        return redirect("mentoring:review", pk=review.pk)
    last = review.versions.order_by("-number").first()
    previous = [(s.title, s.text) for s in last.sections.all()]
    form = WorkForm(request.POST or None, request.FILES or None, sections=previous)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_resubmit(
                review=review,
                author=request.user,
                sections=form.sections(),
                document=form.cleaned_data["document"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("The new version has been sent to your mentor."))
            return redirect("mentoring:review", pk=review.pk)
    context = {
        "pair": access.pair,
        "program": access.pair.program,
        "review": review,
        "last": last,
        "form": form,
    }
    return render(
        request, "mentoring/review_form.html", context, status=400 if form.errors else 200
    )


@login_required
@require_GET
def review_detail(request, pk: int):
    """A piece of work: the version asked for (the latest by default) with the mentor's
    comments, what changed since the version before it, and the mentor's form."""
    review, access = review_for_user(request.user, pk)
    versions = selectors.review_versions(review)
    try:
        number = int(request.GET.get("version", versions[-1].number))
    except ValueError:
        number = versions[-1].number
    version = next((v for v in versions if v.number == number), versions[-1])
    previous = next((v for v in versions if v.number == version.number - 1), None)
    is_latest = version is versions[-1]
    context = {
        "review": review,
        "access": access,
        "pair": access.pair,
        "program": access.pair.program,
        "versions": versions,
        "version": version,
        "previous": previous,
        "changes": selectors.version_changes(previous, version) if previous else None,
        "sections": list(version.sections.all()),
        "may_resubmit": access.is_mentee and review.status == ReviewStatus.NEEDS_WORK,
    }
    if access.is_mentor and is_latest and review.status == ReviewStatus.SUBMITTED:
        context["return_form"] = ReturnForm()
        context["sections"] = SectionCommentsForm(sections=context["sections"]).with_fields()
    return render(request, "mentoring/review.html", context)


@login_required
@require_POST
def review_return(request, pk: int):
    review, _access = review_for_mentor(request.user, pk)
    last = review.versions.order_by("-number").first()
    form = ReturnForm(request.POST)
    comments = SectionCommentsForm(request.POST, sections=last.sections.all())
    if form.is_valid() and comments.is_valid():
        try:
            services.review_return(
                review=review,
                mentor=request.user,
                status=form.cleaned_data["decision"],
                comments=comments.comments(),
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Your review has been sent to the participant."))
    else:
        _errors_to_messages(request, form)
    return redirect("mentoring:review", pk=review.pk)


@login_required
@require_GET
def review_document(request, pk: int):
    version = version_for_user(request.user, pk)
    if not version.document:
        raise Http404
    name = PurePath(version.document.name).name
    response = FileResponse(version.document.open("rb"), as_attachment=True, filename=name)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
