"""The site's own pages: each reads several apps, so none of them can live in one."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render

from glasnik.core.exports import EXPORT_FORMATS
from glasnik.programs.access import program_for_user

from .program_reports import program_reports, reports_databook
from .selectors import audit_entries_for_user, dashboard_for_user


@login_required
def dashboard(request):
    return render(request, "site/dashboard.html", dashboard_for_user(request.user))


@login_required
def audit_log(request):
    if not request.user.has_perm("audit.view_log"):
        raise Http404
    action = request.GET.get("action", "").strip()
    entries = audit_entries_for_user(request.user, action_prefix=action)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "site/audit_log.html", {"page": page, "action": action})


# --- a programme's reports (under the programs namespace, see urls/programs.py) ---------------


@login_required
def program_reports_page(request, slug: str):
    program = program_for_user(request.user, slug, permission="programs.view_reports")
    context = {"program": program, "reports": program_reports(program)}
    return render(request, "site/program_reports.html", context)


@login_required
def program_reports_export(request, slug: str):
    program = program_for_user(request.user, slug, permission="programs.view_reports")
    book = reports_databook(program_reports(program))
    response = HttpResponse(book.export("xlsx"), content_type=EXPORT_FORMATS["xlsx"])
    response["Content-Disposition"] = f'attachment; filename="{program.slug}-reports.xlsx"'
    return response
