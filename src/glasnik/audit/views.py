from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from .selectors import audit_entries_for_user


@login_required
def audit_log(request):
    if not request.user.has_perm("audit.view_log"):
        raise Http404
    action = request.GET.get("action", "").strip()
    entries = audit_entries_for_user(request.user, action_prefix=action)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "audit/log.html", {"page": page, "action": action})
