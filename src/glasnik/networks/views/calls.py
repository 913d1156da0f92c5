"""Calls for expressions of interest: the organisers' pages, the public call page, applying
and reviewing statements. Every date is read and shown in the network's time zone."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from glasnik.core.cache import public_page
from glasnik.core.forms import form_add_service_errors

from ..access import call_for_user, network_for_user, statement_for_organiser
from ..exports import statements_dataset
from ..forms.calls import (
    BulkDecisionForm,
    CallForm,
    DecisionForm,
    QuestionForm,
    StatementFilterForm,
    StatementForm,
    statement_initial,
)
from ..models import Call, StatementQuestion, StatementStatus
from ..selectors.calls import (
    call_statement_of,
    call_statements,
    call_status_counts,
    calls_for_organiser,
    institutions_of_person,
    statement_with_answers,
)
from ..services import calls as services
from ..services.calls import CallState, Decision, call_state

PAGE_SIZE = 50


def _render(request, template: str, context: dict, *, network, status: int = 200):
    with timezone.override(network.time_zone):
        return render(request, template, {"network": network, **context}, status=status)


# Organisers: the network's calls, a call's text and dates, its statement's questions.


@login_required
def call_manage_list(request, network_slug: str):
    network = network_for_user(request.user, network_slug, permission="networks.manage_network")
    calls = list(calls_for_organiser(network))
    now = timezone.now()
    rows = [(call, call_state(call, now=now)) for call in calls]
    return _render(request, "networks/calls/call_manage_list.html", {"rows": rows}, network=network)


@login_required
def call_create(request, network_slug: str):
    network = network_for_user(request.user, network_slug, permission="networks.manage_network")
    with timezone.override(network.time_zone):
        form = CallForm(request.POST or None, network=network)
        if request.method == "POST" and form.is_valid():
            try:
                call = services.call_create(
                    network=network, actor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "The call has been created. "
                        "Now add the questions of the membership statement."
                    ),
                )
                return redirect("networks:call_questions", network.slug, call.slug)
    return _render(
        request, "networks/calls/call_form.html", {"form": form, "call": None}, network=network
    )


@login_required
def call_edit(request, network_slug: str, slug: str):
    call = call_for_user(request.user, network_slug, slug, manage=True)
    network = call.network
    with timezone.override(network.time_zone):
        form = CallForm(
            request.POST or None, instance=Call.objects.get(pk=call.pk), network=network
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.call_update(call=call, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, _("The call has been saved."))
                return redirect("networks:call_questions", network.slug, call.slug)
    return _render(
        request, "networks/calls/call_form.html", {"form": form, "call": call}, network=network
    )


@login_required
@require_POST
def call_publish(request, network_slug: str, slug: str):
    call = call_for_user(request.user, network_slug, slug, manage=True)
    publish = request.POST.get("publish") == "1"
    try:
        services.call_set_published(call=call, actor=request.user, published=publish)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("networks:call_questions", call.network.slug, call.slug)
    if publish:
        messages.success(request, _("The call is published: anyone can read it."))
    else:
        messages.success(request, _("The call is no longer published; only organisers see it."))
    return redirect("networks:call_questions", call.network.slug, call.slug)


@login_required
def call_questions(request, network_slug: str, slug: str):
    """The statement builder: the call's questions in order, and a form to add one."""
    call = call_for_user(request.user, network_slug, slug, manage=True)
    form = QuestionForm(request.POST or None, initial={"kind": "text", "is_required": True})
    if request.method == "POST" and form.is_valid():
        try:
            services.question_add(call=call, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("The question has been added."))
            return redirect("networks:call_questions", call.network.slug, call.slug)
    context = {
        "call": call,
        "form": form,
        "questions": list(call.questions.annotate(answer_count=Count("answers"))),
        "state": call_state(call),
    }
    return _render(request, "networks/calls/call_questions.html", context, network=call.network)


def _question_for(request, network_slug: str, slug: str, pk: int):
    call = call_for_user(request.user, network_slug, slug, manage=True)
    try:
        return call, call.questions.get(pk=pk)
    except StatementQuestion.DoesNotExist as error:
        raise Http404 from error


@login_required
def question_edit(request, network_slug: str, slug: str, pk: int):
    call, question = _question_for(request, network_slug, slug, pk)
    form = QuestionForm(request.POST or None, instance=StatementQuestion.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.question_update(question=question, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("The question has been saved."))
            return redirect("networks:call_questions", call.network.slug, call.slug)
    context = {"call": call, "question": question, "form": form}
    return _render(request, "networks/calls/question_form.html", context, network=call.network)


@login_required
@require_POST
def question_remove(request, network_slug: str, slug: str, pk: int):
    call, question = _question_for(request, network_slug, slug, pk)
    try:
        services.question_remove(question=question, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The question has been removed."))
    return redirect("networks:call_questions", call.network.slug, call.slug)


@login_required
@require_POST
def question_move(request, network_slug: str, slug: str, pk: int):
    call, question = _question_for(request, network_slug, slug, pk)
    offset = -1 if request.POST.get("direction") == "up" else 1
    services.question_move(question=question, actor=request.user, offset=offset)
    return redirect(
        reverse("networks:call_questions", args=[call.network.slug, call.slug])
        + f"#question-{question.pk}"
    )


# The public call page and applying.


@public_page
def call_detail(request, network_slug: str, slug: str):
    # Visitors without a session get a stored copy (see public_page): nothing personal is
    # shown to them, and signed-in people's own state is always rendered afresh.
    call = call_for_user(request.user, network_slug, slug)
    apply_url = reverse("networks:statement_apply", args=[call.network.slug, call.slug])
    context = {
        "call": call,
        "state": call_state(call),
        # Kept with the call ({% kept %}): read only when drawn.
        "questions": SimpleLazyObject(lambda: list(call.questions.all())),
        "statement": call_statement_of(call, request.user),
        "can_manage": request.user.has_perm("networks.manage_call", call),
        "apply_url": apply_url,
        "next_query": urlencode({"next": apply_url}),
    }
    return _render(request, "networks/calls/call_detail.html", context, network=call.network)


def _statement_defaults(person) -> dict:
    defaults = {"first_name": person.first_name, "last_name": person.last_name}
    position = person.positions.select_related("organization").order_by("-since", "pk").first()
    if position is None:
        return defaults
    return defaults | {"organization": position.organization_id, "position_title": position.title}


@login_required
def statement_apply(request, network_slug: str, slug: str):
    call = call_for_user(request.user, network_slug, slug)
    network = call.network
    statement = call_statement_of(call, request.user)
    questions = list(call.questions.all())
    state = call_state(call)
    decided = statement is not None and statement.status != StatementStatus.SUBMITTED
    if request.method != "POST" and (state != CallState.OPEN or decided):
        context = {
            "call": call,
            "state": state,
            "statement": statement,
            "deadline": services.deadline_display(call),
        }
        return _render(request, "networks/calls/statement_closed.html", context, network=network)

    if request.method == "POST":
        form = StatementForm(request.POST, request.FILES, questions=questions, statement=statement)
    else:
        if statement is not None:
            initial = statement_initial(statement, questions) | {
                "first_name": request.user.first_name,
                "last_name": request.user.last_name,
            }
        else:
            initial = _statement_defaults(request.user)
        form = StatementForm(initial=initial, questions=questions, statement=statement)
    if request.method == "POST" and form.is_valid():
        try:
            services.statement_submit(
                call=call,
                person=request.user,
                organization=form.cleaned_data["organization"],
                position_title=form.cleaned_data["position_title"],
                answers=form.answers(),
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            if statement is None:
                messages.success(
                    request,
                    _("Your statement has been sent. We have emailed you a confirmation."),
                )
            else:
                messages.success(request, _("Your statement has been changed."))
            return redirect("networks:call_detail", network.slug, call.slug)
    # Before a search, the institutions of the person's positions are offered.
    form.fields["organization"].suggest(institutions_of_person(request.user))
    context = {
        "call": call,
        "form": form,
        "statement": statement,
        "state": state,
        "deadline": services.deadline_display(call),
    }
    status = 400 if request.method == "POST" and not form.searching else 200
    return _render(
        request, "networks/calls/statement_form.html", context, network=network, status=status
    )


# Organisers: reviewing the statements.


@login_required
def statement_list(request, network_slug: str, slug: str):
    call = call_for_user(request.user, network_slug, slug, manage=True)
    filter_form = StatementFilterForm(request.GET)
    filters = filter_form.filters()
    statements = call_statements(
        call,
        status=filters.get("status", ""),
        country=filters.get("country", ""),
        kind=filters.get("kind", ""),
        search=filters.get("q", ""),
    )
    page = Paginator(statements, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode({name: value for name, value in filters.items() if value})
    context = {
        "call": call,
        "page": page,
        "filter_form": filter_form,
        "decision_form": DecisionForm(),
        "query": query,
        "is_filtered": bool(query),
        "counts": call_status_counts(call),
    }
    return _render(request, "networks/calls/statement_list.html", context, network=call.network)


def _list_url(call: Call, query: str = "") -> str:
    url = reverse("networks:statement_list", args=[call.network.slug, call.slug])
    return f"{url}?{query}" if query else url


@login_required
@require_POST
def statement_bulk_decide(request, network_slug: str, slug: str):
    call = call_for_user(request.user, network_slug, slug, manage=True)
    statement_ids = list(call.statements.values_list("pk", flat=True))
    form = BulkDecisionForm(request.POST, statement_ids=statement_ids)
    query = request.POST.get("query", "")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(_list_url(call, query))
    statements = call.statements.filter(pk__in=form.cleaned_data["statements"]).order_by("pk")
    decision = Decision(form.cleaned_data["decision"])
    changed = services.statements_decide(
        statements=list(statements),
        actor=request.user,
        decision=decision,
        message=form.cleaned_data["message"],
    )
    if decision == Decision.APPROVE:
        messages.success(request, _("Statements approved: %(count)d.") % {"count": changed})
    else:
        messages.success(request, _("Statements declined: %(count)d.") % {"count": changed})
    return redirect(_list_url(call, query))


@login_required
def statement_detail(request, network_slug: str, slug: str, pk: int):
    call = call_for_user(request.user, network_slug, slug, manage=True)
    statement = statement_for_organiser(request.user, call, pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision = Decision(form.cleaned_data["decision"])
        services.statement_decide(
            statement=statement,
            actor=request.user,
            decision=decision,
            message=form.cleaned_data["message"],
        )
        if decision == Decision.APPROVE:
            messages.success(request, _("The statement has been approved."))
        else:
            messages.success(request, _("The statement has been declined."))
        return redirect("networks:statement_detail", call.network.slug, call.slug, statement.pk)
    context = {
        "call": call,
        "statement": statement,
        "answers": statement_with_answers(statement),
        "form": form,
    }
    return _render(request, "networks/calls/statement_detail.html", context, network=call.network)


@login_required
@require_GET
def statement_file(request, network_slug: str, slug: str, pk: int, answer_pk: int):
    """A file sent with a statement, for the call's organisers only."""
    call = call_for_user(request.user, network_slug, slug, manage=True)
    statement = statement_for_organiser(request.user, call, pk)
    answer = statement.answers.filter(pk=answer_pk).exclude(file="").first()
    if answer is None:
        raise Http404
    response = FileResponse(
        answer.file.open("rb"),
        as_attachment=True,
        filename=answer.value or answer.file.name.rsplit("/", 1)[-1],
        content_type="application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    return response


EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@login_required
@require_GET
def statement_export(request, network_slug: str, slug: str, fmt: str):
    call = call_for_user(request.user, network_slug, slug, manage=True)
    if fmt not in EXPORT_TYPES:
        raise Http404
    dataset = statements_dataset(call)
    content = dataset.export(fmt)
    if fmt == "csv":
        content = "\ufeff" + content  # a BOM, so spreadsheet programs read UTF-8
    response = HttpResponse(content, content_type=EXPORT_TYPES[fmt])
    filename = f"{slugify(call.slug)}-statements-{timezone.localdate():%Y-%m-%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
