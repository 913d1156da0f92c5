import pytest

pytestmark = pytest.mark.django_db


def test_language_switch_sets_cookie_and_redirects_to_translated_url(client):
    response = client.get("/language/sl/", {"next": "/en/privacy/"})

    assert response.status_code == 302
    assert response.url == "/sl/privacy/"
    assert response.cookies["glasnik_language"].value == "sl"


def test_language_switch_keeps_query_string(client):
    response = client.get("/language/sr-latn/", {"next": "/en/organizations/?country=RS"})

    assert response.url == "/sr-latn/organizations/?country=RS"


def test_language_switch_refuses_unknown_language(client):
    response = client.get("/language/xx/", {"next": "/en/"})

    assert response.status_code == 404
    assert "glasnik_language" not in response.cookies


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x"])
def test_language_switch_refuses_external_next(client, target):
    response = client.get("/language/bs/", {"next": target})

    assert response.status_code == 302
    assert response.url == "/"
