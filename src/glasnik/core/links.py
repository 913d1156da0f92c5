"""Addresses that leave the site: links in emails, calendar files and certificates.

They are built from the configured public address (`GLASNIK_SITE_URL`), never from the
request that happened to send them: a request may have come to an internal address (a proxy,
another port), and a link in an email or on paper must work for whoever opens it later.
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings


def public_url(location: str) -> str:
    """`location` (a path, or an absolute address of this site) at the public address."""
    base = urlsplit(settings.SITE_URL.rstrip("/"))
    bits = urlsplit(location)
    path = base.path + (bits.path if bits.path.startswith("/") else "/" + bits.path)
    return urlunsplit((base.scheme, base.netloc, path, bits.query, bits.fragment))
