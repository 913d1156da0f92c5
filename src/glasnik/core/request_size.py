"""Requests larger than Glasnik accepts are refused before anything reads their body."""

from django.conf import settings
from django.http import HttpResponse
from django.template import loader
from django.utils.translation import get_language

from .context_processors import HTML_LANG


class RequestSizeLimitMiddleware:
    """Answer 413 when the declared length passes MAX_REQUEST_BYTES, so that nothing (the CSRF
    check reading a form, an upload handler writing a file) reads or stores the body first.

    A body without a length (chunked) is refused with 411: Django reads no body that has no
    Content-Length, so the view would see an empty form. The proxy in front should refuse large
    bodies before they reach an app server at all (README).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = request.META.get("CONTENT_LENGTH")
        if length:
            try:
                too_large = int(length) > settings.MAX_REQUEST_BYTES
            except ValueError:
                too_large = False  # Django reads such a body as empty
            if too_large:
                return self._refuse(status=413)
        elif "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
            return self._refuse(status=411)
        return self.get_response(request)

    @staticmethod
    def _refuse(*, status: int) -> HttpResponse:
        # Rendered without context processors, as the error pages are: the request is unread.
        language = get_language() or settings.LANGUAGE_CODE
        content = loader.render_to_string(
            "request_refused.html",
            {
                "html_lang": HTML_LANG.get(language, language),
                "too_large": status == 413,
                "megabytes": settings.MAX_REQUEST_BYTES // (1024 * 1024),
            },
        )
        return HttpResponse(content, status=status)
