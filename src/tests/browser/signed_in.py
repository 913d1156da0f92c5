"""A browser context signed in as a person, the way every journey starts: the session comes
from Django's test client (second factor passed where the person's role asks for it) and is
handed to Chromium as its cookie."""

from django.conf import settings
from django.test import Client
from second_factor import login_with_second_factor


def sign_in(browser, live_server, person, *, viewport=None):
    """A new page signed in as `person` (English interface, downloads allowed)."""
    client = Client()
    login_with_second_factor(client, person)
    context = browser.new_context(
        bypass_csp=True,
        locale="en-GB",
        base_url=live_server.url,
        viewport=viewport,
        accept_downloads=True,
    )
    context.set_default_timeout(10_000)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context.new_page()
