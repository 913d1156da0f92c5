"""Applying through the form and reviewing statements: bad input, access, query counts."""

import re

import pytest
from allauth.account.models import EmailAddress
from call_answers import PDF, pdf_upload, submit
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from factories.accounts import PositionFactory

from glasnik.access.models import Role
from glasnik.access.services import role_grant
from glasnik.networks.models import (
    Membership,
    MembershipStatus,
    QuestionKind,
    Statement,
    StatementAnswer,
    StatementStatus,
)
from glasnik.networks.services.calls import Decision, statement_decide
from glasnik.organizations.search import organization_search_text

pytestmark = pytest.mark.django_db


def url(name, call, *args):
    return reverse(f"networks:{name}", args=[call.network.slug, call.slug, *args])


def form_data(call, organization, **overrides) -> dict:
    questions = {question.kind: question for question in call.questions.all()}
    data = {
        "first_name": "Ana",
        "last_name": "Petrović",
        "organization": str(organization.pk),
        "position_title": "Portparolka",
        f"question_{questions['text'].pk}": "Kabinet",
        f"question_{questions['long_text'].pk}": "Razmenu iskustava.",
        f"question_{questions['choice'].pk}": "Napredno",
        f"question_{questions['yes_no'].pk}": "no",
        f"question_{questions['consent'].pk}": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def question_field(call, kind):
    return f"question_{call.questions.get(kind=kind).pk}"


@pytest.fixture
def applicant(make_person):
    return make_person("ana@example.org", first_name="Ana", last_name="Petrović")


def test_anonymous_visitor_is_sent_to_login_and_back(client, call):
    response = client.get(url("statement_apply", call))

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={url('statement_apply', call)}"


def test_form_offers_the_institution_of_the_persons_position(
    client, call, applicant, make_organization
):
    institution = make_organization("Opština Stari grad")
    PositionFactory(person=applicant, organization=institution, title="Portparolka")
    client.force_login(applicant)

    response = client.get(url("statement_apply", call))

    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(rf'value="{institution.pk}"[^>]*checked', html)
    assert 'value="Portparolka"' in html
    assert "Podatke obrađuje udruženje." in html  # the consent's privacy text


def test_submit_creates_statement_and_membership_then_edit_keeps_one(
    client,
    call,
    network_organiser,
    applicant,
    make_organization,
    django_capture_on_commit_callbacks,
):
    institution = make_organization()
    client.force_login(applicant)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("statement_apply", call), form_data(call, institution))

    assert response.status_code == 302
    assert response.url == url("call_detail", call)
    statement = Statement.objects.get()
    assert statement.position_title == "Portparolka"
    assert Membership.objects.get(person=applicant).status == MembershipStatus.APPLIED
    assert sorted(message.to[0] for message in mail.outbox) == [
        applicant.email,
        network_organiser.email,
    ]

    page = client.get(url("statement_apply", call)).content.decode()
    assert "Change your membership statement" in page
    assert 'value="Kabinet"' in page

    client.post(
        url("statement_apply", call),
        form_data(call, institution, **{question_field(call, "text"): "Služba za informisanje"}),
    )
    assert Statement.objects.count() == 1
    assert StatementAnswer.objects.get(question__kind="text").value == "Služba za informisanje"


def test_double_submit_leaves_one_statement(client, call, applicant, make_organization):
    data = form_data(call, make_organization())
    client.force_login(applicant)

    first = client.post(url("statement_apply", call), data)
    second = client.post(url("statement_apply", call), data)

    assert (first.status_code, second.status_code) == (302, 302)
    assert Statement.objects.filter(person=applicant).count() == 1
    assert StatementAnswer.objects.count() == 5  # the optional file was not sent


def test_submit_after_deadline_is_refused_with_deadline_and_input_kept(
    client, network, make_call, applicant, make_organization
):
    from call_answers import add_questions

    call = make_call(network, opens_in=-10, closes_in=-1)
    add_questions(call)
    client.force_login(applicant)
    data = form_data(call, make_organization(), **{question_field(call, "text"): "Moj odgovor"})

    response = client.post(url("statement_apply", call), data)

    html = response.content.decode()
    assert response.status_code == 400
    assert "The deadline for statements was" in html
    assert "no longer accepts statements" in html
    assert 'value="Moj odgovor"' in html
    assert not Statement.objects.exists()

    closed = client.get(url("statement_apply", call)).content.decode()
    assert "The deadline for statements was" in closed
    assert '<form method="post" enctype' not in closed


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("program.exe", b"MZ\x90\x00"), "Files of this type are not accepted"),
        (SimpleUploadedFile("cv.pdf", b"not a pdf at all"), "does not match its type"),
        (SimpleUploadedFile("cv.pdf", PDF + b"x" * (10 * 1024 * 1024)), "The file is too large"),
    ],
    ids=["type", "content", "size"],
)
def test_bad_file_is_refused_with_message_and_rest_kept(
    client, call, applicant, make_organization, upload, message
):
    client.force_login(applicant)
    data = form_data(call, make_organization(), **{question_field(call, "text"): "Sačuvano"})
    data[question_field(call, "file")] = upload

    response = client.post(url("statement_apply", call), data)

    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert f'id="id_{question_field(call, "file")}_error"' in html
    assert 'value="Sačuvano"' in html
    assert not Statement.objects.exists()


def test_missing_consent_and_institution_are_explained(client, call, applicant):
    client.force_login(applicant)
    data = form_data(call, applicant, **{question_field(call, "consent"): None})
    data.pop("organization")

    response = client.post(url("statement_apply", call), data)

    errors = response.context["form"].errors
    assert response.status_code == 400
    assert errors["organization"] == ["Choose your institution: search for it by name and pick it."]
    assert question_field(call, "consent") in errors


def test_file_answer_is_downloadable_only_by_organisers(
    client,
    call,
    network_organiser,
    applicant,
    make_person,
    make_network,
    make_organization,
    login_with_second_factor,
):
    client.force_login(applicant)
    data = form_data(call, make_organization())
    data[question_field(call, "file")] = pdf_upload("biografija.pdf")
    client.post(url("statement_apply", call), data)
    statement = Statement.objects.get()
    answer = StatementAnswer.objects.get(question__kind=QuestionKind.FILE)
    file_url = url("statement_file", call, statement.pk, answer.pk)

    assert client.get(file_url).status_code == 404  # not even the applicant

    login_with_second_factor(client, network_organiser)
    response = client.get(file_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert 'filename="biografija.pdf"' in response["Content-Disposition"]

    detail = client.get(url("statement_detail", call, statement.pk)).content.decode()
    assert f'href="{file_url}"' in detail


def test_search_button_without_javascript_keeps_what_was_typed(
    client, call, applicant, make_organization
):
    make_organization("Grad Kragujevac")
    client.force_login(applicant)
    data = form_data(call, applicant, **{question_field(call, "text"): "Kabinet gradonačelnika"})
    data.pop("organization")
    data.update({"organization_q": "kragujevac", "organization_search": "1"})

    response = client.post(url("statement_apply", call), data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Grad Kragujevac" in html
    assert 'value="Kabinet gradonačelnika"' in html
    assert "This field is required" not in html
    assert not Statement.objects.exists()


def test_statement_list_filters_and_searches(
    client, call, network_organiser, make_person, make_organization, login_with_second_factor
):
    ana = make_person(first_name="Ana", last_name="Petrović")
    luka = make_person(first_name="Luka", last_name="Kovač")
    nis = make_organization(
        "Grad Niš",
        kind="city",
        search_name=organization_search_text(name="Grad Niš", name_cyrillic=""),
    )
    submit(call, ana, nis)
    submit(call, luka, make_organization("Občina Piran", country="SI"))
    login_with_second_factor(client, network_organiser)

    def names(**params):
        response = client.get(url("statement_list", call), params)
        return [statement.person.first_name for statement in response.context["page"]]

    assert sorted(names()) == ["Ana", "Luka"]
    assert names(country="SI") == ["Luka"]
    assert names(kind="city") == ["Ana"]
    assert names(q="ana petrović") == ["Ana"]
    assert names(q="piran") == ["Luka"]
    assert names(q="ниш") == ["Ana"]
    assert names(status="approved") == []


def test_statement_list_query_count_does_not_grow(
    client,
    call,
    network_organiser,
    make_person,
    make_organization,
    django_assert_num_queries,
    login_with_second_factor,
):
    login_with_second_factor(client, network_organiser)
    submit(call, make_person(), make_organization())
    client.get(url("statement_list", call))  # warm the session and grant caches

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(url("statement_list", call))
    for _ in range(29):
        submit(call, make_person(), make_organization())
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url("statement_list", call))
    assert len(response.context["page"].object_list) == 30


def test_organiser_approves_one_statement_with_message(
    client,
    call,
    network_organiser,
    applicant,
    make_organization,
    django_capture_on_commit_callbacks,
    login_with_second_factor,
):
    statement = submit(call, applicant, make_organization())
    login_with_second_factor(client, network_organiser)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("statement_detail", call, statement.pk),
            {"decision": "approve", "message": "Dobrodošli u mrežu."},
        )

    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.status == StatementStatus.APPROVED
    assert Membership.objects.get(person=applicant).status == MembershipStatus.MEMBER
    assert mail.outbox[-1].to == [applicant.email]
    assert "Dobrodošli u mrežu." in mail.outbox[-1].body


def test_organiser_declines_in_bulk(
    client,
    call,
    network_organiser,
    make_person,
    make_organization,
    django_capture_on_commit_callbacks,
    login_with_second_factor,
):
    statements = [submit(call, make_person(), make_organization()) for _ in range(3)]
    login_with_second_factor(client, network_organiser)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("statement_bulk_decide", call),
            {
                "statements": [statements[0].pk, statements[2].pk],
                "decision": "decline",
                "message": "",
                "query": "status=submitted",
            },
            follow=True,
        )

    assert "Statements declined: 2." in response.content.decode()
    assert response.redirect_chain[-1][0] == url("statement_list", call) + "?status=submitted"
    assert list(Statement.objects.order_by("pk").values_list("status", flat=True)) == [
        "declined",
        "submitted",
        "declined",
    ]
    assert len(mail.outbox) == 2


def test_bulk_without_selection_says_so(client, call, network_organiser, login_with_second_factor):
    login_with_second_factor(client, network_organiser)

    response = client.post(url("statement_bulk_decide", call), {"decision": "approve"}, follow=True)

    assert "Select at least one statement." in response.content.decode()


def test_declined_person_cannot_see_members_only_pages(
    client, call, network_organiser, applicant, make_organization
):
    statement = submit(call, applicant, make_organization())
    statement_decide(statement=statement, actor=network_organiser, decision=Decision.DECLINE)
    client.force_login(applicant)

    assert not applicant.has_perm("networks.view_members_area", call.network)
    directory = reverse("networks:directory", kwargs={"network_slug": call.network.slug})
    assert client.get(directory).status_code == 404


def test_approved_member_can_see_members_only_pages(
    client, call, network_organiser, applicant, make_organization
):
    statement = submit(call, applicant, make_organization())
    statement_decide(statement=statement, actor=network_organiser, decision=Decision.APPROVE)

    assert applicant.has_perm("networks.view_members_area", call.network)


def test_sign_up_from_call_comes_back_to_the_form(client, call, django_capture_on_commit_callbacks):
    apply_url = url("statement_apply", call)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"{reverse('account_signup')}?next={apply_url}",
            {
                "email": "novi@example.org",
                "password1": "Kestenje-u-jesen-2024",
                "password2": "Kestenje-u-jesen-2024",
                "next": apply_url,
            },
        )
    assert EmailAddress.objects.filter(email="novi@example.org", verified=False).exists()
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", mail.outbox[-1].body).group(0)
    path = link[link.index("/", len("https://")) :]
    response = client.post(path)

    assert response.status_code == 302
    assert response.url == apply_url
    assert client.get(apply_url).status_code == 200


def test_log_in_from_call_comes_back_to_the_form(client, call, applicant, password):
    apply_url = url("statement_apply", call)

    response = client.post(
        reverse("account_login"),
        {"login": applicant.email, "password": password, "next": apply_url},
    )

    assert response.url == apply_url


def test_organiser_role_holders_get_one_notice_each(
    client,
    call,
    network_organiser,
    make_person,
    make_organization,
    django_capture_on_commit_callbacks,
):
    second = make_person("drugi@example.org", language="sl")
    role_grant(person=second, role=Role.ORGANISER, scope=call.network)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        submit(call, make_person(), make_organization())

    notices = [message for message in mail.outbox if "/statements/" in message.body]
    assert sorted(message.to[0] for message in notices) == [second.email, network_organiser.email]
    assert "/sl/" in next(m for m in notices if m.to == [second.email]).body


def test_statement_puts_the_applicants_name_on_their_profile(
    client, call, applicant, make_organization
):
    client.force_login(applicant)

    client.post(url("statement_apply", call), form_data(call, make_organization()))

    applicant.refresh_from_db()
    assert (applicant.first_name, applicant.last_name) == ("Ana", "Petrović")


def test_statement_without_a_name_is_refused_and_keeps_the_rest(
    client, call, applicant, make_organization
):
    client.force_login(applicant)

    response = client.post(
        url("statement_apply", call), form_data(call, make_organization(), last_name="")
    )

    assert response.status_code == 400
    assert response.context["form"].errors["last_name"] == ["This field is required."]
    assert 'value="Portparolka"' in response.content.decode()
    assert not Statement.objects.exists()
