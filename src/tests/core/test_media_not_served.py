"""Uploads are served only through the views that check who may read them, in every setting:
never straight from MEDIA_URL, not even by the development server."""

import importlib

import pytest
from django.test import override_settings
from django.urls import clear_url_caches

import glasnik.urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def debug_urls():
    """The URLconf as a DEBUG server builds it (its patterns are chosen at import)."""

    def load():
        importlib.reload(glasnik.urls)
        clear_url_caches()

    yield load
    load()  # back to the URLconf of the test settings


def test_uploads_are_not_served_from_media_url_even_with_debug(client, tmp_path, debug_urls):
    (tmp_path / "materials").mkdir()
    (tmp_path / "materials" / "private.pdf").write_bytes(b"%PDF-1.4 participants only")

    with override_settings(DEBUG=True, MEDIA_ROOT=tmp_path):
        debug_urls()
        response = client.get("/media/materials/private.pdf")

    assert response.status_code == 404
