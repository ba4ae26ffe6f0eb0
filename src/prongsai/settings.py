"""Django settings, read strictly from the environment (see prongsai.env and docs/operations.md)."""

import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from prongsai.core.logging import LOGGING_FRAGMENT as PUBLIC_LOGGING
from prongsai.core.offline import offline_run
from prongsai.env import (
    cache_from_url,
    database_from_url,
    env_addresses,
    env_bool,
    env_int,
    env_list,
    env_str,
)

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(env_str("PRONGSAI_VAR_DIR") or Path.cwd() / "var").resolve()
# An offline tool (lint, score, … see prongsai.core.offline) reads files and prints: it needs
# no secret, no database and no var/ folder on the workstation it runs on.
OFFLINE = offline_run()

DEBUG = env_bool("DEBUG", False)
_secret = env_str("SECRET_KEY")
if not _secret and OFFLINE:
    _secret = secrets.token_urlsafe(50)  # signs nothing that outlives this process
if not _secret:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is required when DEBUG is off (ต้องกำหนด SECRET_KEY เมื่อปิด DEBUG)"
        )
    _secret = "insecure-development-key-only-for-DEBUG"  # noqa: S105 - DEBUG only
SECRET_KEY: str = _secret
if not OFFLINE:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
# Keys the audit chain (HMAC-SHA-256); defaults to SECRET_KEY, settable apart so that a
# rotated session key does not break the chain.
AUDIT_KEY: str = env_str("AUDIT_KEY") or SECRET_KEY

# Addresses of the reverse proxies whose X-Forwarded-For names the client (core.proxies).
TRUSTED_PROXIES = env_addresses("TRUSTED_PROXIES")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    # prongsai's apps, lowest layer first (docs/architecture.md; import-linter holds the order)
    "prongsai.core",
    "prongsai.agencies",
    "prongsai.audit",
    "prongsai.registry",
    "prongsai.measures",
    "prongsai.assessments",
    "prongsai.memos",
    "prongsai.imports",
    "prongsai.public",
    "prongsai.oit",
    "prongsai.reminders",
    "prongsai.oversight",
    "prongsai.jobs",
    "prongsai.web",
    "prongsai.synth",
    "prongsai.demo",
]

MIDDLEWARE = [
    "prongsai.core.proxies.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "prongsai.core.i18n.ThaiFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "prongsai.urls"
WSGI_APPLICATION = "prongsai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    }
]

# No database at all for an offline tool: a query would fail, never open a real database.
DATABASES = (
    {}
    if OFFLINE
    else {
        "default": database_from_url(
            env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'prongsai.sqlite3'}", str(VAR_DIR)
        )
    }
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Django's checks with Thai messages (prongsai.core.passwords); at least 10 characters.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "prongsai.core.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "prongsai.core.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "prongsai.core.passwords.CommonPasswordValidator"},
    {"NAME": "prongsai.core.passwords.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
if not OFFLINE:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Serve straight from the package's static folder, so `collectstatic` is optional.
WHITENOISE_USE_FINDERS = True
# Uploaded files live under var/, never under the static root, and are served only by
# views that check access (with X-Content-Type-Options: nosniff).
# With several app servers, MEDIA_ROOT is one directory they all mount (docs/operations.md).
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or VAR_DIR / "uploads")
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# The emblem (ครุฑ) of the memo's first page: a PNG/JPEG the agency supplies. We ship only
# a neutral placeholder, never the state emblem.
MEMO_EMBLEM_PATH = env_str("MEMO_EMBLEM_PATH") or str(
    PACKAGE_DIR / "memos" / "assets" / "emblem-placeholder.png"
)

# Public feedback and complaints.
COMPLAINT_RETENTION_DAYS = env_int("COMPLAINT_RETENTION_DAYS", 730, minimum=1)
FEEDBACK_RATE_LIMIT_PER_HOUR = env_int("FEEDBACK_RATE_LIMIT_PER_HOUR", 5, minimum=1)

EMAIL_BACKEND = env_str("EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = env_str("EMAIL_HOST") or "localhost"
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL") or "prongsai@localhost"
# Seconds to wait for the mail server: a dead server fails the sending, not the whole page.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1)
# A password-reset link works for a day (and only until the password changes).
PASSWORD_RESET_TIMEOUT = 24 * 3600
# The site's public address, for links that leave the site (invitations, e-mails).
SITE_URL = env_str("SITE_URL") or "http://127.0.0.1:8000"

# Link checks (prongsai.oit.links): seconds to connect and for a whole check (redirects
# included), the most bytes read of one answer, threads of one run.
LINK_CHECK_CONNECT_TIMEOUT = env_int("LINK_CHECK_CONNECT_TIMEOUT", 5, minimum=1)
LINK_CHECK_TIMEOUT = env_int("LINK_CHECK_TIMEOUT", 15, minimum=1)
LINK_CHECK_MAX_BYTES = env_int("LINK_CHECK_MAX_BYTES", 5 * 1024 * 1024, minimum=1024)
LINK_CHECK_WORKERS = env_int("LINK_CHECK_WORKERS", 8, minimum=1)
# Never from the environment: a server's link checker must not reach its own network. Only
# the tests turn it on, for their local server on loopback.
LINK_CHECK_ALLOW_PRIVATE = False
# Long work (every agency's memos of a year, link checks of an agency) runs outside the web
# request, in `prongsai worker` processes that take tasks from the database: nothing more
# than the database itself is needed, and a PostgreSQL deployment runs as many workers as
# it wants. TASKS_BACKEND=immediate runs a task at once inside the caller (tests only).
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if env_str("TASKS_BACKEND") == "immediate"
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default"],
    }
}
# A running job whose worker wrote no progress for this long is taken over by the next
# worker that looks (a worker killed on another machine); see prongsai.jobs.recovery.
JOB_STALE_SECONDS = env_int("JOB_STALE_SECONDS", 300, minimum=10)

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600, minimum=300)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

HTTPS = env_bool("HTTPS", not DEBUG)
if HTTPS:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# No inline scripts or styles: everything comes from /static/.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}

# One cache for every server process and machine: by default a table in the database they
# share (created by core's first migration), or Redis when CACHE_URL names one. Nothing
# that must be counted exactly lives in the cache (prongsai.core.counters).
CACHES = {"default": cache_from_url(env_str("CACHE_URL") or "")}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # Records of public paths (/p/…) lose their request object, so no handler can print
    # a visitor's address or user agent (see prongsai.core.logging).
    "filters": dict(PUBLIC_LOGGING["filters"]),
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["drop_public_request"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL") or "INFO"},
    "loggers": {
        **PUBLIC_LOGGING["loggers"],
        # Django's request logger writes the path of failing requests only; the server
        # (`prongsai serve`, gunicorn) writes no access log unless asked, and then one
        # without client addresses or user agents, so no client address is logged.
        "django.request": {"level": "ERROR", "filters": ["drop_public_request"]},
    },
}
