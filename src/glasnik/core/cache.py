"""Whole-page caching for public pages seen by visitors who are not signed in."""

from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import get_language

from .object_cache import cache_turned_off
from .reader_script import response_in_reader_script

PRIVATE_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")


def _is_anonymous_visitor(request) -> bool:
    return request.method in ("GET", "HEAD") and not any(
        name in request.COOKIES for name in PRIVATE_COOKIES
    )


def _page_key(request) -> str:
    """One copy per language, host, address and kind of request: an htmx fragment and the
    whole page at the same address are different bodies."""
    kind = "htmx" if request.headers.get("HX-Request") == "true" else "page"
    target = request.headers.get("HX-Target", "")
    return (
        f"public-page:{get_language()}:{request.get_host()}:{kind}:{target}:"
        f"{request.get_full_path()}"
    )


def _carries_csrf_token(request) -> bool:
    # Set by django.middleware.csrf.get_token() whenever a page asks for a token ({% csrf_token %}):
    # that token belongs to this visitor's cookie and must not be handed to the next one.
    return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))


def public_page(view):
    """Serve a stored copy to visitors without a session; render afresh for everyone else.

    A copy lives `PUBLIC_PAGE_CACHE_SECONDS` seconds, so an edit shows within that time. A page
    with a form (a CSRF token) is never stored, and neither is anything but a plain 200.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _is_anonymous_visitor(request) or cache_turned_off("public-page"):
            return view(request, *args, **kwargs)
        key = _page_key(request)
        stored = cache.get(key)
        if stored is not None:
            content, content_type = stored
            response = HttpResponse(content, content_type=content_type)
            response.in_reader_script = True  # stored after conversion
            return response
        response = response_in_reader_script(view(request, *args, **kwargs))
        if (
            response.status_code == 200
            and not response.cookies
            and not _carries_csrf_token(request)
        ):
            cache.set(
                key,
                (response.content, response["Content-Type"]),
                settings.PUBLIC_PAGE_CACHE_SECONDS,
            )
        return response

    return wrapped
