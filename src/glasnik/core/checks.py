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
