"""Settings shared by every environment; values come from the environment (django-environ)."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent.parent
SRC_DIR = BASE_DIR / "src"
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("GLASNIK_SITE_URL", default="http://127.0.0.1:8000")
# The demo's logins (manage.py demo) have a public password and TOTP secret: allowed in
# development and tests; production refuses them (glasnik.accounts.checks).
DEMO_LOGINS_ALLOWED = True

INSTALLED_APPS = [
    "glasnik.core",
    "glasnik.audit",
    "glasnik.access",
    "glasnik.accounts",
    "glasnik.organizations",
    "glasnik.networks",
    "glasnik.events",
    "glasnik.programs",
    "glasnik.certificates",
    "glasnik.surveys",
    "glasnik.mentoring",
    "glasnik.competitions",
    "glasnik.toolkit",
    "glasnik.coach",
    "glasnik.proposals",
    "glasnik.content",
    "glasnik.cards",
    "glasnik.site",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "glasnik.core.reader_script.ReaderScriptMiddleware",
    # Before anything reads the body (the CSRF check, forms, uploads).
    "glasnik.core.request_size.RequestSizeLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "glasnik.accounts.middleware.RequireMfaMiddleware",
]

ROOT_URLCONF = env.str("GLASNIK_ROOT_URLCONF", default="glasnik.urls")
WSGI_APPLICATION = "glasnik.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "glasnik" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "glasnik.core.context_processors.interface",
            ],
            "builtins": ["django.templatetags.i18n", "glasnik.core.templatetags.content"],
        },
    }
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'glasnik.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "glasnik",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Whether every app server process sees the same default cache: only then may a signed-in
# person be kept in it between requests (glasnik.accounts.backends); otherwise each request
# reads them from the database, so a deactivation or a new password counts at once everywhere.
SHARED_CACHE = bool(REDIS_URL)
# The layout's fixed parts (menus, footer) per language, drawn once in each process: they
# change only with a new release, which restarts the processes.
CACHES["layout"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "glasnik-layout",
}
# For the benchmark that measures what each cache gains (benchmarks/RESULTS.md, "Caches"):
# the caches named here are not used. Names: public-page, layout, person, dashboard, directory.
CACHES_TURNED_OFF = frozenset(env.list("GLASNIK_BENCH_DISABLE_CACHES", default=[]))
if "layout" in CACHES_TURNED_OFF:
    CACHES["layout"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
PUBLIC_PAGE_CACHE_SECONDS = env.int("GLASNIK_PUBLIC_PAGE_CACHE_SECONDS", default=60)
# How long before a meeting starts its online link shows to the people taking part.
EVENTS_ONLINE_LINK_LEAD_MINUTES = env.int("GLASNIK_EVENTS_ONLINE_LINK_LEAD_MINUTES", default=30)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "glasnik.accounts.backends.AuthenticationBackend",  # allauth's, with a cached person
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "site:dashboard"
SITE_ID = 1

# django-allauth
ACCOUNT_ADAPTER = "glasnik.accounts.adapters.AccountAdapter"
ACCOUNT_FORMS = {"signup": "glasnik.accounts.forms.SignupForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Glasnik] "
# Tell people when their password, email address or two-factor settings change.
ACCOUNT_EMAIL_NOTIFICATIONS = True
# The client's address for every limit counted per address (allauth's and the certificate
# lookups): behind a load balancer or proxy, say how many of them append to X-Forwarded-For,
# or which header carries the client's address; otherwise every client has the proxy's.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("GLASNIK_TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env.str("GLASNIK_CLIENT_IP_HEADER", default="") or None
ACCOUNT_RATE_LIMITS = {
    # Every sign-in attempt per address: room for a training room behind one NAT.
    "login": "100/m/ip",
    # Failed sign-ins (glasnik.accounts.login_limits): per address to any account, and per
    # account at one address; per account from browsers it was never signed in on; and from a
    # browser it was signed in on, that browser's own. Also the wrong codes at the second
    # factor, per person.
    "login_failed": "30/5m/ip,5/5m/key",
    "login_failed_account": "30/h/key",
    "login_failed_known_browser": "5/5m/key",
    "signup": "20/h/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
}
MFA_ADAPTER = "allauth.mfa.adapter.DefaultMFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Glasnik"

# Internationalisation
LANGUAGE_CODE = env.str("GLASNIK_DEFAULT_LANGUAGE", default="sr")
LANGUAGES = [
    ("sr", "Српски (ћирилица)"),
    ("sr-latn", "Srpski (latinica)"),
    ("bs", "Bosanski"),
    # Bosnian in Cyrillic: the Bosnian catalogs (gettext falls back from bs_Cyrl to bs), with
    # every page and email converted to Cyrillic (glasnik.core.reader_script).
    ("bs-cyrl", "Босански (ћирилица)"),
    ("hr", "Hrvatski"),
    ("sl", "Slovenščina"),
    ("en", "English"),
]
LANGUAGE_COOKIE_NAME = "glasnik_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Our own strings first; locale-vendor holds the translations that allauth and Django lack
# (see locale-vendor/README.md). A string no catalog of a language has is shown in English,
# never in the default language's: see glasnik.core.translation_fallback.
LOCALE_PATHS = [
    BASE_DIR / "locale",
    BASE_DIR / "locale-vendor" / "allauth",
    BASE_DIR / "locale-vendor" / "django",
]
TIME_ZONE = "Europe/Belgrade"
# Dates and times as people write them in each language (Django's formats are the fallback).
FORMAT_MODULE_PATH = ["glasnik.formats"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("GLASNIK_MEDIA_ROOT", default=str(VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 3600

# Email: console by default; SMTP through EMAIL_URL in production.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Glasnik <glasnik@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Seconds any one wait on the mail server may take; without it a hung server holds a worker for
# ever, and the outbox takes a message back only after 15 minutes (glasnik.core.outbox).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)

# Background tasks (Django Tasks API)
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Security
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# The largest request body accepted at all, uploads included (the largest upload, a training
# material, is 25 MB); anything declared larger is refused before it is read.
MAX_REQUEST_BYTES = env.int("GLASNIK_MAX_REQUEST_BYTES", default=30 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"scrub_personal_data": {"()": "glasnik.core.logging.ScrubPersonalDataFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["scrub_personal_data"],
        }
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "glasnik": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
