"""Every URL is closed to anonymous visitors unless it is on the explicit allow-list below."""

import re
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern

pytestmark = pytest.mark.django_db

# Pages an anonymous visitor may open (2xx). Keyed by URL name; each entry says why.
PUBLIC = {
    # Public information
    "core:home": "front page",
    "core:accessibility": "accessibility statement (required by law)",
    "core:privacy": "privacy notice (GDPR)",
    "organizations:list": "public directory of institutions",
    "organizations:detail": "public page of an institution",
    "events:meeting_list": "a network's meetings: public ones for visitors, all for members",
    "events:meeting_detail": "a public meeting's page (members-only meetings 404)",
    "events:meeting_ics": "a public meeting as a calendar file (members-only meetings 404)",
    "events:network_feed": "a network's public meetings as an iCalendar feed",
    "events:personal_feed": "calendar apps send no cookies: the secret token is the key (404)",
    "events:personal_network_feed": "as personal_feed, for one network",
    "events:materials": "an event's public materials (404 when it has none for visitors)",
    "events:material_download": "a public material's file (404 for every other material)",
    "events:register": "a public event's registration page, or with an invitation (else 404)",
    "events:invitation": "an invitation's link: the token is the key (404 for a bad one)",
    "programs:list": "public list of published programmes",
    "programs:detail": "public page of a programme: timeline, events, team (drafts 404)",
    "programs:feed": "a programme's public events as an iCalendar feed (drafts 404)",
    "programs:invitation": "an invitation's link: the token is the key (404 for a bad one)",
    "events:program_event_detail": "a programme's public event with its agenda (others 404)",
    "events:lecturer_list": "public list of lecturers' profiles",
    "events:lecturer_detail": "a lecturer's public profile and public sessions",
    "networks:list": "public list of networks of communicators",
    "networks:detail": "public page of a network (aims, calls, meetings)",
    "networks:call_detail": "public page of a call for expressions of interest (404 for drafts)",
    "certificates:verify": "public check of a certificate by its secret code (404 if unknown)",
    "healthz": "load balancer health check",
    "language_switch": "language menu; always redirects (404 for an unknown code)",
    # Signing in and up (allauth)
    "account_login": "sign-in form",
    "account_signup": "sign-up form",
    "account_reset_password": "ask for a password reset link",
    "account_reset_password_done": "'check your inbox' after asking for a reset",
    "account_reset_password_from_key": "reset link landing page (shows 'bad link' for a bad key)",
    "account_reset_password_from_key_done": "'password changed' confirmation",
    "account_confirm_email": "email verification link landing page",
    "account_email_verification_sent": "'check your inbox' after sign-up",
    "account_inactive": "explains that an account is inactive",
    # The admin's own sign-in form; every other admin page redirects to it.
    "admin:login": "Django admin sign-in form",
}

# Sample values for path converters and for allauth's and the admin's regex groups.
CONVERTER_SAMPLES = {"int": "1", "slug": "x", "str": "x", "path": "x", "uuid": str(uuid.uuid4())}
GROUP_SAMPLES = {"uidb36": "1", "key": "x-y", "content_type_id": "1", "object_id": "1"}
CONVERTER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>[^()]*)\)")


def _route_sample(route: str) -> str:
    return CONVERTER.sub(lambda m: CONVERTER_SAMPLES[m["converter"] or "str"], route)


def _regex_sample(regex: str) -> str:
    def group(match) -> str:
        body = match["body"]
        if re.fullmatch(r"[\w|]+", body):  # an alternation of literals: take the first
            return body.split("|")[0]
        return GROUP_SAMPLES.get(match["name"], "x")

    return GROUP.sub(group, regex).lstrip("^").rstrip("$").replace("\\", "")


def _sample(pattern) -> str:
    if isinstance(pattern, LocalePrefixPattern):
        return "en/"
    if isinstance(pattern, RoutePattern):
        return _route_sample(str(pattern))
    if isinstance(pattern, RegexPattern):
        return _regex_sample(pattern.regex.pattern)
    raise TypeError(f"Unknown URL pattern type: {pattern!r}")


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        url = prefix + _sample(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, url, inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else f"{namespace}<{url}>"
            yield name, "/" + url


ALL_URLS = sorted(set(_walk(get_resolver().url_patterns)))


def test_url_walk_finds_the_main_pages():
    names = {name for name, _ in ALL_URLS}
    assert {"core:home", "site:dashboard", "account_login", "site:audit_log"} <= names
    assert "admin:index" in names


def test_allow_list_names_existing_urls():
    names = {name for name, _ in ALL_URLS}
    assert set(PUBLIC) <= names


@pytest.mark.parametrize(("name", "url"), ALL_URLS, ids=[name for name, _ in ALL_URLS])
def test_anonymous_visitor_is_kept_out(client, name, url):
    resolve(url)  # the sample values must make a URL that really reaches this view

    response = client.get(url)

    if name in PUBLIC:
        assert response.status_code < 500
    else:
        assert not 200 <= response.status_code < 300, f"{url} is open to anonymous visitors"
