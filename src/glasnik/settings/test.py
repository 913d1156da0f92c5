"""Test settings: tasks run immediately, fast hashing, English by default."""

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = "test-only-not-secret"  # noqa: S105
DEBUG = False
LANGUAGE_CODE = "en"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "layout": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "layout"},
}
# The tests run in one process, whose local-memory cache every request sees, as Redis would
# be: the person is kept between requests (tests of the other way set it False).
SHARED_CACHE = True
ACCOUNT_RATE_LIMITS = env.json("GLASNIK_TEST_RATE_LIMITS", default={}) or {
    action: ACCOUNT_RATE_LIMITS[action]  # noqa: F405 - production's limits on failed sign-ins
    for action in ("login_failed", "login_failed_account", "login_failed_known_browser")
}
