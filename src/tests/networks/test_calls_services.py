"""Calls: creating, editing, publishing and the statement's questions, through the services."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from call_answers import add_questions, answers_for, submit
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from glasnik.audit.models import AuditLogEntry
from glasnik.networks.models import Call, QuestionKind
from glasnik.networks.services.calls import (
    CallState,
    call_create,
    call_set_published,
    call_state,
    call_update,
    question_add,
    question_move,
    question_remove,
    question_update,
)

pytestmark = pytest.mark.django_db

BELGRADE = ZoneInfo("Europe/Belgrade")


def call_fields(**overrides):
    return {
        "title": "Јавни позив за чланство у мрежи",
        "text": "Позивамо комуникаторе.",
        "eligibility": "",
        "opens_at": datetime(2026, 3, 1, 9, 0, tzinfo=BELGRADE),
        "closes_at": datetime(2026, 3, 31, 16, 0, tzinfo=BELGRADE),
        "fee": None,
        "fee_currency": "EUR",
    } | overrides


def test_call_create_makes_latin_slug_draft_and_audit_entry(network, network_organiser):
    call = call_create(network=network, actor=network_organiser, **call_fields())

    assert call.slug == "javni-poziv-za-clanstvo-u-mrezi"
    assert call.is_published is False
    entry = AuditLogEntry.objects.get(action="networks.call.created")
    assert (entry.actor, entry.target_id) == (network_organiser, call.pk)


def test_call_create_same_title_gets_next_free_slug(network, network_organiser):
    first = call_create(network=network, actor=network_organiser, **call_fields(title="Poziv"))
    second = call_create(network=network, actor=network_organiser, **call_fields(title="Poziv"))
    third = call_create(network=network, actor=network_organiser, **call_fields(title="New"))

    assert (first.slug, second.slug, third.slug) == ("poziv", "poziv-2", "new-2")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"closes_at": datetime(2026, 3, 1, 9, 0, tzinfo=BELGRADE)}, "closes_at"),
        ({"fee": Decimal("-5")}, "fee"),
    ],
    ids=["closes-before-opening", "fee"],
)
def test_call_create_refuses_bad_dates_and_fee(network, network_organiser, overrides, field):
    with pytest.raises(ValidationError) as error:
        call_create(network=network, actor=network_organiser, **call_fields(**overrides))

    assert field in error.value.error_dict
    assert not Call.objects.exists()


def test_call_update_keeps_slug_and_logs_changed_fields(network, network_organiser):
    call = call_create(network=network, actor=network_organiser, **call_fields(title="Poziv"))

    call_update(call=call, actor=network_organiser, title="Drugi naslov", fee=Decimal("20.00"))

    call.refresh_from_db()
    assert (call.slug, call.title, call.fee) == ("poziv", "Drugi naslov", Decimal("20.00"))
    entry = AuditLogEntry.objects.get(action="networks.call.updated")
    assert entry.data == {"fields": ["title", "fee"]}


def test_call_set_published_logs_once(network, network_organiser):
    call = call_create(network=network, actor=network_organiser, **call_fields())
    question_add(call=call, actor=network_organiser, kind=QuestionKind.TEXT, label="Telefon")

    call_set_published(call=call, actor=network_organiser, published=True)
    call_set_published(call=call, actor=network_organiser, published=True)
    call_set_published(call=call, actor=network_organiser, published=False)

    actions = list(
        AuditLogEntry.objects.filter(action__startswith="networks.call.")
        .values_list("action", flat=True)
        .order_by("pk")
    )
    assert actions == [
        "networks.call.created",
        "networks.call.question_added",
        "networks.call.published",
        "networks.call.unpublished",
    ]


def test_call_without_a_question_is_not_published(network, network_organiser):
    call = call_create(network=network, actor=network_organiser, **call_fields())

    with translation.override("sr"):
        with pytest.raises(ValidationError) as refused:
            call_set_published(call=call, actor=network_organiser, published=True)
        messages = refused.value.messages

    assert refused.value.code == "no_questions"
    assert messages == ["Пре објављивања додајте у изјаву најмање једно питање."]
    call.refresh_from_db()
    assert call.is_published is False
    assert not AuditLogEntry.objects.filter(action="networks.call.published").exists()


def test_call_state_follows_closing_in_network_time_zone(make_network, make_call):
    network = make_network(time_zone="Europe/Ljubljana")
    call = make_call(
        network,
        opens_at=datetime(2026, 3, 1, 9, 0, tzinfo=ZoneInfo("Europe/Ljubljana")),
        closes_at=datetime(2026, 3, 20, 12, 0, tzinfo=ZoneInfo("Europe/Ljubljana")),
    )
    # 12:00 in Ljubljana on 20 March is 11:00 UTC.
    utc = ZoneInfo("UTC")

    assert call_state(call, now=datetime(2026, 3, 1, 7, 59, tzinfo=utc)) == CallState.UPCOMING
    assert call_state(call, now=datetime(2026, 3, 1, 8, 0, tzinfo=utc)) == CallState.OPEN
    assert call_state(call, now=datetime(2026, 3, 20, 10, 59, tzinfo=utc)) == CallState.OPEN
    assert call_state(call, now=datetime(2026, 3, 20, 11, 0, tzinfo=utc)) == CallState.EXPIRED


def test_question_add_appends_and_refuses_choice_without_options(call, network_organiser):
    question = question_add(
        call=call, actor=network_organiser, kind=QuestionKind.TEXT, label="Telefon"
    )

    assert question.position == 6
    with pytest.raises(ValidationError) as error:
        question_add(
            call=call, actor=network_organiser, kind=QuestionKind.CHOICE, label="X", options="A"
        )
    assert "options" in error.value.error_dict


def test_question_add_consent_needs_privacy_text(call, network_organiser):
    with pytest.raises(ValidationError) as error:
        question_add(
            call=call, actor=network_organiser, kind=QuestionKind.CONSENT, label="Saglasnost"
        )

    assert "privacy_text" in error.value.error_dict


def test_question_add_updates_call_last_updated(call, network_organiser):
    Call.objects.filter(pk=call.pk).update(updated_at=timezone.now() - timedelta(days=3))
    call.refresh_from_db()

    question_add(call=call, actor=network_organiser, kind=QuestionKind.TEXT, label="Telefon")

    call.refresh_from_db()
    assert timezone.now() - call.updated_at < timedelta(minutes=1)


def test_question_move_reorders(network, make_call, network_organiser):
    call = make_call(network)
    questions = add_questions(call)

    question_move(question=questions["yes_no"], actor=network_organiser, offset=-1)
    question_move(question=questions["text"], actor=network_organiser, offset=-1)  # already first

    labels = list(call.questions.values_list("kind", flat=True))
    assert labels == ["text", "long_text", "yes_no", "choice", "file", "consent"]


def test_answered_question_cannot_be_removed_or_change_kind(
    call, network_organiser, make_person, make_organization
):
    submit(call, make_person(), make_organization())
    question = call.questions.get(kind=QuestionKind.TEXT)

    with pytest.raises(ValidationError):
        question_remove(question=question, actor=network_organiser)
    with pytest.raises(ValidationError):
        question_update(question=question, actor=network_organiser, kind=QuestionKind.LONG_TEXT)

    question_update(question=question, actor=network_organiser, is_required=False, label="Sektor")
    question.refresh_from_db()
    assert (question.label, question.is_required) == ("Sektor", False)


def test_unanswered_question_is_removed(call, network_organiser):
    question = call.questions.get(kind=QuestionKind.TEXT)

    question_remove(question=question, actor=network_organiser)

    assert call.questions.count() == 5
    assert answers_for(call)  # the remaining questions still make a statement


def test_public_calls_list_open_ones_first_and_no_drafts(network, make_call):
    from glasnik.networks.selectors.calls import calls_public_for_network

    expired = make_call(network, slug="stari", opens_in=-20, closes_in=-1)
    open_call = make_call(network, slug="otvoren", opens_in=-30)
    make_call(network, slug="nacrt", is_published=False)

    assert calls_public_for_network(network) == [open_call, expired]
