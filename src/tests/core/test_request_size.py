"""A request body larger than Glasnik accepts is refused before anything reads it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from glasnik.core.uploads import DEFAULT_MAX_UPLOAD_BYTES
from glasnik.events.services.materials import MATERIAL_MAX_BYTES, SUBMISSION_MAX_BYTES

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def login_url(language: str = "en") -> str:
    with translation.override(language):
        return reverse("account_login")


def test_body_declared_larger_than_the_limit_is_refused(client):
    response = client.post(login_url(), {"login": "ana@example.org"}, CONTENT_LENGTH=str(150 * MB))

    assert response.status_code == 413
    assert "Glasnik accepts at most 30 MB at once." in response.content.decode()


def test_upload_larger_than_the_limit_never_reaches_the_form(client, settings):
    settings.MAX_REQUEST_BYTES = 4096
    upload = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * 8192)

    refused = client.post(login_url(), {"login": "ana@example.org", "file": upload})
    accepted = client.post(login_url(), {"login": "ana@example.org", "password": "x"})

    assert refused.status_code == 413
    assert accepted.status_code == 200  # the form, with its error


def test_refusal_speaks_the_language_of_the_page(client):
    response = client.post(login_url("sl"), {}, CONTENT_LENGTH=str(150 * MB))

    assert response.status_code == 413
    html = response.content.decode()
    assert '<html lang="sl">' in html
    with translation.override("sl"):
        assert translation.gettext("What you sent is too large") in html
    assert "What you sent is too large" not in html


def test_body_without_a_length_is_refused(client):
    response = client.post(
        login_url(),
        "login=ana%40example.org",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH="",
        HTTP_TRANSFER_ENCODING="chunked",
    )

    assert response.status_code == 411


def test_limit_leaves_room_for_the_largest_upload(settings):
    largest = max(MATERIAL_MAX_BYTES, SUBMISSION_MAX_BYTES, DEFAULT_MAX_UPLOAD_BYTES)

    assert largest + MB <= settings.MAX_REQUEST_BYTES  # the form's other fields and framing
