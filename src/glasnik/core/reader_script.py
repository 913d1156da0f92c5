"""Show what people wrote in the script the reader chose.

Texts are stored as written, in Cyrillic or Latin. A reader of the Serbian Cyrillic interface
(`sr`) gets every page, fragment and email in Cyrillic, a reader of `sr-latn` in Latin, and so
does a reader of Bosnian in Cyrillic (`bs-cyrl`); other languages are left as they are.
"""

from django.http import HttpResponse
from django.utils.translation import get_language

from .transliteration import transliterate, transliterate_html

READER_SCRIPTS = {"sr": "cyrl", "sr-latn": "latn", "bs-cyrl": "cyrl"}


def reader_script(language: str | None) -> str | None:
    """'cyrl', 'latn', or None when the language is not read in a choice of scripts."""
    return READER_SCRIPTS.get((language or "").lower())


def text_in_reader_script(text: str, language: str | None) -> str:
    script = reader_script(language)
    return transliterate(text, script) if script else text


def html_in_reader_script(html: str, language: str | None) -> str:
    script = reader_script(language)
    return transliterate_html(html, script) if script else html


def response_in_reader_script(response: HttpResponse) -> HttpResponse:
    """Convert an HTML response for the active language, once."""
    if getattr(response, "in_reader_script", False):
        return response
    response.in_reader_script = True
    script = reader_script(get_language())
    if script is None or response.streaming:
        return response
    if not response.get("Content-Type", "").startswith("text/html"):
        return response
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    charset = response.charset or "utf-8"
    response.content = transliterate_html(response.content.decode(charset), script).encode(charset)
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))
    return response


class ReaderScriptMiddleware:
    """Every HTML page and htmx fragment in the reader's script."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return response_in_reader_script(self.get_response(request))
