"""Fixtures shared by every test package."""

import itertools

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import trans_real
from second_factor import login_with_second_factor as _login_with_second_factor

from glasnik.accounts.models import User
from glasnik.organizations.models import Organization

PASSWORD = "a-long-test-password-1"

_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def _empty_cache():
    # Rate limits, cached public pages and sessions live in the cache: start every test clean.
    cache.clear()
    yield
    cache.clear()


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
    def make(name: str | None = None, *, country: str = "RS", kind: str = "municipality", **extra):
        number = next(_numbers)
        name = name or f"Opština {number}"
        return Organization.objects.create(
            name=name, slug=f"test-{number}", country=country, kind=kind, **extra
        )

    return make


@pytest.fixture
def make_person(db):
    """A person with a verified primary address who can sign in with PASSWORD."""

    def make(email: str | None = None, *, language: str = "en", **extra) -> User:
        email = email or f"person{next(_numbers)}@example.org"
        person = User.objects.create_user(
            email=email, password=PASSWORD, preferred_language=language, **extra
        )
        EmailAddress.objects.create(user=person, email=email, verified=True, primary=True)
        return person

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
