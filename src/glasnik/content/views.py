"""The content calendar's pages: month, week and list; a post, its form, its move to another
day, its status and its way through the approval chain; the chain and the pillars; what
waits for my approval; exports and the CSV import."""

from datetime import date, timedelta
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from glasnik.coach.platforms import Platform

from . import exchange, services
from .access import calendar_for_planner, calendar_for_user
from .calendar_items import PostUrls, occurrence_html
from .calendar_time import institution_time_zone, institution_today, month_weeks, week_days
from .days import COUNTRIES, INTERNATIONAL, default_layers, planning_days
from .forms import ChainForm, DecisionForm, ImportForm, MoveForm, PillarForm, PostForm, post_initial
from .models import PostStatus
from .selectors import (
    approval_chain,
    chain_candidates,
    pillars_of,
    post_for_access,
    post_trail,
    posts_filtered,
    posts_in_span,
    posts_waiting_for,
)

LIST_PAGE_SIZE = 50


def _page(access) -> dict:
    """What every page of the calendar shows: the institution, the reader's access, its today."""
    organization = access.organization
    return {
        "access": access,
        "organization": organization,
        "today": institution_today(organization),
        "zone": institution_time_zone(organization),
    }


def _chosen_layers(request, organization) -> list[str]:
    if "layers" not in request.GET:
        return default_layers(organization)
    return [
        layer
        for layer in request.GET.getlist("layer")
        if layer in COUNTRIES or layer == INTERNATIONAL
    ]


def _layer_choices(chosen: list[str]) -> list[tuple[str, str, bool]]:
    options = [*COUNTRIES.items(), (INTERNATIONAL, _("International days"))]
    return [(code, str(label), code in chosen) for code, label in options]


def _days_context(request, access, first: date, last: date) -> dict:
    organization = access.organization
    layers = _chosen_layers(request, organization)
    by_day: dict = {}
    for occurrence in posts_in_span(organization, first, last):
        by_day.setdefault(occurrence.day, []).append(occurrence)
    return _page(access) | {
        "by_day": by_day,
        "planning": planning_days(layers, first, last),
        "layers": _layer_choices(layers),
    }


def _cells(days, context, month: int | None = None) -> list[dict]:
    urls = PostUrls(context["organization"].slug)
    may_move, zone = context["access"].may_edit, context["zone"]
    return [
        {
            "day": day,
            "in_month": month is None or day.month == month,
            "posts": [
                occurrence_html(occurrence, urls, may_move=may_move, zone=zone)
                for occurrence in context["by_day"].get(day, [])
            ],
            "planning": context["planning"].get(day, []),
        }
        for day in days
    ]


@login_required
def month(request, slug: str, year: int | None = None, month: int | None = None):
    access = calendar_for_user(request.user, slug)
    if year is None:
        today = institution_today(access.organization)
        year, month = today.year, today.month
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404
    weeks = month_weeks(year, month)
    context = _days_context(request, access, weeks[0][0], weeks[-1][-1])
    first = date(year, month, 1)
    context |= {
        "first": first,
        "weeks": [_cells(week, context, month) for week in weeks],
        "weekdays": weeks[0],
        "previous": first - timedelta(days=1),
        "next": first + timedelta(days=31),
        "layer_query": request.GET.urlencode(),
    }
    return render(request, "content/month.html", context)


@login_required
def week(request, slug: str, year: int, month: int, day: int):
    access = calendar_for_user(request.user, slug)
    try:
        days = week_days(date(year, month, day))
    except ValueError as error:
        raise Http404 from error
    context = _days_context(request, access, days[0], days[-1])
    context |= {
        "days": _cells(days, context),
        "previous": days[0] - timedelta(days=7),
        "next": days[0] + timedelta(days=7),
        "first": days[0],
        "layer_query": request.GET.urlencode(),
    }
    return render(request, "content/week.html", context)


@login_required
def post_list(request, slug: str):
    access = calendar_for_user(request.user, slug)
    organization = access.organization
    pillars = pillars_of(organization)
    status = request.GET.get("status", "")
    platform = request.GET.get("platform", "")
    pillar = request.GET.get("pillar", "")
    status = status if status in PostStatus.values else ""
    platform = platform if platform in Platform.values else ""
    pillar = int(pillar) if pillar.isdigit() else None
    posts = posts_filtered(organization, status=status, platform=platform, pillar=pillar)
    page = Paginator(posts, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode({key: value for key, value in request.GET.items() if key != "page"})
    context = _page(access) | {
        "page": page,
        "query": query,
        "statuses": PostStatus.choices,
        "platforms": Platform.choices,
        "pillars": pillars,
        "chosen": {"status": status, "platform": platform, "pillar": pillar},
    }
    return render(request, "content/list.html", context)


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _form_page(request, access, form, post=None):
    context = _page(access) | {"form": form, "post": post}
    return render(request, "content/post_form.html", context)


@login_required
def post_create(request, slug: str):
    access = calendar_for_planner(request.user, slug)
    organization = access.organization
    if request.method == "POST":
        form = PostForm(request.POST, request.FILES, organization=organization)
        if form.is_valid():
            try:
                post = services.post_create(
                    organization=organization,
                    author=request.user,
                    status=form.cleaned_data["status"],
                    **form.post_fields(),
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("The post is in the calendar."))
                return redirect(_post_url(post))
        return _form_page(request, access, form)
    initial = {"day": request.GET.get("day") or None, "at": "10:00"}
    form = PostForm(initial=initial, organization=organization)
    return _form_page(request, access, form)


def _post_url(post) -> str:
    return reverse("content:post", kwargs={"slug": post.organization.slug, "pk": post.pk})


@login_required
def post_edit(request, slug: str, pk: int):
    access = calendar_for_planner(request.user, slug)
    post = post_for_access(access, pk)
    zone = institution_time_zone(access.organization)
    if post.status not in services.EDITABLE:
        messages.error(
            request, _("Only an idea or a draft can be edited. Return the post to draft first.")
        )
        return redirect(_post_url(post))
    if request.method == "POST":
        form = PostForm(request.POST, request.FILES, organization=access.organization, editing=True)
        if form.is_valid():
            try:
                services.post_update(
                    post=post,
                    editor=request.user,
                    version=form.cleaned_data["version"] or 0,
                    **form.post_fields(),
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("The post is saved."))
                return redirect(_post_url(post))
        return _form_page(request, access, form, post)
    form = PostForm(
        initial=post_initial(post, zone), organization=access.organization, editing=True
    )
    return _form_page(request, access, form, post)


def _decision_context(request, access, post) -> dict:
    chain = approval_chain(access.organization)
    current = next((step for step in chain if step.position == post.review_step), None)
    zone = institution_time_zone(access.organization)
    return _page(access) | {
        "post": post,
        "local": post.publish_at.astimezone(zone),
        "chain": chain,
        "current_step": current,
        "my_step": current is not None and current.person_id == request.user.pk,
        "trail": post_trail(post),
        "variants": [(Platform(key).label, text) for key, text in post.variants.items()],
        "platform_names": [
            Platform(value).label for value in post.platforms if value in Platform.values
        ],
        "statuses": [
            (value, PostStatus(value).label) for value in services.MANUAL_STATUS[post.status]
        ],
        "editable": post.status in services.EDITABLE,
        "move_form": MoveForm(initial={"version": post.version}),
        "decision_form": DecisionForm(),
    }


@login_required
def post_detail(request, slug: str, pk: int):
    access = calendar_for_user(request.user, slug)
    post = post_for_access(access, pk)
    return render(request, "content/post.html", _decision_context(request, access, post))


def _back(request, post):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return redirect(target)
    return redirect(_post_url(post))


def _refused(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
@require_POST
def post_move(request, slug: str, pk: int):
    access = calendar_for_planner(request.user, slug)
    post = post_for_access(access, pk)
    zone = institution_time_zone(access.organization)
    shift = {"earlier": -1, "later": 1}.get(request.POST.get("shift", ""))
    form = MoveForm(request.POST)
    day = None
    if shift is not None and request.POST.get("version", "").isdigit():
        day = post.publish_at.astimezone(zone).date() + timedelta(days=shift)
        version = int(request.POST["version"])
    elif form.is_valid():
        day, version = form.cleaned_data["day"], form.cleaned_data["version"]
    if day is None:
        messages.error(request, _("Choose the day to move the post to."))
        return _back(request, post)
    try:
        services.post_move(post=post, by=request.user, day=day, version=version)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The post is moved to %(day)s") % {"day": date_format(day)})
    return _back(request, post)


@login_required
@require_POST
def post_status(request, slug: str, pk: int):
    access = calendar_for_planner(request.user, slug)
    post = post_for_access(access, pk)
    status = request.POST.get("status", "")
    version = request.POST.get("version", "")
    try:
        if status not in PostStatus.values or not version.isdigit():
            raise ValidationError(_("Choose a status."))
        services.post_status_set(post=post, by=request.user, status=status, version=int(version))
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The status is changed."))
    return _back(request, post)


@login_required
@require_POST
def post_decide(request, slug: str, pk: int):
    """Send for approval (staff), approve or return (the person at the current step), comment
    (everyone who reads the post)."""
    access = calendar_for_user(request.user, slug)
    post = post_for_access(access, pk)
    action = request.POST.get("action", "")
    comment = request.POST.get("comment", "")
    version = request.POST.get("version", "")
    done = {
        "submit": _("The post is sent for approval."),
        "approve": _("You approved the post."),
        "return": _("You returned the post with your comment."),
        "comment": _("Your comment is added."),
    }
    try:
        if action == "submit":
            if not access.may_edit:
                raise Http404
            services.post_submit(post=post, by=request.user, version=int(version or 0))
        elif action == "approve":
            services.post_approve(post=post, by=request.user, comment=comment)
        elif action == "return":
            services.post_return(post=post, by=request.user, comment=comment)
        elif action == "comment":
            services.post_comment(post=post, by=request.user, comment=comment)
        else:
            raise ValidationError(_("Choose what to do with the post."))
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, done[action])
    return _back(request, post)


@login_required
def post_image(request, slug: str, pk: int):
    access = calendar_for_user(request.user, slug)
    post = post_for_access(access, pk)
    if not post.image:
        raise Http404
    response = FileResponse(post.image.open("rb"))
    response["Content-Security-Policy"] = "default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def waiting(request):
    posts = list(posts_waiting_for(request.user)[:200])
    return render(request, "content/waiting.html", {"posts": posts})


@login_required
def chain(request, slug: str):
    access = calendar_for_user(request.user, slug)
    organization = access.organization
    steps = approval_chain(organization)
    candidates = chain_candidates(organization)
    initial = {f"step_{step.position}": step.person_id for step in steps}
    chain_form = ChainForm(initial=initial, candidates=candidates)
    pillar_form = PillarForm()
    if request.method == "POST":
        if not access.may_edit:
            raise Http404
        try:
            if request.POST.get("form") == "pillar":
                pillar_form = PillarForm(request.POST)
                if pillar_form.is_valid():
                    services.pillar_create(
                        organization=organization,
                        by=request.user,
                        name=pillar_form.cleaned_data["name"],
                    )
                    messages.success(request, _("The pillar is added."))
                    return redirect("content:chain", slug=slug)
            else:
                chain_form = ChainForm(request.POST, candidates=candidates)
                if chain_form.is_valid():
                    services.approval_chain_set(
                        organization=organization, by=request.user, people=chain_form.people()
                    )
                    messages.success(request, _("The approval chain is saved."))
                    return redirect("content:chain", slug=slug)
        except ValidationError as error:
            _form_errors(pillar_form if request.POST.get("form") == "pillar" else chain_form, error)
    context = _page(access) | {
        "steps": steps,
        "chain_form": chain_form,
        "pillar_form": pillar_form,
        "pillars": pillars_of(organization),
    }
    return render(request, "content/chain.html", context)


EXPORTS = {
    "ical": ("text/calendar", "ics", exchange.month_calendar),
    "csv": ("text/csv", "csv", exchange.month_csv),
    "hootsuite": ("text/csv", "csv", exchange.hootsuite_csv),
}


@login_required
def export(request, slug: str, year: int, month: int, kind: str):
    access = calendar_for_user(request.user, slug)
    if kind not in EXPORTS or not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404
    mimetype, extension, make = EXPORTS[kind]
    first = date(year, month, 1)
    last = (first + timedelta(days=31)).replace(day=1) - timedelta(days=1)
    content = make(access.organization, posts_in_span(access.organization, first, last))
    response = HttpResponse(content, content_type=f"{mimetype}; charset=utf-8")
    name = f"{access.organization.slug}-{year}-{month:02d}-{kind}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def post_import(request, slug: str):
    access = calendar_for_planner(request.user, slug)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > 2 * 1024 * 1024:
                raise exchange.ImportRefusedError(
                    [exchange.RowProblem(1, [_("The file is larger than 2 MB.")])]
                )
            count = exchange.posts_import(
                organization=access.organization, by=request.user, content=upload.read()
            )
        except exchange.ImportRefusedError as refused:
            problems = refused.errors
        else:
            messages.success(
                request, _("%(count)s posts are planned as drafts.") % {"count": count}
            )
            return redirect("content:list", slug=slug)
    context = _page(access) | {
        "form": form,
        "problems": problems,
        "headers": exchange.CSV_HEADERS,
    }
    return render(request, "content/import.html", context)
