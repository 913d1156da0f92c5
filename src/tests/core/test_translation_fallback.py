"""Django's and allauth's strings come from each language's own catalog, never from Serbian.

Django completes a catalog from the default language's (settings.LANGUAGE_CODE, Serbian in
production). Glasnik lets a language fall back only to its own base language (sr-latn to sr) and
otherwise to the English source strings, and completes the catalogs Django and allauth lack in
locale-vendor/.
"""

import re
from pathlib import Path

import allauth
import django
import polib
import pytest
from django.utils import translation
from django.utils.translation import trans_real

pytestmark = pytest.mark.usefixtures("serbian_default_language")

CYRILLIC = re.compile(r"[\u0400-\u04FF]")
LATIN_LANGUAGES = ["hr", "bs", "sl"]
DJANGO = Path(django.__file__).parent
ALLAUTH = Path(allauth.__file__).parent
# Every string of the parts of Django and allauth that people or administrators meet, by the
# catalog that lists them (the English one, which every upstream release regenerates).
SOURCE_CATALOGS = {
    "django": DJANGO / "conf/locale/en/LC_MESSAGES/django.po",
    "django.contrib.auth": DJANGO / "contrib/auth/locale/en/LC_MESSAGES/django.po",
    "django.contrib.admin": DJANGO / "contrib/admin/locale/en/LC_MESSAGES/django.po",
    "django.contrib.contenttypes": DJANGO / "contrib/contenttypes/locale/en/LC_MESSAGES/django.po",
    "django.contrib.sites": DJANGO / "contrib/sites/locale/en/LC_MESSAGES/django.po",
    "allauth": ALLAUTH / "locale/en/LC_MESSAGES/django.po",
}
# The source files whose strings the sign-up, log-in, password and two-factor pages show.
ACCOUNT_PAGES_SOURCES = (
    "contrib/auth/password_validation.py",
    "contrib/auth/forms.py",
    "forms/fields.py",
    "core/validators.py",
    "account/forms.py",
    "account/adapter.py",
    "mfa/base/forms.py",
    "mfa/totp/forms.py",
    "mfa/recovery_codes/forms.py",
    "mfa/adapter.py",
)


def source_entries(package: str) -> list[polib.POEntry]:
    return [entry for entry in polib.pofile(str(SOURCE_CATALOGS[package])) if not entry.obsolete]


def catalog_key(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid


def in_own_catalog(language: str, entry: polib.POEntry) -> bool:
    """Whether the language's catalogs (Django's, the apps', ours) have the string, without any
    fallback."""
    catalog = trans_real.translation(language)._catalog
    key = catalog_key(entry)
    return catalog.get((key, 0) if entry.msgid_plural else key) is not None


def shown(entry: polib.POEntry) -> list[str]:
    """The string as a page shows it in the active language, in every plural form."""
    if entry.msgid_plural:
        if entry.msgctxt:
            return [
                translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
                for n in (1, 2, 5)
            ]
        return [translation.ngettext(entry.msgid, entry.msgid_plural, n) for n in (1, 2, 5)]
    if entry.msgctxt:
        return [translation.pgettext(entry.msgctxt, entry.msgid)]
    return [translation.gettext(entry.msgid)]


def account_pages_entries() -> list[polib.POEntry]:
    return [
        entry
        for package in ("django", "django.contrib.auth", "allauth")
        for entry in source_entries(package)
        if any(path.endswith(ACCOUNT_PAGES_SOURCES) for path, _line in entry.occurrences)
    ]


def test_account_pages_strings_are_found_by_their_source_files():
    msgids = {entry.msgid for entry in account_pages_entries()}

    assert "Your password can’t be entirely numeric." in msgids
    assert "Enter a valid email address." in msgids
    assert "Password (again)" in msgids
    assert "Incorrect code." in msgids


@pytest.mark.parametrize("language", LATIN_LANGUAGES)
def test_account_pages_strings_never_resolve_to_serbian(language):
    with translation.override(language):
        cyrillic = {
            entry.msgid: text
            for entry in account_pages_entries()
            for text in shown(entry)
            if CYRILLIC.search(text)
        }

    assert cyrillic == {}


@pytest.mark.parametrize("language", LATIN_LANGUAGES)
def test_account_pages_strings_are_in_the_language_own_catalog(language):
    entries = account_pages_entries()

    missing = [entry.msgid for entry in entries if not in_own_catalog(language, entry)]

    assert missing == []


@pytest.mark.parametrize("package", list(SOURCE_CATALOGS))
@pytest.mark.parametrize("language", LATIN_LANGUAGES)
def test_every_django_and_allauth_string_has_a_translation(language, package):
    entries = source_entries(package)

    missing = [entry.msgid for entry in entries if not in_own_catalog(language, entry)]

    assert missing == []


def fallbacks(language: str) -> list:
    chain, catalog = [], trans_real.translation(language)._fallback
    while catalog is not None:
        chain.append(catalog)
        catalog = catalog._fallback
    return chain


@pytest.mark.parametrize("language", LATIN_LANGUAGES)
def test_missing_string_falls_back_to_english_not_serbian(language):
    with translation.override(language):
        shown_text = translation.gettext("A sentence no catalog has")

    assert shown_text == "A sentence no catalog has"
    assert fallbacks(language) == []


def test_cyrillic_bosnian_falls_back_to_bosnian_alone():
    assert fallbacks("bs-cyrl") == [trans_real.translation("bs")]


def test_latin_serbian_falls_back_to_serbian():
    assert trans_real.translation("sr") in fallbacks("sr-latn")
