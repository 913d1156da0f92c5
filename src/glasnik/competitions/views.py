"""A competition's pages: the public page, results and vote; the organisers' setup, preview and
publishing; an institution's entry; a juror's list and score sheets. Thin: objects come
through `access`, decisions through `services`, whose refusals are shown on the form."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from glasnik.certificates.pdf import PdfUnavailableError
from glasnik.programs.access import program_for_user

from . import selectors, services
from .access import (
    competition_for_user,
    entrant_institutions,
    entry_for_entrant,
    entry_for_juror,
    entry_of,
    example_post_for_user,
    juror_for_user,
)
from .archive import archive_export
from .forms import (
    SETUP_FIELDS,
    CategoryForm,
    CompetitionForm,
    ConflictForm,
    CriterionForm,
    EntryCreateForm,
    EntryForm,
    ExamplePostForm,
    JurorForm,
    MetricForm,
    SheetForm,
)
from .models import Method
from .results_files import results_pdf, results_xlsx

MANAGE = "competitions.manage_competition"


def _refused(form, error: ValidationError) -> None:
    """A service's refusal on the form: on its field when it names one, otherwise on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- public -------------------------------------------------------------------------------


def competition_detail(request, slug: str):
    competition = competition_for_user(request.user, slug)
    user = request.user
    context = {
        "competition": competition,
        "categories": competition.categories.all(),
        "criteria": competition.criteria.all(),
        "can_manage": user.has_perm(MANAGE, competition),
        "is_juror": user.has_perm("competitions.judge", competition),
        "may_enter": competition.entries_open() and bool(entrant_institutions(user, competition)),
        "entries": [
            entry
            for entry in selectors.entrant_entries(user)
            if entry.competition_id == competition.pk
        ]
        if user.is_authenticated
        else [],
    }
    return render(request, "competitions/detail.html", context)


def _results_table(competition, *, method: str | None = None) -> list[dict]:
    """Per category: its name and its entries' lines, ranked, with their names."""
    results = selectors.competition_results(competition, method=method)
    entries = selectors.entries_by_key(competition)
    names = selectors.category_names(competition)
    table = []
    for category, lines in results.items():
        rows = []
        for result in sorted(lines, key=lambda r: (r.rank is None, r.rank or 0, r.key)):
            entry = entries.get(result.key)
            rows.append(
                {
                    "result": result,
                    "entry": entry,
                    "name": entry.institution.name if entry else result.key,
                }
            )
        table.append({"key": category, "name": names.get(category, category), "rows": rows})
    return table


def results(request, slug: str):
    competition = competition_for_user(request.user, slug, permission="competitions.view_results")
    context = {"competition": competition, "table": _results_table(competition)}
    return render(request, "competitions/results.html", context)


def archive_download(request, slug: str):
    """The results' archive with pseudonymous institution keys, once the organiser publishes it."""
    competition = competition_for_user(request.user, slug, permission="competitions.view_results")
    published = competition.results_published and competition.archive_published
    if not (published or request.user.has_perm(MANAGE, competition)):
        raise Http404
    data = archive_export(competition, pseudonymous=True)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{competition.slug}.json"'
    return response


@login_required
def vote(request, slug: str):
    competition = competition_for_user(request.user, slug)
    if competition.beta <= 0 or competition.vote_opens_at is None:
        raise Http404  # no public vote in this competition
    if request.method == "POST":
        entry = entry_of(competition, request.POST.get("entry"))
        try:
            services.vote_cast(entry=entry, person=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Thank you: your vote is counted."))
        return redirect("competitions:vote", slug=slug)
    show_counts = competition.vote_closed()
    categories = selectors.vote_ballot(competition, request.user, with_counts=show_counts)
    context = {
        "competition": competition,
        "categories": categories,
        "open": competition.vote_open(),
        "show_counts": show_counts,
    }
    return render(request, "competitions/vote.html", context)


# --- the organisers' pages -----------------------------------------------------------------


@login_required
def competition_create(request, program_slug: str):
    program = program_for_user(request.user, program_slug, permission="programs.manage_program")
    form = CompetitionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in SETUP_FIELDS}
        try:
            competition = services.competition_create(program=program, actor=request.user, **fields)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(
                request, _("The competition is created. Add its categories and criteria.")
            )
            return redirect("competitions:manage", slug=competition.slug)
    return render(request, "competitions/create.html", {"program": program, "form": form})


def _manage_context(competition, **forms) -> dict:
    progress = selectors.juror_progress(competition)
    jurors = [
        (juror, progress.get(juror.pk, (0, 0)))
        for juror in competition.jurors.select_related("person").prefetch_related(
            "categories", "entries__institution"
        )
    ]
    return {
        "competition": competition,
        "categories": competition.categories.all(),
        "criteria": competition.criteria.all(),
        "entries": competition.entries.select_related("institution", "category"),
        "jurors": jurors,
        "form": forms.get("form") or CompetitionForm(instance=competition),
        "category_form": forms.get("category_form") or CategoryForm(),
        "criterion_form": forms.get("criterion_form") or CriterionForm(),
        "juror_form": forms.get("juror_form") or JurorForm(competition=competition),
    }


@login_required
def competition_manage(request, slug: str):
    competition = competition_for_user(request.user, slug, permission=MANAGE)
    if competition.is_imported:
        raise Http404
    form = CompetitionForm(request.POST or None, instance=competition)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.competition_update(
                competition=competition,
                actor=request.user,
                **{name: data[name] for name in services.SETTINGS},
            )
            services.competition_timeline_set(
                competition=competition,
                actor=request.user,
                **{name: data[name] for name in services.TIMELINE},
            )
            services.competition_method_set(
                competition=competition,
                actor=request.user,
                method=data["method"],
                alpha=data["alpha"],
                beta=data["beta"],
            )
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The competition is saved."))
            return redirect("competitions:manage", slug=slug)
    if request.method == "POST":
        competition.refresh_from_db()
    return render(request, "competitions/manage.html", _manage_context(competition, form=form))


def _manage_post(request, slug: str):
    if request.method != "POST":
        raise Http404
    competition = competition_for_user(request.user, slug, permission=MANAGE)
    if competition.is_imported:
        raise Http404
    return competition


def _setup_add(request, slug: str, *, form_class, create, form_name: str):
    """Add a category or a criterion from the setup page; on a refusal the page again, with
    what was typed and why."""
    competition = _manage_post(request, slug)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            create(competition=competition, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _refused(form, error)
        else:
            return redirect("competitions:manage", slug=slug)
    context = _manage_context(competition, **{form_name: form})
    return render(request, "competitions/manage.html", context, status=400)


@login_required
@require_POST
def category_add(request, slug: str):
    return _setup_add(
        request,
        slug,
        form_class=CategoryForm,
        create=services.category_create,
        form_name="category_form",
    )


@login_required
@require_POST
def category_remove(request, slug: str, pk: int):
    competition = _manage_post(request, slug)
    category = get_object_or_404(competition.categories, pk=pk)
    _setup_remove(request, lambda: services.category_remove(category=category, actor=request.user))
    return redirect("competitions:manage", slug=slug)


@login_required
@require_POST
def criterion_remove(request, slug: str, pk: int):
    competition = _manage_post(request, slug)
    criterion = get_object_or_404(competition.criteria, pk=pk)
    _setup_remove(
        request, lambda: services.criterion_remove(criterion=criterion, actor=request.user)
    )
    return redirect("competitions:manage", slug=slug)


@login_required
@require_POST
def juror_remove(request, slug: str, pk: int):
    competition = _manage_post(request, slug)
    juror = get_object_or_404(competition.jurors.select_related("person"), pk=pk)
    _setup_remove(request, lambda: services.juror_remove(juror=juror, actor=request.user))
    return redirect("competitions:manage", slug=slug)


def _setup_remove(request, remove) -> None:
    try:
        remove()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Removed."))


@login_required
@require_POST
def criterion_add(request, slug: str):
    return _setup_add(
        request,
        slug,
        form_class=CriterionForm,
        create=services.criterion_create,
        form_name="criterion_form",
    )


@login_required
@require_POST
def juror_add(request, slug: str):
    competition = _manage_post(request, slug)
    form = JurorForm(request.POST, competition=competition)
    if form.is_valid():
        services.juror_assign(
            competition=competition,
            person=form.person,
            actor=request.user,
            categories=list(form.cleaned_data["categories"]),
            entries=list(form.cleaned_data["entries"]),
        )
        messages.success(request, _("The juror is assigned."))
        return redirect("competitions:manage", slug=slug)
    context = _manage_context(competition, juror_form=form)
    return render(request, "competitions/manage.html", context, status=400)


@login_required
@require_POST
def metric_set(request, slug: str, pk: int):
    competition = _manage_post(request, slug)
    entry = entry_of(competition, pk)
    form = MetricForm(request.POST)
    if form.is_valid():
        services.entry_metric_set(
            entry=entry, value=form.cleaned_data["metric"], actor=request.user
        )
        messages.success(request, _("The measured value is saved."))
    else:
        messages.error(request, _("Enter a number for the measured metric."))
    return redirect("competitions:manage", slug=slug)


def _preview_method(request, competition) -> str:
    method = request.GET.get("method", "")
    return method if method in Method.values else competition.method


@login_required
def results_preview(request, slug: str):
    competition = competition_for_user(request.user, slug, permission=MANAGE)
    method = _preview_method(request, competition)
    jurors = selectors.jurors_by_key(competition)
    context = {
        "competition": competition,
        "method": method,
        "methods": Method.choices,
        "table": _results_table(competition, method=method),
        "jurors": [(key, str(juror.person)) for key, juror in jurors.items()]
        or [(j["key"], j["key"]) for j in (competition.archive or {}).get("jurors", [])],
    }
    template = "competitions/_ranking.html" if request.headers.get("HX-Request") else None
    return render(request, template or "competitions/preview.html", context)


@login_required
@require_POST
def results_publish(request, slug: str):
    competition = _manage_post(request, slug)
    try:
        services.results_publish(competition=competition, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The results are published."))
    return redirect("competitions:preview", slug=slug)


@login_required
@require_POST
def archive_publish(request, slug: str):
    competition = _manage_post(request, slug)
    services.archive_publish_set(
        competition=competition, published=request.POST.get("published") == "1", actor=request.user
    )
    return redirect("competitions:preview", slug=slug)


@login_required
def results_export(request, slug: str, file_format: str):
    competition = competition_for_user(request.user, slug, permission=MANAGE)
    table = _results_table(competition)
    language = get_language()
    if file_format == "xlsx":
        content = results_xlsx(table, language=language)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    elif file_format == "pdf":
        try:
            content = results_pdf({"competition": competition, "table": table}, language=language)
        except PdfUnavailableError:
            messages.error(request, _("PDF files cannot be made on this server at the moment."))
            return redirect("competitions:preview", slug=slug)
        content_type = "application/pdf"
    else:
        raise Http404
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{competition.slug}.{file_format}"'
    return response


# --- entries ----------------------------------------------------------------------------------


@login_required
def entry_create(request, slug: str):
    competition = competition_for_user(request.user, slug)
    institutions = entrant_institutions(request.user, competition)
    if not institutions:
        raise Http404
    form = EntryCreateForm(request.POST or None, competition=competition, institutions=institutions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        institution = next(org for org in institutions if org.pk == data["institution"])
        try:
            entry = services.entry_create(
                competition=competition,
                category=data["category"],
                institution=institution,
                actor=request.user,
                **{name: data[name] for name in services.ENTRY_FIELDS},
            )
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(
                request, _("The entry is saved as a draft. Add example posts, then submit it.")
            )
            return redirect("competitions:entry", pk=entry.pk)
    context = {"competition": competition, "form": form}
    return render(request, "competitions/entry_create.html", context)


def _entry_context(entry, **forms) -> dict:
    return {
        "competition": entry.competition,
        "entry": entry,
        "posts": entry.example_posts.all(),
        "form": forms.get("form") or EntryForm(instance=entry),
        "post_form": forms.get("post_form") or ExamplePostForm(),
        "editable": entry.competition.entries_open(),
    }


@login_required
def entry_edit(request, pk: int):
    entry = entry_for_entrant(request.user, pk)
    form = EntryForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.entry_update(
                entry=entry,
                actor=request.user,
                **{name: data[name] for name in services.ENTRY_FIELDS},
            )
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The entry is saved."))
            return redirect("competitions:entry", pk=pk)
    if request.method == "POST":
        entry.refresh_from_db()
    return render(request, "competitions/entry.html", _entry_context(entry, form=form))


@login_required
@require_POST
def example_post_add(request, pk: int):
    entry = entry_for_entrant(request.user, pk)
    form = ExamplePostForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.example_post_add(entry=entry, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The example post is added."))
            return redirect("competitions:entry", pk=pk)
    context = _entry_context(entry, post_form=form)
    return render(request, "competitions/entry.html", context, status=400)


@login_required
def example_screenshot(request, pk: int):
    """An example post's screenshot, shown in the browser to whom may read the entry."""
    post = example_post_for_user(request.user, pk)
    if not post.screenshot:
        raise Http404
    extension = post.screenshot.name.rsplit(".", 1)[-1].lower()
    content_type = "image/png" if extension == "png" else "image/jpeg"
    response = FileResponse(post.screenshot.open("rb"), content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def entry_submit(request, pk: int):
    entry = entry_for_entrant(request.user, pk)
    try:
        services.entry_submit(entry=entry, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The entry is submitted. You can change it until the deadline.")
        )
    return redirect("competitions:entry", pk=pk)


@login_required
def entry_scoresheet(request, pk: int):
    """The entrant's full score sheet, once the results are published."""
    entry = entry_for_entrant(request.user, pk)
    competition = entry.competition
    if not competition.results_published and not request.user.has_perm(MANAGE, competition):
        raise Http404
    context = {
        "competition": competition,
        "entry": entry,
        "result": selectors.entry_result(entry),
        "criteria": competition.criteria.all(),
        "feedback": selectors.entry_feedback(entry),
    }
    return render(request, "competitions/scoresheet.html", context)


# --- the jury -------------------------------------------------------------------------------


@login_required
def jury(request, slug: str):
    competition, juror = juror_for_user(request.user, slug)
    juror.competition = competition
    context = {
        "competition": competition,
        "rows": selectors.juror_worklist(juror),
        "open": competition.scoring_open(),
    }
    return render(request, "competitions/jury.html", context)


@login_required
def sheet(request, slug: str, pk: int):
    juror, entry = entry_for_juror(request.user, slug, pk)
    competition = juror.competition
    criteria = list(competition.criteria.all())
    existing, scores = selectors.juror_sheet(juror, entry)
    conflicted = selectors.juror_conflicted(juror, entry)
    editable = competition.scoring_open() and not conflicted
    form = SheetForm(
        request.POST if request.method == "POST" and editable else None,
        criteria=criteria,
        scores=scores,
        feedback=existing.feedback if existing else "",
    )
    if request.method == "POST":
        if not editable:
            messages.error(request, _("This score sheet cannot be changed."))
            return redirect("competitions:sheet", slug=slug, pk=pk)
        if form.is_valid() and _sheet_save(request, form, juror, entry, criteria):
            messages.success(request, _("Your scores are saved."))
            return redirect("competitions:jury", slug=slug)
    context = {
        "competition": competition,
        "entry": entry,
        "form": form,
        "posts": entry.example_posts.all(),
        "editable": editable,
        "conflicted": conflicted,
        "blind": competition.blind_scoring,
        "conflict_form": ConflictForm(),
    }
    return render(request, "competitions/sheet.html", context)


def _sheet_save(request, form, juror, entry, criteria) -> bool:
    data = form.cleaned_data
    try:
        for criterion in criteria:
            value = data[f"score_{criterion.pk}"]
            if value is None:
                continue
            services.score_set(
                juror=juror,
                entry=entry,
                criterion=criterion,
                value=value,
                comment=data[f"comment_{criterion.pk}"],
                actor=request.user,
            )
        services.feedback_set(
            juror=juror, entry=entry, feedback=data["feedback"], actor=request.user
        )
    except ValidationError as error:
        _refused(form, error)
        return False
    return True


@login_required
@require_POST
def conflict_declare(request, slug: str, pk: int):
    juror, entry = entry_for_juror(request.user, slug, pk)
    form = ConflictForm(request.POST)
    form.is_valid()
    try:
        services.conflict_declare(
            juror=juror, entry=entry, actor=request.user, reason=form.cleaned_data.get("reason", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Your conflict of interest is recorded: your scores for this entry do not count."),
        )
    return redirect("competitions:jury", slug=slug)
