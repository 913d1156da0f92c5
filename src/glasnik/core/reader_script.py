"""Show what people wrote in the script the reader chose.

Texts are stored as written, in Cyrillic or Latin. A reader of the Serbian Cyrillic interface
(`sr`) or of Bosnian in Cyrillic (`bs-cyrl`) gets Serbian, Bosnian and Montenegrin text in
Cyrillic; a reader of any other interface gets it in Latin. Text in other languages is left as
written: Slovenian, Croatian and English are never put into Cyrillic. Which text is in which
language is said in the HTML with `lang` (see `glasnik.core.languages`), and in plain text with
the marks of `transliteration.languages.mark_language`.
"""

from django.http import HttpResponse
from django.utils.translation import get_language

from .transliteration import transliterate_html
from .transliteration.languages import converts, transliterate_marked, unmark

CYRILLIC_READERS = frozenset(["sr", "bs-cyrl"])


def reader_script(language: str | None) -> str | None:
    """'cyrl' or 'latn'; None when no language is active (nothing is converted then)."""
    if not language:
        return None
    return "cyrl" if language.lower() in CYRILLIC_READERS else "latn"


def text_in_reader_script(text: str, language: str | None, *, written_in: str = "") -> str:
    """Plain text for a reader of `language`.

    `written_in` is the language of `text` when it is one piece of what people wrote (an
    event's title in a calendar feed); left empty, the text is the interface's own, with what
    people wrote in it marked by `mark_language` (the `written_in` template filter does it).
    """
    script = reader_script(language)
    if script is None:
        return unmark(text)
    if written_in and not converts(written_in, script):
        return unmark(text)
    return transliterate_marked(text, script)


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
