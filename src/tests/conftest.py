"""Fixtures shared by every test package."""

import sys

import pytest
from django.conf import settings
from django.contrib.sites.models import Site
from django.core.cache import caches
from django.db import transaction
from django.utils import translation
from django.utils.translation import trans_real
from factories.accounts import PASSWORD, PersonFactory
from factories.organizations import OrganizationFactory
from second_factor import login_with_second_factor as _login_with_second_factor

from glasnik.accounts.models import User
from glasnik.core import object_cache
from glasnik.core.transliteration.rules import rules_reset


def _process_memos():
    """Every `functools.cache`/`lru_cache` defined in a module of glasnik that has been
    imported so far (the layout's URLs, the language switcher's links, the transliteration
    word lists), found afresh so that one added later is cleared too."""
    for name, module in list(sys.modules.items()):
        if name != "glasnik" and not name.startswith("glasnik."):
            continue
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)) and value.__module__ == name:
                yield value


def clear_every_cache() -> None:
    """Every layer that can carry state from one test into the next: each configured cache
    (the default one, which holds the shared person, grant and directory caches, rate limits,
    sessions and the whole-page copies for visitors; the layout's fragments), the in-process
    memos, the transliteration rules with the organisers' exceptions and their word memo, and
    the current site. Django's translation catalogs are not cleared: they are read from the
    compiled files and change only with LANGUAGE_CODE (`serbian_default_language` rebuilds
    them). Content types are not either: their rows are the same in every test, and a cold
    cache would add queries to the first measurement of a query-count test."""
    for alias in settings.CACHES:
        caches[alias].clear()
    for memo in _process_memos():
        memo.cache_clear()
    rules_reset()
    Site.objects.clear_cache()


@pytest.fixture(autouse=True)
def _every_cache_empty():
    # Rate limits, cached public pages, people and sessions live in caches: start every test clean.
    clear_every_cache()
    yield
    clear_every_cache()


@pytest.fixture(autouse=True)
def _cache_clears_at_once(monkeypatch):
    """A test's database transaction is rolled back, never committed, so the caches' clears
    (which wait for the commit) run as soon as they are asked for: as if each service's
    transaction had committed when it returned. `cache_clears_on_commit` tests the real way."""
    monkeypatch.setattr(object_cache, "after_commit", lambda clear: clear())


@pytest.fixture
def cache_clears_on_commit(monkeypatch):
    monkeypatch.setattr(object_cache, "after_commit", transaction.on_commit)


@pytest.fixture(autouse=True)
def _default_language():
    # A request leaves its language active in the thread; the next test starts in the default.
    yield
    translation.deactivate()


@pytest.fixture
def serbian_default_language(settings):
    """Production's default interface language (GLASNIK_DEFAULT_LANGUAGE=sr) instead of the tests'
    English, with every catalog built afresh for it and again afterwards (Django keeps built
    catalogs for the life of the process and does not rebuild them when LANGUAGE_CODE changes)."""
    settings.LANGUAGE_CODE = "sr"
    trans_real._translations = {}
    yield
    trans_real._translations = {}


@pytest.fixture
def make_organization(db):
    """`make_organization("Grad Niš", kind="city")`: an institution (factories.organizations)
    with sensible defaults; `size=n` makes n of them and returns the list."""

    def make(name: str | None = None, *, size: int | None = None, **fields):
        if name is not None:
            fields["name"] = name
        if size is not None:
            return OrganizationFactory.create_batch(size, **fields)
        return OrganizationFactory(**fields)

    return make


@pytest.fixture
def make_person(db):
    """A person with a verified primary address who can sign in with PASSWORD."""

    def make(email: str | None = None, *, language: str = "en", **extra) -> User:
        if email is not None:
            extra["email"] = email
        return PersonFactory(preferred_language=language, **extra)

    return make


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def login_with_second_factor(db):
    """`login_with_second_factor(client, person)`: sign in as after the password and the code
    from the authenticator app. Organisers, jurors, administrators and staff need it (with an
    authenticator set up); `client.force_login` leaves them at the code prompt."""
    return _login_with_second_factor
