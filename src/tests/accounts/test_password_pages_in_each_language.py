"""The sign-up, password change and password set pages speak the reader's language alone.

Production's default interface language is Serbian (GLASNIK_DEFAULT_LANGUAGE=sr), and Django used
to fill every gap in the Croatian, Bosnian and Slovenian catalogs from the Serbian one: the password
rules and errors came out in Serbian Cyrillic. These tests run with that default.
"""

import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("serbian_default_language")]

CYRILLIC = re.compile(r"[\u0400-\u04FF]+")
LANGUAGE_NAV = re.compile(r'<nav class="language-nav".*?</nav>', re.DOTALL)
# The switcher names Serbian and Bosnian in Cyrillic on purpose: each language in its own script.
CYRILLIC_LANGUAGE_NAME = re.compile(r'<a [^>]*\blang="(?:sr-Cyrl|bs-Cyrl)"[^>]*>[^<]*</a>')

SHORT = "kratka1"

RULES = {
    "hr": [
        "Vaša lozinka ne smije biti previše slična vašim ostalim osobnim podacima.",
        "Vaša lozinka mora sadržavati najmanje 10 znakova.",
        "Vaša lozinka ne smije biti jedna od često korištenih lozinki.",
        "Vaša se lozinka ne smije sastojati samo od znamenki.",
    ],
    "bs": [
        "Vaša lozinka ne smije biti previše slična vašim drugim ličnim podacima.",
        "Vaša lozinka mora sadržavati najmanje 10 znakova.",
        "Vaša lozinka ne smije biti jedna od često korištenih lozinki.",
        "Vaša se lozinka ne smije sastojati samo od cifara.",
    ],
    "sl": [
        "Vaše geslo ne sme biti preveč podobno vašim drugim osebnim podatkom.",
        "Vaše geslo mora imeti vsaj 10 znakov.",
        "Vaše geslo ne sme biti pogosto uporabljeno geslo.",
        "Vaše geslo ne sme biti v celoti sestavljeno iz številk.",
    ],
    "en": [
        "Your password can’t be too similar to your other personal information.",
        "Your password must contain at least 10 characters.",
        "Your password can’t be a commonly used password.",
        "Your password can’t be entirely numeric.",
    ],
}
TOO_SHORT = {
    "hr": "Ova lozinka je prekratka. Mora sadržavati najmanje 10 znakova.",
    "bs": "Ova lozinka je prekratka. Mora sadržavati najmanje 10 znakova.",
    "sl": "To geslo je prekratko. Imeti mora vsaj 10 znakov.",
    "en": "This password is too short. It must contain at least 10 characters.",
}
LANGUAGES = list(RULES)


def cyrillic_outside_language_names(html: str) -> list[str]:
    nav = LANGUAGE_NAV.search(html).group(0)
    html = html.replace(nav, CYRILLIC_LANGUAGE_NAME.sub("", nav))
    return CYRILLIC.findall(html)


def url_in(language: str, name: str) -> str:
    with translation.override(language):
        return reverse(name)


def assert_in_language_alone(response, language: str, *sentences: str) -> None:
    # The switcher may write its Cyrillic names as character references: read them as letters.
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert f'<html lang="{language}">' in html
    assert cyrillic_outside_language_names(html) == []
    for sentence in sentences:
        assert sentence in html


def test_language_switcher_names_are_the_only_cyrillic_allowed(client):
    html = unescape(client.get(url_in("hr", "account_signup")).content.decode())

    assert CYRILLIC_LANGUAGE_NAME.findall(LANGUAGE_NAV.search(html).group(0)) != []
    assert CYRILLIC.findall(html) == ["Српски", "ћирилица", "Босански", "ћирилица"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_signup_page_shows_password_rules_in_the_language(client, language):
    response = client.get(url_in(language, "account_signup"))

    assert_in_language_alone(response, language, *RULES[language])


@pytest.mark.parametrize("language", LANGUAGES)
def test_signup_with_short_password_explains_in_the_language(client, language):
    response = client.post(
        url_in(language, "account_signup"),
        {"email": "nova@example.org", "password1": SHORT, "password2": SHORT},
    )

    assert_in_language_alone(response, language, TOO_SHORT[language], *RULES[language])


@pytest.mark.parametrize("language", LANGUAGES)
def test_password_change_with_short_password_explains_in_the_language(
    client, make_person, password, language
):
    client.force_login(make_person(language=language))
    url = url_in(language, "account_change_password")

    page = client.get(url)
    refused = client.post(url, {"oldpassword": password, "password1": SHORT, "password2": SHORT})

    assert_in_language_alone(page, language, *RULES[language])
    assert_in_language_alone(refused, language, TOO_SHORT[language])


@pytest.mark.parametrize("language", LANGUAGES)
def test_password_set_with_short_password_explains_in_the_language(client, make_person, language):
    person = make_person(language=language)
    person.set_unusable_password()
    person.save(update_fields=["password"])
    client.force_login(person)
    url = url_in(language, "account_set_password")

    page = client.get(url)
    refused = client.post(url, {"password1": SHORT, "password2": SHORT})

    assert_in_language_alone(page, language, *RULES[language])
    assert_in_language_alone(refused, language, TOO_SHORT[language])


@pytest.mark.parametrize("url_name", ["account_signup", "account_change_password"])
def test_password_rules_are_the_description_of_the_password_field(client, make_person, url_name):
    # A list in a <p> closes the paragraph early in the browser, which left the field's
    # aria-describedby pointing at an empty span: the rules are a block of their own.
    if url_name == "account_change_password":
        client.force_login(make_person())
    with translation.override("en"):
        content = client.get(reverse(url_name)).content.decode()

    assert 'aria-describedby="id_password1_helptext"' in content
    assert '<div class="helptext" id="id_password1_helptext"><ul>' in content
    assert "<p>" not in content.split('<form method="post"', 1)[1].split("</form>", 1)[0]
