"""The whole-page cache for visitors without a session (`public_page`): one stored copy per
address, host and kind of request, and never a page that carries a CSRF token."""

import pytest
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory

from glasnik.core.cache import public_page


@pytest.fixture
def visitor():
    factory = RequestFactory()

    def get(path: str = "/en/page/", **headers):
        return factory.get(path, **headers)

    return get


def counted(body):
    """A view that says how often it ran, with `body(request)` as its page."""

    def view(request):
        view.calls += 1
        return HttpResponse(body(request), content_type="text/html; charset=utf-8")

    view.calls = 0
    return view


def test_public_page_is_kept_apart_for_each_host(visitor, settings):
    settings.ALLOWED_HOSTS = ["glasnik.example.org", "other.example.org"]
    view = public_page(counted(lambda request: f"<p>{request.get_host()}</p>"))

    first = view(visitor(HTTP_HOST="glasnik.example.org"))
    other = view(visitor(HTTP_HOST="other.example.org"))
    again = view(visitor(HTTP_HOST="glasnik.example.org"))

    assert (first.content, other.content, again.content) == (
        b"<p>glasnik.example.org</p>",
        b"<p>other.example.org</p>",
        b"<p>glasnik.example.org</p>",
    )


def test_public_page_keeps_an_htmx_fragment_apart_from_the_whole_page(visitor):
    view = public_page(
        counted(lambda request: "<li>part</li>" if request.headers.get("HX-Request") else "page")
    )

    page = view(visitor())
    fragment = view(visitor(HTTP_HX_REQUEST="true"))
    page_again = view(visitor())
    fragment_again = view(visitor(HTTP_HX_REQUEST="true"))

    assert (page.content, fragment.content) == (b"page", b"<li>part</li>")
    assert (page_again.content, fragment_again.content) == (b"page", b"<li>part</li>")
    assert view.__wrapped__.calls == 2  # each kind stored once


def test_public_page_never_stores_a_page_with_a_csrf_token(visitor):
    view = public_page(counted(lambda request: f'<input name="csrf" value="{get_token(request)}">'))

    first = view(visitor())
    second = view(visitor())

    assert view.__wrapped__.calls == 2
    assert first.content != second.content  # each visitor's own token


def test_public_page_stores_a_page_without_a_form(visitor):
    view = public_page(counted(lambda request: "<p>Institutions</p>"))

    view(visitor())
    view(visitor())

    assert view.__wrapped__.calls == 1
