from functools import lru_cache

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

# BCP 47 tags for the lang attribute: the script is part of the language for Serbian.
HTML_LANG = {"sr": "sr-Cyrl", "sr-latn": "sr-Latn", "bs": "bs", "hr": "hr", "sl": "sl", "en": "en"}


@lru_cache(maxsize=8192)
def _translated_url(path: str, code: str) -> str:
    # URL resolution is fixed for the life of the process, so the answer for a path is too.
    return translate_url(path, code)


def interface(request):
    current = get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path()
    return {
        "html_lang": HTML_LANG.get(current, current),
        "language_choices": [
            {
                "code": code,
                "name": name,
                "lang": HTML_LANG.get(code, code),
                "url": _translated_url(path, code),
                "current": code == current,
            }
            for code, name in settings.LANGUAGES
        ],
    }
