from functools import lru_cache
from urllib.parse import quote

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse, translate_url
from django.utils.html import escape, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

# BCP 47 tags for the lang attribute: the script is part of the language for Serbian.
HTML_LANG = {
    "sr": "sr-Cyrl",
    "sr-latn": "sr-Latn",
    "bs": "bs",
    "bs-cyrl": "bs-Cyrl",
    "hr": "hr",
    "sl": "sl",
    "en": "en",
}


def _as_character_references(name: str) -> str:
    """ "Српски" as "&#1057;&#1088;…": shown and read out the same, and a page in a Latin-script
    language whose content has no Cyrillic then has none at all, so its conversion to the
    reader's script passes it through without reading it."""
    escaped = "".join(f"&#{ord(c)};" if "\u0400" <= c <= "\u04ff" else c for c in escape(name))
    return mark_safe(escaped)  # noqa: S308 - escaped above


@lru_cache(maxsize=len(settings.LANGUAGES))
def _language_items(current: str) -> tuple:
    """Per language of the page: each language's switch address, tag, name and whether it is
    the current one. The page's own address is not part of what is memoised: addresses carry
    search terms and invitation tokens, which must not stay in the process's memory."""
    return tuple(
        (
            code,
            reverse("language_switch", args=[code]),
            HTML_LANG.get(code, code),
            code == current,
            _as_character_references(name),
        )
        for code, name in settings.LANGUAGES
    )


def path_in_language(path: str, current: str, code: str) -> str:
    """`path` (of a page in `current`) in the language `code`. Only the language prefix of an
    address changes (no URL pattern is translated), so no resolving is needed on every page;
    an address without the prefix goes through Django's `translate_url`."""
    prefix = f"/{current}/"
    if path.startswith(prefix):
        return f"/{code}/{path[len(prefix) :]}"
    return translate_url(path, code)


def _language_links(request, current: str) -> str:
    """The language switcher's items for a page, as HTML: each goes back to this page (with
    its query) in the other language."""
    path, query = request.path, request.META.get("QUERY_STRING", "")
    return format_html_join(
        "\n",
        '<li><a href="{}" lang="{}" hreflang="{}"{}>{}</a></li>',
        (
            (
                switch
                + "?next="
                + quote(
                    path_in_language(path, current, code) + (f"?{query}" if query else ""),
                    safe="/",
                ),
                tag,
                tag,
                mark_safe(' aria-current="true"') if is_current else "",
                name,
            )
            for code, switch, tag, is_current, name in _language_items(current)
        ),
    )


# The links and assets every page's layout carries, by name.
LAYOUT_URLS = {
    "home": "core:home",
    "institutions": "organizations:list",
    "dashboard": "site:dashboard",
    "profile": "accounts:profile",
    "logout": "account_logout",
    "login": "account_login",
    "signup": "account_signup",
    "accessibility": "core:accessibility",
    "privacy": "core:privacy",
}
LAYOUT_ASSETS = {
    "css": "css/glasnik.css",
    "icon": "favicon.svg",
    "htmx": "vendor/htmx-2.0.11/htmx.min.js",
    "js": "js/glasnik.js",
}


@lru_cache(maxsize=len(settings.LANGUAGES))
def _layout(language: str) -> dict:
    """Resolved once per language and process: the layout is on every page."""
    return {
        **{name: reverse(url_name) for name, url_name in LAYOUT_URLS.items()},
        **{name: static(path) for name, path in LAYOUT_ASSETS.items()},
    }


def interface(request):
    current = get_language() or settings.LANGUAGE_CODE
    return {
        "html_lang": HTML_LANG.get(current, current),
        "language_links": _language_links(request, current),
        "layout": _layout(current),
    }
