"""A call has one window that a reader understands, and no page puts two full stops after a date.

A call used to show three dates (opens 23 Nov, closes 21 Jan, deadline 6 Jan) that contradicted
each other to a reader, and Serbian, Bosnian and Croatian dates, which end with a full stop,
were followed by the sentence's own ("Član ste od 7. decembar 2026..")."""

import re
from datetime import UTC, datetime, timedelta
from html import unescape

import pytest
from call_answers import add_questions, answers_for
from django.urls import reverse
from django.utils import timezone, translation
from migrating import back_to_latest_migrations, migrate_to
from second_factor import login_with_second_factor

from glasnik.networks.models import Call
from glasnik.networks.services.calls import statement_submit

pytestmark = pytest.mark.django_db

LANGUAGES = ["sr", "sr-latn", "bs", "bs-cyrl", "hr", "sl", "en"]
TAG = re.compile(r"<[^>]+>")
TIME = re.compile(r'<time datetime="([^"]+)">')


def text_of(response) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.DOTALL)
    return unescape(TAG.sub(" ", html))


def get_in(client, language: str, name: str, **kwargs):
    with translation.override(language):
        return client.get(reverse(f"networks:{name}", kwargs=kwargs))


def double_stops(text: str) -> list[str]:
    return [text[max(0, m.start() - 40) : m.end()] for m in re.finditer(r"\.\.", text)]


@pytest.fixture
def slovenian_call(make_network, make_call):
    network = make_network("skupnost", time_zone="Europe/Ljubljana")
    call = make_call(
        network,
        title="Javni poziv k izražanju interesa",
        slug="poziv",
        opens_at=datetime(2025, 11, 23, 8, 0, tzinfo=UTC),
        closes_at=datetime(2099, 1, 6, 13, 0, tzinfo=UTC),
    )
    add_questions(call)
    return call


WINDOW = {
    "sl": "Izjave se sprejemajo od 23. novembra 2025 ob 9.00 do 6. januarja 2099 ob 14.00",
    "hr": "Izjave se primaju od 23. studenoga 2025. u 9:00 do 6. siječnja 2099. u 14:00",
    "bs": "Izjave se primaju od 23. novembar 2025. u 9:00 do 6. januar 2099. u 14:00",
    "sr": "Изјаве се примају од 23. новембар 2025. у 9:00 до 6. јануар 2099. у 14:00",
    "en": "Open for statements from 23 November 2025, 09:00 to 6 January 2099, 14:00",
}


@pytest.mark.parametrize("language", list(WINDOW))
def test_call_page_shows_one_window(client, slovenian_call, language):
    response = get_in(
        client, language, "call_detail", network_slug="skupnost", slug=slovenian_call.slug
    )

    text = " ".join(text_of(response).split())
    assert WINDOW[language] in text
    assert text.count(WINDOW[language]) == 1
    shown = set(TIME.findall(response.content.decode()))
    assert shown == {"2025-11-23T09:00:00+01:00", "2099-01-06T14:00:00+01:00"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_network_page_of_a_member_has_no_double_full_stop(
    client, network, make_member, make_call, language
):
    network.learning_topics = "Krizno komuniciranje"
    network.learning_topics_updated_at = timezone.now() - timedelta(days=3)
    network.save()
    make_call(network, opens_in=-3, closes_in=20)
    make_call(network, slug="stari", opens_in=-60, closes_in=-30)
    member = make_member(network, language=language).person
    login_with_second_factor(client, member)

    text = text_of(get_in(client, language, "detail", network_slug=network.slug))

    assert double_stops(text) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_call_and_statement_pages_have_no_double_full_stop(
    client, call, make_person, make_organization, language
):
    person = make_person(language=language)
    organization = make_organization()
    person.positions.create(organization=organization, title="PR")
    statement_submit(
        call=call,
        person=person,
        organization=organization,
        position_title="PR",
        answers=answers_for(call),
    )
    login_with_second_factor(client, person)
    slugs = {"network_slug": call.network.slug, "slug": call.slug}

    pages = [
        get_in(client, language, "call_detail", **slugs),
        get_in(client, language, "statement_apply", **slugs),
    ]
    call.closes_at = timezone.now() - timedelta(hours=1)
    call.save(update_fields=["closes_at"])
    pages += [
        get_in(client, language, "call_detail", **slugs),
        get_in(client, language, "statement_apply", **slugs),
    ]

    assert [double_stops(text_of(page)) for page in pages] == [[], [], [], []]


@pytest.mark.parametrize("language", LANGUAGES)
def test_profile_page_has_no_double_full_stop(client, make_person, make_organization, language):
    person = make_person(language=language)
    person.positions.create(
        organization=make_organization(),
        title="PR",
        since=timezone.localdate() - timedelta(days=400),
        until=timezone.localdate() - timedelta(days=10),
    )
    login_with_second_factor(client, person)

    with translation.override(language):
        response = client.get(reverse("accounts:profile"))

    assert double_stops(text_of(response)) == []


def test_call_form_has_one_window(client, network, network_organiser):
    login_with_second_factor(client, network_organiser)

    html = get_in(client, "en", "call_create", network_slug=network.slug).content.decode()

    assert 'name="opens_at"' in html
    assert 'name="closes_at"' in html
    assert "application_deadline" not in html
    assert "The deadline for statements: they are accepted until the call closes." in html
    assert Call._meta.get_field("closes_at").verbose_name == "closes"


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures(back_to_latest_migrations.__name__)
def test_migration_closes_a_call_at_its_deadline():
    old = migrate_to(
        [("networks", "0002_directory_search"), ("organizations", "0003_search_name_in_one_script")]
    )
    association = old.get_model("organizations", "Organization").objects.create(
        name="Skupnost občin", slug="skupnost", country="SI", kind="association"
    )
    network = old.get_model("networks", "Network").objects.create(
        name="Mreža", slug="mreza", organization=association
    )
    opens = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    deadline = datetime(2027, 1, 6, 13, 0, tzinfo=UTC)
    calls = old.get_model("networks", "Call").objects
    common = {"network": network, "text": "Poziv.", "opens_at": opens}
    with_deadline = calls.create(
        **common,
        title="Z rokom",
        slug="z-rokom",
        closes_at=datetime(2027, 1, 21, 13, 0, tzinfo=UTC),
        application_deadline=deadline,
    )
    without = calls.create(**common, title="Brez roka", slug="brez", closes_at=deadline)

    calls = migrate_to([("networks", "0004_call_one_window")]).get_model("networks", "Call").objects

    assert calls.get(pk=with_deadline.pk).closes_at == deadline
    assert calls.get(pk=without.pk).closes_at == deadline
