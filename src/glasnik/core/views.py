import logging

from django.conf import settings
from django.db import connection
from django.http import Http404, HttpResponseRedirect, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import translate_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .cache import public_page
from .context_processors import HTML_LANG
from .selectors import email_queue_state, task_queue_state

logger = logging.getLogger("glasnik.core")


@public_page
def home(request):
    return render(request, "core/home.html")


@public_page
def accessibility_statement(request):
    return render(request, "core/accessibility.html")


@public_page
def privacy_notice(request):
    return render(request, "core/privacy.html")


@require_GET
def language_switch(request, code: str):
    """Switch the interface language and remember it in a cookie; go back to the same page."""
    if code not in dict(settings.LANGUAGES):
        raise Http404
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = HttpResponseRedirect(translate_url(target, code))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
    )
    return response


@never_cache
@require_GET
def healthz(request):
    """For a load balancer: 200 when the database answers, 503 when it does not. The body
    adds the task queue's backlog and the outbox's state; "degraded" (still 200: this server
    can serve pages) says the queue lags or emails fail, for monitoring to alert on."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except Exception:
        logger.exception("Health check: database unreachable")
        database = "unavailable"
    payload = {"status": "ok" if database == "ok" else "fail", "database": database}
    if database == "ok":
        payload["tasks"] = task_queue_state()
        payload["email"] = email_queue_state()
        if payload["tasks"]["state"] != "ok" or payload["email"]["state"] != "ok":
            payload["status"] = "degraded"
    return JsonResponse(payload, status=200 if database == "ok" else 503)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Render without context processors: whatever broke the page may break them too.
    language = get_language() or settings.LANGUAGE_CODE
    content = loader.get_template("500.html").render(
        {"html_lang": HTML_LANG.get(language, language)}
    )
    return HttpResponseServerError(content)
