"""The language switcher goes back to the same page with its query, and keeps no address (search
terms, invitation tokens) in the process's memory."""

import pytest
from django.conf import settings
from django.core.cache import caches
from django.urls import reverse

from glasnik.core import context_processors

pytestmark = pytest.mark.django_db

SECRET_QUERY = "q=secret-search&token=secret-token-123"


def test_switcher_keeps_the_query_in_its_links_but_not_in_memory(client, make_person):
    client.force_login(make_person())

    page = client.get(f"{reverse('site:dashboard')}?{SECRET_QUERY}").content.decode()
    client.get(f"{reverse('accounts:profile')}?q=another")

    assert "q%3Dsecret-search%26token%3Dsecret-token-123" in page  # back to the same page
    # One memo per language of the page, whatever the address; the layout's fragments hold
    # no query either.
    assert context_processors._language_items.cache_info().currsize == 1
    assert not hasattr(context_processors._language_links, "cache_info")
    layout = caches["layout"]
    assert not any(b"secret" in value for value in layout._cache.values())


@pytest.mark.parametrize(
    "path",
    [
        "/sr/",
        "/sr/networks/mreza/calls/poziv/apply/",
        "/sr/surveys/invitation/abc123/",
        "/sr/organizations/?q=x",
    ],
)
def test_switcher_addresses_are_django_s_translated_addresses(path):
    from django.urls import translate_url
    from django.utils import translation

    with translation.override("sr"):
        for code, _name in settings.LANGUAGES:
            assert context_processors.path_in_language(path, "sr", code) == translate_url(
                path, code
            )
