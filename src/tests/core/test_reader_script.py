"""What people write is stored as written and shown in the script the reader chose."""

import html

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from glasnik.core.email import email_render, email_send

pytestmark = pytest.mark.django_db


def page(client, language: str, organization) -> str:
    with translation.override(language):
        url = reverse("organizations:detail", args=[organization.slug])
    response = client.get(url)
    assert response.status_code == 200
    assert int(response["Content-Length"]) == len(response.content)
    return response.content.decode()


def test_latin_name_is_read_in_cyrillic_by_the_cyrillic_reader(client, make_organization):
    organization = make_organization("Opština Stari grad")

    assert "Општина Стари град" in page(client, "sr", organization)
    assert "Opština Stari grad" in page(client, "sr-latn", organization)


def test_cyrillic_name_is_read_in_latin_by_the_latin_reader(client, make_organization):
    organization = make_organization("Општина Врачар")

    assert "Opština Vračar" in page(client, "sr-latn", organization)
    assert "Општина Врачар" in page(client, "sr", organization)


def test_other_languages_see_the_name_as_written(client, make_organization):
    organization = make_organization("Opština Stari grad")

    assert "Opština Stari grad" in page(client, "sl", organization)
    assert "Opština Stari grad" in page(client, "en", organization)


def test_html_lang_names_the_script(client, make_organization):
    organization = make_organization()

    assert '<html lang="sr-Cyrl">' in page(client, "sr", organization)
    assert '<html lang="sr-Latn">' in page(client, "sr-latn", organization)


def test_language_switcher_keeps_each_language_name_in_its_own_script(client):
    # The switcher writes Cyrillic names as character references; a browser shows them as text.
    cyrillic_page = html.unescape(client.get("/sr/").content.decode())
    latin_page = html.unescape(client.get("/sr-latn/").content.decode())
    croatian_page = html.unescape(client.get("/hr/").content.decode())

    for content in (cyrillic_page, latin_page, croatian_page):
        assert ">Српски (ћирилица)</a>" in content
        assert ">Srpski (latinica)</a>" in content
        assert ">Slovenščina</a>" in content
        assert ">Bosanski</a>" in content
        assert ">Hrvatski</a>" in content


def test_cached_public_page_is_served_in_the_same_script(client, make_organization):
    organization = make_organization("Opština Stari grad")

    first = page(client, "sr", organization)
    second = page(client, "sr", organization)  # from the public page cache

    assert first == second
    assert "Општина Стари град" in second


def test_email_is_written_in_the_recipients_script_and_links_stay_intact():
    context = {
        "user": None,
        "email": "ana@example.org",
        "password_reset_url": "http://testserver/sr/accounts/password/reset/key/1-abc/",
    }

    _, latin_text, _ = email_render(
        template="account/email/password_reset_key", context=context, language="sr-latn"
    )
    _, cyrillic_text, cyrillic_html = email_render(
        template="account/email/password_reset_key", context=context, language="sr"
    )

    assert "lozink" in latin_text
    assert "лозинк" in cyrillic_text
    assert "lozink" not in cyrillic_text
    for body in (latin_text, cyrillic_text, cyrillic_html):
        assert "http://testserver/sr/accounts/password/reset/key/1-abc/" in body


def test_email_sent_to_latin_reader_arrives_in_latin(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email_send(
            to="ana@example.org",
            template="account/email/password_reset_key",
            context={"user": None, "password_reset_url": "http://testserver/x/"},
            language="sr-latn",
        )

    (message,) = mail.outbox
    assert "lozink" in message.body
    html, _ = message.alternatives[0]
    assert "лозинк" not in html


def test_bosnian_cyrillic_reader_reads_bosnian_interface_and_content_in_cyrillic(
    client, make_organization
):
    organization = make_organization("Općina Stari Grad")

    content = page(client, "bs-cyrl", organization)

    assert '<html lang="bs-Cyrl">' in content
    assert "Опћина Стари Град" in content
    assert ">Bosanski</a>" in html.unescape(content)  # the switcher keeps each as written
