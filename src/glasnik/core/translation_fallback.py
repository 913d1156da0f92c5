"""A string missing from a language's catalogs is shown in English, never in another language.

Django's gettext (``django.utils.translation.trans_real.DjangoTranslation._add_fallback``)
falls back from every language to the catalog of ``settings.LANGUAGE_CODE``. Ours is Serbian
(``GLASNIK_DEFAULT_LANGUAGE``, the interface language of visitors whose browser asks for none of
ours), so a Django or allauth string that the Croatian, Bosnian or Slovenian catalog lacked came
out in Serbian Cyrillic in the middle of a Croatian page — for years the password rules on the
sign-up page did.

Here a language falls back only within itself: a script or regional variant (``sr-latn``,
``bs-cyrl``) to its base language (``sr``, ``bs``), which the reader-script middleware then shows
in the reader's script; a base language to the source strings, which are English. The default
interface language keeps its other meaning (what LocaleMiddleware picks for a visitor) untouched.
The catalogs Django and allauth lack are completed in ``locale-vendor/`` rather than left to this
fallback; ``src/tests/core/test_translation_fallback.py`` checks both.
"""

from django.utils.translation import trans_real

_django_add_fallback = trans_real.DjangoTranslation._add_fallback


def base_language(language: str) -> str:
    """'sr' for 'sr-latn', 'bs' for 'bs-cyrl', 'hr' for 'hr'."""
    return language.lower().split("-", 1)[0]


def _add_fallback_within_language(self, localedirs=None):
    language = self.language()
    base = base_language(language)
    if base == language.lower() or base == "en":
        return  # a language on its own: what it lacks stays in the English source strings
    if self.domain == "django":
        fallback = trans_real.translation(base)
    else:
        fallback = trans_real.DjangoTranslation(base, domain=self.domain, localedirs=localedirs)
    self.add_fallback(fallback)


def install() -> None:
    """Called once from CoreConfig.ready(), before any page is translated."""
    trans_real.DjangoTranslation._add_fallback = _add_fallback_within_language
    # Catalogs built before this (none, unless an app's ready() translated) are built again.
    trans_real._translations = {}
    trans_real._default = None
