"""Settings, read from environment variables.

SQLite in the project folder is the embedded default; set DATABASE_URL for PostgreSQL.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import fontpkg_atkinson_hyperlegible
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and not env_bool("ALLOW_INSECURE_KEY", False):
        raise RuntimeError("Set SECRET_KEY (or DEBUG=1 for local development).")
    SECRET_KEY = "insecure-development-key-never-use-in-production"

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
if DEBUG and not ALLOWED_HOSTS:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "config.apps.StaticFiles",  # django.contrib.staticfiles, collecting what pages load
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",  # django-bootstrap-static: Bootstrap's CSS and JS as static files
    "django_htmx",
    "axes",
    "accounts",
    "texts",
    "exam",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.IdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a lockout into the login page with a message.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "accounts.context_processors.roles",
                "accounts.context_processors.reading",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A class of 30 pupils saving at the same moment on one laptop (docs/performance.md):
    # - IMMEDIATE: a transaction takes the write lock when it begins, so a second
    #   writer waits its turn (the busy timeout). A deferred one reads first and, when
    #   another request wrote in between, fails at its first write with "database is
    #   locked", busy timeout or not. The services' select_for_update, which SQLite
    #   ignores, then means what it means on PostgreSQL: lock, check, write. Every
    #   atomic block in the app is a write service, so taking the lock at BEGIN rather
    #   than at the first write costs little; slow work belongs outside the block.
    # - WAL: readers (page loads) never wait for the writer, nor it for them.
    # - synchronous=NORMAL: in WAL mode a commit survives a crash of the app; only a
    #   power cut may lose the last commits, never corrupt the file. Much faster.
    # - timeout (the busy timeout, seconds): how long a writer queues for the lock.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Argon2id first: a whole class logs in at the same minute, and PBKDF2 at Django's
# 1,000,000 iterations costs 0.56 s of CPU per login. Argon2id is memory-hard, so it
# resists GPU guessing better at a fraction of the CPU (figures: docs/performance.md,
# `python -m bench.bench_hashers`). PBKDF2 stays second so existing passwords still
# work; Django rehashes them with Argon2id at the next successful login.
PASSWORD_HASHERS = [
    "accounts.hashers.SchoolArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]

AUTHENTICATION_BACKENDS = [
    "accounts.backends.ThrottledBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Login throttling (django-axes, docs/security.md): a username on one address is
# locked after AXES_FAILURE_LIMIT wrong passwords for AXES_COOLOFF_MINUTES. By the
# combination, so a class behind one school NAT address cannot lock each other out,
# and a guesser cannot lock out a pupil from another address.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_VERBOSE = False
# Joining a class by code: the same idea, counted per pupil and address in the cache.
JOIN_CODE_FAILURE_LIMIT = int(os.environ.get("JOIN_CODE_FAILURE_LIMIT", "10"))
JOIN_CODE_COOLOFF_MINUTES = int(os.environ.get("JOIN_CODE_COOLOFF_MINUTES", "15"))

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "accounts:login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates with month and day names ("ma 2 mrt 2026, 14:05") instead of Django's numbers.
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Atkinson Hyperlegible for the reading comfort mode, from its PyPI package.
    ("fonts/atkinson", fontpkg_atkinson_hyperlegible.ROOT / "files"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "config.storage.ModuleAwareStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Uploads: a booklet text is small; anything larger is refused with a message.
TEXT_UPLOAD_MAX_BYTES = 1024 * 1024
# A PDF booklet or a Word file carries fonts and pictures besides its text.
TEXT_UPLOAD_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Sessions (docs/security.md): shared school computers, so a session ends when the
# browser closes and after SESSION_IDLE_MINUTES without a request
# (accounts/middleware.py). The row in the database lasts a school day at most.
SESSION_COOKIE_HTTPONLY = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", "60"))
SESSION_COOKIE_AGE = 12 * 60 * 60

# Cache and sessions (docs/deploy.md). Without REDIS_URL: a per-process memory cache
# and sessions in the database, so `make run` needs nothing more. With REDIS_URL
# (several app servers): one Redis holds the cache for all of them (the join-code
# throttle, cached pages and fragments then count and hold for every server), and
# sessions are read from it but written through to the database too (cached_db),
# so a Redis restart, which empties it, logs nobody out.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            # A Redis that is down is a cache miss, not a 500 (config/cache.py).
            "BACKEND": "config.cache.ForgivingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "leesexamens"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Production is the default when DEBUG is off: HTTPS only, behind a reverse proxy that
# sets the header named by SECURE_PROXY_SSL_HEADER (default X-Forwarded-Proto; the
# proxy must overwrite it, never pass on the client's). PLAIN_HTTP=1 is the one
# switch for a classroom laptop served over plain http on the local network.
PLAIN_HTTP = env_bool("PLAIN_HTTP", False)
if not DEBUG and not PLAIN_HTTP:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    proxy_header = os.environ.get("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto").strip()
    if proxy_header:
        SECURE_PROXY_SSL_HEADER = ("HTTP_" + proxy_header.upper().replace("-", "_"), "https")
# Preloading HSTS is a promise about the school's whole domain, made by whoever owns
# it (hstspreload.org), not a default an app can make; SECURE_HSTS_PRELOAD=1 opts in.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Content-Security-Policy (django-csp 4): no inline script anywhere; every script is a
# file under static/js. Styles allow 'unsafe-inline': pygal's charts carry a <style>
# in their SVG and bars are drawn with computed widths (docs/security.md).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
