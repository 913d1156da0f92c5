"""Organisers' exceptions: the service, the admin, and their effect on the engine."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.exceptions import ValidationError
from django.urls import reverse

from glasnik.audit.models import AuditLogEntry
from glasnik.core.models import TransliterationException, TransliterationMatch
from glasnik.core.services import (
    transliteration_exception_add,
    transliteration_exception_delete,
)
from glasnik.core.transliteration import to_cyrillic
from glasnik.core.transliteration.rules import rules_reset

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, make_person, login_with_second_factor):
    admin = make_person(is_staff=True, is_superuser=True)
    TOTP.activate(admin, "GLASNIKTESTSECRETGLASNIKTESTSECR")  # administrators must have MFA
    login_with_second_factor(client, admin)
    return client


@pytest.fixture(autouse=True)
def _fresh_rules():
    # The rules live for the process; rows written here are rolled back after each test.
    rules_reset()
    yield
    rules_reset()


def test_added_split_changes_the_engine(django_capture_on_commit_callbacks):
    assert to_cyrillic("Sinjakovo") == "Сињаково"

    with django_capture_on_commit_callbacks(execute=True):
        transliteration_exception_add(latin="Sinjak", cyrillic="Синјак", note="a made-up place")

    assert to_cyrillic("Sinjakovo i SINJAKOVU") == "Синјаково и СИНЈАКОВУ"


def test_added_word_in_latin_is_kept(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        transliteration_exception_add(
            latin="Glasnik", cyrillic="Glasnik", match=TransliterationMatch.WORD
        )

    assert to_cyrillic("Glasnik i glasnika") == "Glasnik и гласника"


def test_database_entry_overrides_the_shipped_one(django_capture_on_commit_callbacks):
    assert to_cyrillic("odžaliti") == "оджалити"

    with django_capture_on_commit_callbacks(execute=True):
        transliteration_exception_add(latin="odžal", cyrillic="оџал")

    assert to_cyrillic("odžaliti") == "оџалити"


def test_deleting_an_exception_restores_the_default(
    django_capture_on_commit_callbacks, make_person
):
    organiser = make_person()
    with django_capture_on_commit_callbacks(execute=True):
        exception = transliteration_exception_add(latin="Sinjak", cyrillic="Синјак")
    assert to_cyrillic("Sinjak") == "Синјак"

    with django_capture_on_commit_callbacks(execute=True):
        transliteration_exception_delete(exception=exception, actor=organiser)

    assert to_cyrillic("Sinjak") == "Сињак"
    assert AuditLogEntry.objects.filter(
        action="core.transliteration_exception.deleted", actor=organiser
    ).exists()


def test_engine_reads_the_database_once_until_the_list_changes(django_assert_num_queries):
    to_cyrillic("prvo")

    with django_assert_num_queries(0):
        to_cyrillic("drugo")
        to_cyrillic("treće")


def test_add_writes_an_audit_entry(make_person):
    organiser = make_person()

    exception = transliteration_exception_add(latin="Sinjak", cyrillic="Синјак", actor=organiser)

    entry = AuditLogEntry.objects.get(action="core.transliteration_exception.created")
    assert (entry.actor, entry.target_id) == (organiser, exception.pk)


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [("injekc", "инјекција"), ("Sinjak", "Синјакк"), ("dve reči", "две речи"), ("abc", "")],
)
def test_add_refuses_a_pair_that_does_not_spell_the_same(latin, cyrillic):
    with pytest.raises(ValidationError):
        transliteration_exception_add(latin=latin, cyrillic=cyrillic)

    assert not TransliterationException.objects.exists()


def test_admin_adds_an_exception_through_the_service(admin_client):
    response = admin_client.post(
        reverse("admin:core_transliterationexception_add"),
        {"latin": "Sinjak", "cyrillic": "Синјак", "match": "start", "note": ""},
    )

    assert response.status_code == 302
    assert TransliterationException.objects.get().cyrillic == "Синјак"
    assert AuditLogEntry.objects.filter(action="core.transliteration_exception.created").exists()


def test_admin_shows_why_a_pair_is_refused(admin_client):
    response = admin_client.post(
        reverse("admin:core_transliterationexception_add"),
        {"latin": "Sinjak", "cyrillic": "Синјакк", "match": "start", "note": ""},
    )

    assert response.status_code == 200
    assert "letter for letter" in response.content.decode()
    assert not TransliterationException.objects.exists()
