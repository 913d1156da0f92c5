"""Feedback pages: the participant's form, the organisers' results (with the invitation button
and the XLSX export), and a lecturer's own ratings."""

import tablib
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from glasnik.core.exports import EXPORT_FORMATS, export_dataset
from glasnik.core.languages import written_in_text

from ..access import event_for_feedback, event_for_organiser, event_view
from ..forms.feedback import feedback_forms
from ..models import Event
from ..selectors import feedback as selectors
from ..services.feedback import (
    FeedbackAlreadyGivenError,
    feedback_invite,
    feedback_start,
    feedback_submit,
    lecturer_answers_from,
)

EVENTS_PER_PAGE = 10


@login_required
@event_view(event_for_feedback)
def feedback_form(request, event: Event):
    state = selectors.feedback_window_state(event)
    receipt = selectors.feedback_receipt_of(event, request.user)
    answered = receipt is not None and receipt.answered_at is not None
    lecturers = selectors.feedback_lecturers(event)
    data = request.POST if request.method == "POST" and state == "open" and not answered else None
    event_form, lecturer_forms = feedback_forms(lecturers, data)
    # Validate every form (not stopping at the first invalid one) so all errors show at once.
    valid = data is not None and all([form.is_valid() for form in (event_form, *lecturer_forms)])  # noqa: C419
    if valid:
        try:
            feedback_submit(
                event=event,
                person=request.user,
                rating=event_form.cleaned_data["rating"],
                comment=event_form.cleaned_data["comment"],
                lecturer_answers=lecturer_answers_from(
                    {form.lecturer: form.cleaned_data for form in lecturer_forms}
                ),
            )
        except FeedbackAlreadyGivenError as error:
            messages.info(request, error.messages[0])
        except ValidationError as error:
            event_form.add_error(None, error)
        else:
            messages.success(request, _("Thank you! Your feedback has been saved."))
            return redirect("events:feedback_form", pk=event.pk)
        if not event_form.non_field_errors():
            return redirect("events:feedback_form", pk=event.pk)
    elif state == "open" and receipt is None:
        feedback_start(event=event, person=request.user)
    context = {
        "event": event,
        "state": state,
        "answered": answered,
        "event_form": event_form,
        "lecturer_forms": lecturer_forms,
        "closes_at": selectors.feedback_closes_at(event),
        "has_errors": data is not None,
    }
    return render(request, "events/feedback/form.html", context)


@login_required
def feedback_results(request, pk: int):
    event = event_for_organiser(request.user, pk)
    if request.GET.get("export") == "xlsx":
        return _export(event)
    context = {
        "event": event,
        "results": selectors.feedback_results(event),
        "counts": selectors.feedback_invitation_counts(event),
        "state": selectors.feedback_window_state(event),
        "closes_at": selectors.feedback_closes_at(event),
    }
    with timezone.override(event.time_zone):
        return render(request, "events/feedback/results.html", context)


@login_required
@require_POST
def feedback_invite_view(request, pk: int):
    event = event_for_organiser(request.user, pk)
    try:
        invited = feedback_invite(event=event, actor=request.user)
    except PermissionDenied as error:
        raise Http404 from error
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        if invited:
            messages.success(
                request,
                ngettext(
                    "%(count)d participant has been invited to give feedback.",
                    "%(count)d participants have been invited to give feedback.",
                    invited,
                )
                % {"count": invited},
            )
        else:
            messages.info(request, _("Everyone taking part has been invited already."))
    return redirect("events:feedback_results", pk=event.pk)


def _export(event: Event) -> HttpResponse:
    """The results as a workbook: one sheet of ratings, one of comments."""
    results = selectors.feedback_results(event)
    subjects = [(_("The event"), results.overall)] + [
        (subject.lecturer.name, subject) for subject in results.lecturers
    ]
    ratings = export_dataset(
        title=_("Ratings"),
        headers=[_("Rated"), _("Answers"), _("Average"), "1", "2", "3", "4", "5"],
        rows=[
            [
                name,
                subject.summary.count,
                float(subject.summary.average) if subject.summary.average is not None else "",
                *(subject.summary.distribution.get(score, 0) for score in range(1, 6)),
            ]
            for name, subject in subjects
        ],
    )
    headers = [_("Rated"), _("Rating"), _("Comment")]
    if not results.anonymous:
        headers.append(_("Written by"))
    comments = export_dataset(
        title=_("Comments"),
        headers=headers,
        rows=[
            [name, comment.rating, written_in_text(comment.text, event)]
            + ([] if results.anonymous else [comment.author])
            for name, subject in subjects
            for comment in subject.comments
        ],
    )
    book = tablib.Databook([ratings, comments])
    response = HttpResponse(book.export("xlsx"), content_type=EXPORT_FORMATS["xlsx"])
    filename = f"feedback-{slugify(event.title) or 'event'}-{event.pk}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def my_feedback(request):
    """A lecturer's own ratings and comments, event by event (never anyone else's)."""
    lecturers = selectors.lecturers_of_person(request.user)
    lecturer = lecturers[0] if lecturers else None
    page = feedback = None
    if lecturer is not None:
        page = Paginator(selectors.lecturer_rated_events(lecturer), EVENTS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        feedback = selectors.lecturer_feedback(lecturer, page.object_list)
    context = {"lecturer": lecturer, "page": page, "feedback": feedback}
    return render(request, "events/feedback/mine.html", context)
