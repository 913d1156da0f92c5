"""The question queue of a mentoring session: the page, its polled part, and the forms of
participants (ask, vote) and of the mentors and organisers (answer, merge, hide, close)."""

from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_GET, require_POST

from glasnik.core.forms import form_add_service_errors

from . import selectors, services
from .access import question_for_moderator, question_for_user, queue_for_moderator, queue_for_user
from .forms import AnswerForm, QuestionForm, RecordingForm
from .queue_items import queue_items
from .queue_state import queue_closes_at, queue_is_open

ARCHIVE_PAGE_SIZE = 20


def _queue_url(access) -> str:
    return reverse("mentoring:queue", args=[access.event.pk])


QUESTION_PAGES = ("vote", "answer", "hide", "merge")


def _with_urls(questions: list) -> list:
    """Each question's forms' addresses, reversed once per page rather than once per question
    (the polled list draws dozens of them every few seconds)."""
    patterns = {
        page: reverse(f"mentoring:question_{page}", args=[0]).replace("/0/", "/{}/")
        for page in QUESTION_PAGES
    }
    for question in questions:
        question.urls = {page: pattern.format(question.pk) for page, pattern in patterns.items()}
    return questions


def _live_context(request, access, error: str = "") -> dict:
    is_open = queue_is_open(access.queue)
    questions = _with_urls(list(selectors.queue_questions(access, request.user)))
    own_votes = selectors.own_votes(access, request.user)
    return {
        "access": access,
        "event": access.event,
        "queue": access.queue,
        "is_open": is_open,
        "questions": questions,
        "items": queue_items(
            request, access=access, questions=questions, own_votes=own_votes, is_open=is_open
        ),
        "own_votes": own_votes,
        "error": error,
        "etag": selectors.queue_etag(access, request.user),
    }


def _render_live(request, access, error: str = ""):
    with timezone.override(access.event.time_zone):
        response = render(
            request, "mentoring/_queue_live.html", _live_context(request, access, error)
        )
    patch_cache_control(response, private=True, no_cache=True)
    return response


@login_required
@require_GET
def queue_page(request, event_pk: int):
    access = queue_for_user(request.user, event_pk)
    event = access.event
    with timezone.override(event.time_zone):
        search = request.GET.get("q", "").strip()
        is_open = queue_is_open(access.queue)
        context = _live_context(request, access) | {
            "program": event.program,
            "closes_at": queue_closes_at(event),
            "form": QuestionForm(),
            "search": search,
            "search_query": urlencode({"q": search}) if search else "",
        }
        if not is_open:
            context["archive"] = Paginator(
                selectors.answered_questions(access, search), ARCHIVE_PAGE_SIZE
            ).get_page(request.GET.get("page"))
        if access.is_moderator:
            context["recording_form"] = RecordingForm(instance=access.queue)
        return render(request, "mentoring/queue.html", context)


def _load_for_poll(view):
    """Load the queue once for both the ETag and the view."""

    @wraps(view)
    def wrapped(request, event_pk: int):
        request.queue_access = queue_for_user(request.user, event_pk)
        return view(request, event_pk)

    return wrapped


def _poll_etag(request, event_pk: int) -> str:
    return selectors.queue_etag(request.queue_access, request.user)


@login_required
@require_GET
@_load_for_poll
@condition(etag_func=_poll_etag)
def queue_live(request, event_pk: int):
    """The polled part: answered 304 Not Modified (one query) while nothing changed."""
    return _render_live(request, request.queue_access)


def _after_post(request, access, error: str = ""):
    if request.htmx:
        return _render_live(request, access, error)
    if error:
        messages.error(request, error)
    return redirect(_queue_url(access))


@login_required
@require_POST
def question_ask(request, event_pk: int):
    access = queue_for_user(request.user, event_pk)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.question_ask(
                queue=access.queue,
                author=request.user,
                text=form.cleaned_data["text"],
                is_anonymous=form.cleaned_data["is_anonymous"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Your question is in the queue."))
            return redirect(_queue_url(access))
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect(_queue_url(access))


@login_required
@require_POST
def question_vote(request, pk: int):
    question, access = question_for_user(request.user, pk)
    try:
        if request.POST.get("withdraw"):
            services.question_vote_withdraw(question=question, person=request.user)
        else:
            services.question_vote(question=question, person=request.user)
    except ValidationError as error:
        return _after_post(request, access, error.messages[0])
    return _after_post(request, access)


@login_required
def question_answer(request, pk: int):
    question, access = question_for_moderator(request.user, pk)
    form = AnswerForm(request.POST or None, initial={"answer": question.answer})
    if request.method == "POST" and form.is_valid():
        try:
            services.question_answer(
                question=question, actor=request.user, answer=form.cleaned_data["answer"]
            )
        except ValidationError as error:
            return _after_post(request, access, error.messages[0])
        if request.htmx:
            return _render_live(request, access)
        messages.success(request, _("The question is marked answered."))
        return redirect(_queue_url(access))
    context = {"form": form, "question": question, "access": access, "event": access.event}
    return render(request, "mentoring/answer.html", context)


@login_required
@require_POST
def question_hide(request, pk: int):
    question, access = question_for_moderator(request.user, pk)
    try:
        services.question_hide(question=question, actor=request.user)
    except ValidationError as error:
        return _after_post(request, access, error.messages[0])
    return _after_post(request, access)


@login_required
@require_POST
def question_merge(request, pk: int):
    question, access = question_for_moderator(request.user, pk)
    into_pk = request.POST.get("into", "")
    into = (
        selectors.merge_targets(access, question).filter(pk=into_pk).first()
        if into_pk.isdigit()
        else None
    )
    if into is None:
        return _after_post(request, access, _("Choose the question this one repeats."))
    into.queue = access.queue
    try:
        services.question_merge(question=question, into=into, actor=request.user)
    except ValidationError as error:
        return _after_post(request, access, error.messages[0])
    return _after_post(request, access)


@login_required
@require_POST
def queue_settings(request, event_pk: int):
    access = queue_for_moderator(request.user, event_pk)
    action = request.POST.get("action")
    if action == "close":
        services.question_queue_close(queue=access.queue, actor=request.user)
        messages.success(request, _("The queue is closed: no new questions or votes."))
    elif action == "reopen":
        services.question_queue_reopen(queue=access.queue, actor=request.user)
        messages.success(request, _("The queue is open again."))
    else:
        form = RecordingForm(request.POST, instance=access.queue)
        if form.is_valid():
            access.queue.refresh_from_db(fields=["recording_url"])
            services.question_queue_recording_set(
                queue=access.queue,
                recording_url=form.cleaned_data["recording_url"],
                actor=request.user,
            )
            messages.success(request, _("The recording link has been saved."))
        else:
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
    return redirect(_queue_url(access))
