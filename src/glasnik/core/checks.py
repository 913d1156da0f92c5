"""System checks of how Glasnik is deployed (`manage.py check --deploy`)."""

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def check_cache_is_shared(app_configs, **kwargs):
    """Several app server processes each with a cache of their own count failed logins and
    lookups each on their own, and serve public pages that another has already changed."""
    if not isinstance(caches["default"], LocMemCache):
        return []
    return [
        Warning(
            "The default cache is in each process's own memory (REDIS_URL is not set).",
            hint=(
                "With more than one app server process, set REDIS_URL to one Redis shared by "
                "every server: the login rate limits, the certificate lookup limit and the "
                "public-page cache must be shared. With a single process, silence this "
                "warning with DJANGO_SILENCED_SYSTEM_CHECKS=glasnik.W001."
            ),
            id="glasnik.W001",
        )
    ]


def check_before_serving() -> None:
    """Run the checks that read the database (Tags.database) and refuse to serve on an error:
    an app server must not start with, say, a login anyone can use (glasnik.accounts.checks)."""
    from django.core.checks import run_checks
    from django.core.management.base import SystemCheckError

    messages = run_checks(tags=[Tags.database], databases=["default"])
    errors = [message for message in messages if message.is_serious() and not message.is_silenced()]
    if errors:
        raise SystemCheckError("\n".join(str(error) for error in errors))
