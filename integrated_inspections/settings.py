"""Settings, every one of which can be set from the environment.

With nothing set the service runs embedded: a SQLite file beside the code and Celery tasks run
in-process. `DATABASE_URL` and `REDIS_URL` switch to PostgreSQL and a real broker and worker.
"""

import datetime
import os
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

# ------------------------------------------------------------------------------
# Core
# ------------------------------------------------------------------------------
DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
# The service's public address: every absolute link in an email, the feed or the sitemap starts
# with it (core/links.py), never with a Host header.
SITE_URL = env.str("SITE_URL", default="").rstrip("/")
if DEBUG:
    # Local development only: a fixed key, the loopback hosts and the demo's address.
    SECRET_KEY = SECRET_KEY or "local-development-only-not-a-secret"  # noqa: S105 - DEBUG only
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]", "testserver"]
    SITE_URL = SITE_URL or "http://127.0.0.1:8000"
else:
    # One line that names every missing setting and the way to run locally: manage.py prints it
    # as it is, instead of a traceback.
    _missing = [
        name
        for name, value in [
            ("SECRET_KEY", SECRET_KEY),
            ("ALLOWED_HOSTS", ALLOWED_HOSTS),
            ("SITE_URL", SITE_URL),
        ]
        if not value
    ]
    if _missing:
        raise ImproperlyConfigured(
            f"{', '.join(_missing[:-1]) + ' and ' if len(_missing) > 1 else ''}{_missing[-1]} "
            f"{'is' if len(_missing) == 1 else 'are'} not set: set "
            f"{'it' if len(_missing) == 1 else 'them'}, or set DEBUG=1 to run locally "
            "(make run does)."
        )

# A test that needs PostgreSQL, Redis or a worker fails instead of skipping when this is set.
REQUIRE_SERVICES = env.bool("REQUIRE_SERVICES", default=False)

# ------------------------------------------------------------------------------
# Applications
# ------------------------------------------------------------------------------
DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]
THIRD_PARTY_APPS = [
    "guardian",
    "simple_history",
    "crispy_forms",
    "crispy_forms_gds",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
]
LOCAL_APPS = [
    # The ground floor: helpers every app uses, and the `people` template filters.
    "core",
    # Sign-in: the second factor, the lockout page, password changes.
    "integrated_inspections",
    "inspectorates",
    "inspectorates.ofsted",
    "inspectorates.cqc",
    "inspectorates.hmic",
    "inspectorates.hmi_probation",
    "inspectorates.hmi_prisons",
    "inspections",
    "judgements",
    "lscb",
    "narrative",
    "privacy",
    "referrals",
    "reports",
    "statements",
    "accuracy",
    "selection",
    "thematic",
    # The top layer: the audit log reads every app's history; seeding fills every app.
    "audit",
    "seeding",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "integrated_inspections.middleware.RejectNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise (static files keep their caching), before everything that may answer.
    "integrated_inspections.middleware.KeepPrivatePagesOutOfCachesMiddleware",
    # A file store that is down: a GOV.UK 503 page, not a server error (ADR 0015).
    "integrated_inspections.middleware.StoreUnavailableMiddleware",
    # Reads planned once per database connection (core/prepared.py, ADR 0020).
    "integrated_inspections.middleware.PlanOnceMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # A signed-in session is saved at most once a minute, not on every request.
    "integrated_inspections.middleware.RefreshSessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "integrated_inspections.accounts.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "integrated_inspections.urls"
WSGI_APPLICATION = "integrated_inspections.wsgi.application"

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
                "integrated_inspections.site_pages.site_links",
            ],
            # One date style on every page (DESIGN rule 21): `|day`, `|time_of_day`.
            "builtins": ["core.templatetags.dates"],
        },
    },
]

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# ------------------------------------------------------------------------------
# Database
# ------------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Each process keeps its database connection between requests for this many seconds (0: a new
# connection per request, which costs PostgreSQL a new backend process; bench/README.md).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"].setdefault("TEST", {})
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # A kept connection is not tested with a `SELECT 1` at the start of every request: that was
    # one round trip in four on a signed-in page (bench/README.md, fix 12). A connection that
    # died with a database restart fails the one request that finds it, and Django then drops
    # it. CONN_HEALTH_CHECKS=1 tests them again, for a network that cuts idle connections.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS", default=False)
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The embedded database serves a multi-user demo (docs/adr/0006-embedded-database.md):
    # readers never wait for the one writer (write-ahead log); every transaction takes the write
    # lock when it begins, so that two writers queue for it instead of one failing with
    # "database is locked" when it upgrades a read lock; and a writer waits this many seconds
    # for the lock (longer than any save, or a report rendered in the request without a worker).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": env.int("SQLITE_TIMEOUT", default=30),
            "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ------------------------------------------------------------------------------
# Authentication and permissions
# ------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out username and address is refused before any password check.
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, taking the user read with the session (integrated_inspections/
    # sessions.py): one round trip fewer on every signed-in request.
    "integrated_inspections.sessions.SessionUserBackend",
    "guardian.backends.ObjectPermissionBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "inspections:list"
LOGOUT_REDIRECT_URL = "login"
ANONYMOUS_USER_NAME = None  # guardian: anonymous visitors never hold object permissions

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions in the database, each with the user signed in to it as a column, read together.
SESSION_ENGINE = "integrated_inspections.sessions"
# Signed-in sessions end after an hour without activity.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60)
# Not saved on every request: RefreshSessionMiddleware restarts the hour at most once a minute.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Throttling (django-axes): after this many failed sign-ins for one username from one address,
# that pair is locked out for the cool-off time; every further try restarts the wait.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_CALLABLE = "integrated_inspections.accounts.lockout_response"
# The client address is REMOTE_ADDR: put the service behind a proxy that sets it (see README).

# Second factor (django-otp, TOTP). Anyone with a confirmed authenticator app is asked for a
# code at sign-in. With OTP_REQUIRED, staff (programme administrators and Django `is_staff`
# users) cannot use the service until they have set one up.
OTP_REQUIRED = env.bool("OTP_REQUIRED", default=not DEBUG)
OTP_TOTP_ISSUER = "Joint Inspections"

# ------------------------------------------------------------------------------
# Security headers (production)
# ------------------------------------------------------------------------------
# Scripts and styles come only from our own /static/ files: no inline scripts or style
# attributes anywhere (GOV.UK Frontend starts from the module static/js/init.mjs).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# ------------------------------------------------------------------------------
# Internationalisation and time
# ------------------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
# The service's time zone. The tests run in one far from UTC and London (pyproject.toml's pytest
# env) so that a date taken in UTC, or on the server's clock, where the local date was meant shows.
TIME_ZONE = env.str("TIME_ZONE", default="Europe/London")
USE_I18N = True
USE_TZ = True

# ------------------------------------------------------------------------------
# Static and media files
# ------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "integrated_inspections.static_storage.StaticFiles"
        )
    },
}
# In development WhiteNoise serves straight from the source folders, without collectstatic.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
# Report PDFs, response documents and statements of action live in an S3-compatible bucket
# shared by every web server and worker when one is named; on local disk (MEDIA_ROOT) otherwise.
# Downloads are streamed through the service (docs/adr/0015-object-storage.md).
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    from integrated_inspections.object_store import s3_settings

    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    globals().update(s3_settings(os.environ, bucket=AWS_STORAGE_BUCKET_NAME))

# ------------------------------------------------------------------------------
# Celery
# ------------------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
# Embedded default: without a broker, tasks run in-process when they are queued: in the web
# process's background thread (integrated_inspections/background.py), so that asking for a render
# answers at once and its page shows the stages; in the request itself with
# TASKS_IN_BACKGROUND=0 (the tests without Redis, where a test needs the result at once).
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
TASKS_IN_BACKGROUND = env.bool("TASKS_IN_BACKGROUND", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = False
# A worker killed mid-render leaves the task on the broker for another worker.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A message a dead worker never acknowledged goes back to the queue after this many seconds.
# Longer than any render; tests that kill a worker shorten it.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=600),
    "socket_connect_timeout": 2,
}
CELERY_TASK_TIME_LIMIT = 15 * 60
# The queue tasks are sent to: one of its own for a test or benchmark that runs web servers and
# workers on a shared Redis (tests/integrated_inspections/test_several_processes.py).
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="celery")
# Celery beat (a worker started with --beat): versions left queued while Redis was down are
# sent again every minute.
CELERY_BEAT_SCHEDULE = {
    "requeue-stuck-report-versions": {
        "task": "reports.requeue_stuck_report_versions",
        "schedule": 60.0,
    },
    # Children's personal details erased once kept long enough after publication (rule 14).
    "erase-personal-details": {
        "task": "privacy.erase_personal_details",
        "schedule": crontab(hour=2, minute=30),
    },
    # Areas that owe a written statement of action are told once, and reminded before it is due.
    "remind-statements-due": {
        "task": "statements.remind_statements_due",
        "schedule": 24 * 60 * 60.0,
    },
    # A referral with no response by the end of the next working day (DESIGN rule 13).
    "escalate-overdue-referrals": {
        "task": "referrals.escalate_overdue_referrals",
        "schedule": 15 * 60.0,
    },
    # Contacts who have not answered are reminded two working days before the deadline.
    "factual-accuracy-reminders": {"task": "accuracy.send_reminders", "schedule": 3600.0},
    "requeue-stuck-accuracy-responses": {
        "task": "accuracy.requeue_stuck_responses",
        "schedule": 60.0,
    },
}
CELERY_TIMEZONE = TIME_ZONE
# Days a published inspection keeps its children's personal details (DESIGN rule 14).
PERSONAL_DETAILS_KEPT_DAYS = env.int("PERSONAL_DETAILS_KEPT_DAYS", default=365)

# ------------------------------------------------------------------------------
# Caching
# ------------------------------------------------------------------------------
# Seconds each process may reuse what it read of the published reports' state before asking the
# database again (reports/caching.py). Off with DEBUG, where every change must show at once.
PUBLIC_STATE_SECONDS = env.float("PUBLIC_STATE_SECONDS", default=0 if DEBUG else 2)

# ------------------------------------------------------------------------------
# Email
# ------------------------------------------------------------------------------
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="joint-inspections@localhost")

# ------------------------------------------------------------------------------
# Logging
# ------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Lockouts and repeated failures only; not every successful sign-in.
        "axes": {"level": "WARNING"},
    },
}

# ------------------------------------------------------------------------------
# Demo data
# ------------------------------------------------------------------------------
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="demo-pass-2015")
