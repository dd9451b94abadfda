"""Palu IKM settings: one file, driven by environment variables (see README and .env.example)."""

import os
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# Real environment variables take precedence; a missing .env file is fine.
environ.Env.read_env(BASE_DIR / ".env")

# --- core -----------------------------------------------------------------------------------
DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
# pytest sets PYTEST_VERSION: the test suite runs with debug off and needs no real key.
TESTING = "PYTEST_VERSION" in os.environ
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=true for local work).")
    # Debug/tests only.
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # nosec B105

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

ROOT_URLCONF = "palu_ikm.urls"
WSGI_APPLICATION = "palu_ikm.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- apps -----------------------------------------------------------------------------------
DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]
THIRD_PARTY_APPS = [
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "axes",
]
# The layers of the import contract (pyproject.toml, README "Project layout") are, top to
# bottom: program, accounts, mentoring, marketing, groups, audit, core.
LOCAL_APPS = [
    "core",
    "program",
    "groups",
    "mentoring",
    "marketing",
    "accounts",
    "audit",
]
# The load generator's `seed_scale` (benchmarks/) is a development tool: on in debug and tests,
# off in production unless asked for.
if env.bool("PALU_BENCHMARKS", default=DEBUG or TESTING):
    LOCAL_APPS.append("benchmarks")
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

# --- middleware -----------------------------------------------------------------------------
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside everything that can fail, so that error pages carry the policy too.
    "core.security.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # A temporary password must be changed before any other page opens.
    "accounts.middleware.PasswordChangeRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # After messages, so that an expired session can leave a message on the login page.
    "core.security.SessionTimeoutMiddleware",
    # Last, so that a lockout answers before the view runs.
    "axes.middleware.AxesMiddleware",
]

# Benchmarks only: every response says how many SQL statements it ran (core/querycount.py).
QUERY_COUNT_HEADER = env.bool("DJANGO_QUERY_COUNT_HEADER", default=False)
if QUERY_COUNT_HEADER:
    MIDDLEWARE.insert(0, "core.querycount.QueryCountMiddleware")

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
                "core.context_processors.navigation",
            ],
        },
    },
]

# <select> boxes built in Python, the rest from Django's templates (core/forms_renderer.py).
FORM_RENDERER = "core.forms_renderer.FastSelectRenderer"

# --- database -------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Persistent connections with a health check: a restarted database is reconnected to.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    if TESTING:
        # A test database is thrown away: its commits need not wait for the disk (visibility
        # and locking, which the concurrency tests check, are unchanged).
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"
else:
    # SQLite: wait for a concurrent writer instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

# --- auth -----------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # Counts failed logins and locks out before the model backend is asked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Five failures for the same username from the same address lock both for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLED = env.bool("DJANGO_AXES_ENABLED", default=True)
# Behind a reverse proxy every request comes from the proxy: read the client from X-Forwarded-For.
AXES_CLIENT_IP_CALLABLE = "core.security.client_ip"
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)

# Sessions live in the database (no state in the app process). Idle and absolute timeouts are
# enforced by core.security.SessionTimeoutMiddleware; the cookie never outlives the latter.
SESSION_IDLE_TIMEOUT = env.int("DJANGO_SESSION_IDLE_TIMEOUT", default=30 * 60)
SESSION_ABSOLUTE_TIMEOUT = env.int("DJANGO_SESSION_ABSOLUTE_TIMEOUT", default=12 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT

# --- security headers and HTTPS -------------------------------------------------------------
# Production switches follow debug: on when debug is off. The test suite (debug off, plain-HTTP
# test client) gets them off by default; each can be forced either way from the environment.
HTTPS_DEFAULT = not (DEBUG or TESTING)
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=HTTPS_DEFAULT)
# Plain-HTTP health checks from the load balancer must not be redirected.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# e.g. "HTTP_X_FORWARDED_PROTO,https" when the reverse proxy terminates HTTPS and sets that header.
_proxy_ssl_header = env.list("DJANGO_SECURE_PROXY_SSL_HEADER", default=[])
if _proxy_ssl_header:
    if len(_proxy_ssl_header) != 2:
        raise ImproperlyConfigured("DJANGO_SECURE_PROXY_SSL_HEADER is 'HEADER,value'.")
    SECURE_PROXY_SSL_HEADER = tuple(_proxy_ssl_header)
SECURE_HSTS_SECONDS = env.int(
    "DJANGO_SECURE_HSTS_SECONDS", default=365 * 24 * 60 * 60 if HTTPS_DEFAULT else 0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool(
    "DJANGO_SECURE_COOKIES", default=HTTPS_DEFAULT
)
SESSION_COOKIE_HTTPONLY = True
# No script reads the CSRF cookie: scripts take the token from the form ({% csrf_token %}).
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# The app serves every asset itself: nothing from elsewhere, no inline scripts or <style>.
# Inline style attributes stay allowed (Bootstrap progress bars set widths that way); they
# cannot run code.
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

# --- email ---------------------------------------------------------------------------------
# Password reset and new-account emails. The console backend (the default) prints them to the
# server's output; production sets an SMTP URL: smtp+tls://user:password@smtp.example.id:587
# (STARTTLS) or smtp+ssl://user:password@smtp.example.id:465 (URL-encode @ : / in user/password).
_email = env.email_url("DJANGO_EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST") or "localhost"
EMAIL_PORT = _email.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = bool(_email.get("EMAIL_USE_TLS"))
EMAIL_USE_SSL = bool(_email.get("EMAIL_USE_SSL"))
EMAIL_TIMEOUT = env.int("DJANGO_EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="Palu IKM <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# How long a password reset (or new-account) link stays valid, in seconds (default 3 days).
PASSWORD_RESET_TIMEOUT = env.int("DJANGO_PASSWORD_RESET_TIMEOUT", default=3 * 24 * 3600)

# --- i18n -----------------------------------------------------------------------------------
# Indonesian is the default (and the language of the msgids); English comes from
# locale/en. LocaleMiddleware picks the language from the cookie set by the switcher
# (core.views.set_language), else from the browser's Accept-Language.
LANGUAGE_CODE = "id"
# Each language is named in itself, as a language switcher shows it.
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
TIME_ZONE = "Asia/Makassar"  # WITA (Palu)
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# The choice made with the switcher outlives the session (a cookie for a year).
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE

# --- static and media -----------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
# Scans of legal papers and inspection photos: never under MEDIA_ROOT (served publicly), only
# through views that check who may see the group (groups/storage.py).
PRIVATE_MEDIA_ROOT = env.path("DJANGO_PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private-media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Local work and tests serve static files straight from the apps, without collectstatic.
WHITENOISE_AUTOREFRESH = WHITENOISE_USE_FINDERS = DEBUG or TESTING
# Uploads beyond this are refused before they reach a form.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- crispy ---------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- messages -------------------------------------------------------------------------------
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# --- program rules --------------------------------------------------------------------------
# Perusda pays a group for a month's consigned sales this many days after the month ends.
PALU_SETTLEMENT_DUE_DAYS = env.int("PALU_SETTLEMENT_DUE_DAYS", default=30)
# Password-reset links asked for within an hour, per email address and per network address.
PALU_PASSWORD_RESETS_PER_EMAIL = env.int("PALU_PASSWORD_RESETS_PER_EMAIL", default=3)
PALU_PASSWORD_RESETS_PER_IP = env.int("PALU_PASSWORD_RESETS_PER_IP", default=10)

# --- logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # WeasyPrint reports each step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
