"""Calls seen through the browser's door: organisers' pages, the public call page, access."""

from datetime import UTC, datetime, timedelta

import pytest
from call_answers import submit
from django.urls import reverse
from django.utils import timezone

from glasnik.access.models import Role
from glasnik.access.services import role_grant
from glasnik.networks.models import Call, QuestionKind, StatementQuestion

pytestmark = pytest.mark.django_db


def url(name, call, *args):
    return reverse(f"networks:{name}", args=[call.network.slug, call.slug, *args])


def test_organiser_creates_call_with_times_in_network_time_zone(
    client, make_network, make_person, make_organization, login_with_second_factor
):
    from allauth.mfa.totp.internal.auth import TOTP

    network = make_network("mreza-si", time_zone="Europe/Ljubljana")
    network_organiser = make_person()
    role_grant(person=network_organiser, role=Role.ORGANISER, scope=network)
    TOTP.activate(network_organiser, "GLASNIKTESTSECRETGLASNIKTESTSECR")
    login_with_second_factor(client, network_organiser)

    response = client.post(
        reverse("networks:call_create", args=[network.slug]),
        {
            "title": "Javni poziv za izražanje interesa",
            "text": "Vabimo komunikatorje.",
            "eligibility": "Zaposleni v občinah.",
            "opens_at": "2026-03-01T09:00",
            "closes_at": "2026-03-31T16:00",
            "fee": "",
            "fee_currency": "EUR",
        },
    )

    call = Call.objects.get()
    assert response.status_code == 302
    assert response.url == url("call_questions", call)
    assert call.slug == "javni-poziv-za-izrazanje-interesa"
    assert call.opens_at == datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
    assert call.closes_at == datetime(2026, 3, 31, 14, 0, tzinfo=UTC)  # summer time
    assert call.fee is None

    edit = client.get(url("call_edit", call))
    assert 'value="2026-03-01T09:00"' in edit.content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"closes_at": "2026-02-01T09:00"}, "closes_at", "The call must close after it opens."),
        ({"fee": "0"}, "fee", "A fee must be more than zero"),
    ],
)
def test_call_form_shows_errors_by_field_and_keeps_input(
    client, network, network_organiser, changes, field, message, login_with_second_factor
):
    login_with_second_factor(client, network_organiser)
    data = {
        "title": "Poziv",
        "text": "Tekst poziva.",
        "opens_at": "2026-03-01T09:00",
        "closes_at": "2026-03-31T16:00",
        "fee_currency": "EUR",
    } | changes

    response = client.post(reverse("networks:call_create", args=[network.slug]), data)

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert "Tekst poziva." in html
    assert not Call.objects.exists()


def test_question_builder_adds_moves_edits_and_removes(
    client, call, network_organiser, login_with_second_factor
):
    login_with_second_factor(client, network_organiser)

    response = client.post(
        url("call_questions", call),
        {"kind": "choice", "label": "Veličina opštine", "options": "", "is_required": "on"},
    )
    assert response.status_code == 200
    assert "at least two options" in response.content.decode()

    client.post(
        url("call_questions", call),
        {
            "kind": "choice",
            "label": "Veličina opštine",
            "options": "Mala\nVelika",
            "is_required": "on",
        },
    )
    question = StatementQuestion.objects.get(label="Veličina opštine")
    assert question.option_list == ["Mala", "Velika"]

    client.post(url("question_move", call, question.pk), {"direction": "up"})
    assert list(call.questions.values_list("label", flat=True))[-2] == "Veličina opštine"

    client.post(
        url("question_edit", call, question.pk),
        {"kind": "consent", "label": "Pristanak", "privacy_text": "", "is_required": "on"},
    )
    question.refresh_from_db()
    assert question.kind == QuestionKind.CHOICE  # refused: a consent needs its privacy text

    response = client.post(url("question_remove", call, question.pk), follow=True)
    assert "The question has been removed." in response.content.decode()
    assert not StatementQuestion.objects.filter(pk=question.pk).exists()


def test_publish_needs_questions_then_publishes(
    client, network, make_call, network_organiser, login_with_second_factor
):
    call = make_call(network, is_published=False)
    login_with_second_factor(client, network_organiser)

    client.post(url("call_publish", call), {"publish": "1"})
    call.refresh_from_db()
    assert call.is_published is False

    StatementQuestion.objects.create(call=call, kind="text", label="Odeljenje")
    client.post(url("call_publish", call), {"publish": "1"})
    call.refresh_from_db()
    assert call.is_published is True


def test_organiser_calls_page_lists_drafts_with_counts(
    client,
    call,
    network,
    make_call,
    network_organiser,
    make_person,
    make_organization,
    login_with_second_factor,
):
    make_call(network, slug="nacrt", title="Nacrt poziva", is_published=False)
    submit(call, make_person(), make_organization())
    login_with_second_factor(client, network_organiser)

    response = client.get(reverse("networks:call_manage_list", args=[network.slug]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Nacrt poziva" in html
    assert "Draft" in html
    assert [row[0].statement_count for row in response.context["rows"]] == [0, 1] or [
        row[0].statement_count for row in response.context["rows"]
    ] == [1, 0]


@pytest.mark.parametrize("who", ["member", "other_organiser", "applicant"])
def test_others_get_404_on_organiser_pages(
    client, call, make_person, make_network, make_organization, who, login_with_second_factor
):
    from allauth.mfa.totp.internal.auth import TOTP

    person = make_person()
    if who == "member":
        role_grant(person=person, role=Role.MEMBER, scope=call.network)
    elif who == "other_organiser":
        role_grant(person=person, role=Role.ORGANISER, scope=make_network("druga"))
        TOTP.activate(person, "GLASNIKTESTSECRETGLASNIKTESTSECR")
    statement = submit(call, person if who == "applicant" else make_person(), make_organization())
    login_with_second_factor(client, person)

    pages = [
        reverse("networks:call_manage_list", args=[call.network.slug]),
        reverse("networks:call_create", args=[call.network.slug]),
        url("call_edit", call),
        url("call_questions", call),
        url("statement_list", call),
        url("statement_detail", call, statement.pk),
        url("statement_export", call, "csv"),
    ]
    for page in pages:
        assert client.get(page).status_code == 404, page
    assert client.post(url("call_publish", call), {"publish": "0"}).status_code == 404
    assert client.post(url("statement_bulk_decide", call), {}).status_code == 404


def test_anonymous_visitor_is_sent_to_login_from_organiser_pages(client, call):
    response = client.get(url("statement_list", call))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_public_call_page_shows_dates_in_network_time_zone_and_fee(client, network, make_call):
    call = make_call(
        network,
        opens_at=timezone.now() - timedelta(days=1),
        closes_at=datetime(2030, 7, 1, 14, 0, tzinfo=UTC),  # 16:00 in Belgrade
        fee=None,
    )

    response = client.get(url("call_detail", call))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Free of charge" in html
    assert "4 p.m." in html or "16:00" in html
    assert "Last updated" in html
    assert f'href="{url("statement_apply", call)}"' in html
    assert "sign up" in html


def test_public_call_page_shows_fee_amount(client, network, make_call):
    from decimal import Decimal

    call = make_call(network, fee=Decimal("25.00"), fee_currency="RSD")

    html = client.get(url("call_detail", call)).content.decode()

    assert "25.00 RSD" in html
    assert "Free of charge" not in html


def test_public_call_page_before_opening_says_when(client, network, make_call):
    call = make_call(network, opens_in=3)

    html = client.get(url("call_detail", call)).content.decode()

    assert "This call opens on" in html
    assert url("statement_apply", call) not in html


def test_public_call_page_after_deadline_says_expired(client, network, make_call):
    call = make_call(network, opens_in=-10, closes_in=-1)

    html = client.get(url("call_detail", call)).content.decode()

    assert "This call has expired" in html
    assert "no longer accepts statements" in html
    assert url("statement_apply", call) not in html


def test_draft_call_is_404_for_visitors_and_visible_to_organisers(
    client, network, make_call, network_organiser, login_with_second_factor
):
    call = make_call(network, is_published=False)

    assert client.get(url("call_detail", call)).status_code == 404
    login_with_second_factor(client, network_organiser)
    assert "Draft" in client.get(url("call_detail", call)).content.decode()


def test_cached_public_page_never_shows_a_persons_own_state(
    client, call, make_person, make_organization
):
    applicant = make_person()
    submit(call, applicant, make_organization())
    assert client.get(url("call_detail", call)).status_code == 200  # stored for visitors

    client.force_login(applicant)
    html = client.get(url("call_detail", call)).content.decode()
    assert "You sent your statement on" in html

    client.logout()
    client.cookies.clear()
    html = client.get(url("call_detail", call)).content.decode()
    assert "You sent your statement on" not in html


def test_organiser_calls_page_query_count_does_not_grow(
    client,
    network,
    make_call,
    network_organiser,
    django_assert_num_queries,
    login_with_second_factor,
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login_with_second_factor(client, network_organiser)
    make_call(network, slug="poziv-0")
    page = reverse("networks:call_manage_list", args=[network.slug])
    client.get(page)  # warm the session and grant caches
    with CaptureQueriesContext(connection) as one:
        client.get(page)
    for number in range(1, 30):
        make_call(network, slug=f"poziv-{number}")

    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(page)
    assert len(response.context["rows"]) == 30


def test_expired_call_message_names_the_time_zone(client, make_network, make_call):
    network = make_network("si", time_zone="Europe/Ljubljana")
    call = make_call(
        network,
        opens_at=datetime(2026, 3, 1, 8, 0, tzinfo=UTC),
        closes_at=datetime(2026, 3, 31, 14, 0, tzinfo=UTC),
    )

    html = client.get(url("call_detail", call)).content.decode()

    assert (
        "This call has expired: the deadline was 31 March 2026, 16:00 Ljubljana time "
        '(<span translate="no">CEST</span>).'
    ) in html
