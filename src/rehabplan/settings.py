"""Django settings, read from the environment.

DATABASE_URL     database (default: SQLite file under ./var/)
SECRET_KEY       required unless DEBUG is on (the demo generates one)
DEBUG            "1"/"true" for development
ALLOWED_HOSTS    comma-separated host names
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

SOURCE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = Path(os.environ.get("REHABPLAN_HOME", Path.cwd())).resolve()
VAR_DIR = PROJECT_DIR / "var"


def _env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = _env_flag("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG:
        SECRET_KEY = "insecure-development-key-only-for-debug"
    else:
        # Read by the operator who starts the server: Danish, like the rest of the product.
        raise ImproperlyConfigured(
            "SECRET_KEY skal sættes i miljøet, når DEBUG er slået fra "
            "(`rehabplan demo` laver selv en til demoen)."
        )

ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if host.strip()
]

INSTALLED_APPS = [
    "rehabplan.web.admin.apps.RehabplanAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "ninja",
    "rehabplan.organisation",
    "rehabplan.accounts",
    "rehabplan.audit",
    "rehabplan.citizens",
    "rehabplan.courses",
    "rehabplan.outbox",
    "rehabplan.messaging",
    "rehabplan.selfservice",
    "rehabplan.scheduling",
    "rehabplan.whatif",
    "rehabplan.reporting",
    "rehabplan.alerts",
    "rehabplan.homeprogrammes",
    "rehabplan.trainingpackages",
    "rehabplan.api",
    "rehabplan.web",
    "rehabplan.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "rehabplan.web.middleware.StandardsRegistryPerRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    "rehabplan.web.security.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "rehabplan.web.security.session_timeout.SessionTimeoutMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "rehabplan.web.middleware.NoStoreMiddleware",
    "rehabplan.api.idempotency.ApiTransactionMiddleware",
    # Last, so that it sees the lockout flag set during authentication and answers with 429.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "rehabplan.urls"
WSGI_APPLICATION = "rehabplan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Ahead of Django's admin templates, which the app directories cannot override.
        "DIRS": [SOURCE_DIR / "web" / "admin" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rehabplan.web.context_processors.shell",
                "rehabplan.web.security.context_processors.session_timeout",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'rehabplan.sqlite3'}"),
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the task worker share the file: wait for locks instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The screens run short queries. PostgreSQL compiles any query whose estimated cost is high
    # with its JIT, which on the full-size data spent 2.4 s compiling a worklist query that runs
    # in 100 ms (docs/indexes.md); the product's connections leave JIT off.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk")]
LOCALE_PATHS = [SOURCE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
# Our Danish formats (dates as "2. december 2026", inputs as dd-mm-åååå) before Django's own.
FORMAT_MODULE_PATH = ["rehabplan.formats"]
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [SOURCE_DIR / "web" / "assets"]
# WhiteNoise serves the static files straight from the source folders: no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

TASKS = {
    "default": {
        "BACKEND": os.environ.get("REHABPLAN_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# --- Upload limits (GOP files; the parser's own limits are in rehabplan/gop/limits.py) -------
# A request of up to 256 kB (a few real GOPs) is held in memory; a larger one has all its files
# streamed to temporary files in 64 kB chunks, so no request keeps more than that in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
# The upload form takes 20 files and says so in Danish. Django refuses a request carrying more
# than twice that (HTTP 400, templates/400.html) before storing its files: a little room so a
# user who picks a few too many gets the form's explanation.
GOP_UPLOAD_MAX_FILES = 20
DATA_UPLOAD_MAX_NUMBER_FILES = 2 * GOP_UPLOAD_MAX_FILES
# The web server refuses a request body above this before Django sees it (waitress's own default
# is 1 GB): the largest legitimate request is a full upload of 2 MB files plus the form fields.
REQUEST_BODY_MAX_BYTES = GOP_UPLOAD_MAX_FILES * 2_000_000 + 1_000_000
# --- end of upload limits -----------------------------------------------------------------


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} skal være et helt tal, ikke {value!r}") from None
    if number <= 0:
        raise ImproperlyConfigured(f"{name} skal være større end 0, ikke {number}")
    return number


# --- Sessions ---------------------------------------------------------------------------------
# A session ends after SESSION_IDLE_MINUTES without activity and SESSION_MAX_HOURS after login,
# whichever comes first (rehabplan.web.security.session_timeout). The cookie itself lives until
# the browser closes; the cookie age is only a backstop for the absolute limit.
SESSION_IDLE_MINUTES = _env_int("SESSION_IDLE_MINUTES", 30)
SESSION_MAX_HOURS = _env_int("SESSION_MAX_HOURS", 12)
# The browser warns this long before the idle logout and offers to stay logged in.
SESSION_WARNING_SECONDS = 120
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# --- Login lockout (django-axes) ----------------------------------------------------------------
# A user name is locked after LOGIN_FAILURE_LIMIT failures from any address, and an address after
# LOGIN_ADDRESS_FAILURE_LIMIT failures for any user names; the address limit is higher because a
# whole town hall may reach the server from one address. Both count the last LOGIN_COOLOFF_MINUTES
# and lift by themselves when that has passed, or when an administrator unlocks on
# /brugere/spaerrede/. rehabplan.accounts.login holds the handler, the response and the audit.
AUTHENTICATION_BACKENDS = [
    "rehabplan.accounts.login.lockout.LockoutBackend",
    "rehabplan.accounts.login.backend.StaffBackend",
]
LOGIN_FAILURE_LIMIT = _env_int("LOGIN_FAILURE_LIMIT", 5)
# Requests per API token (or web user) and minute before the API answers 429.
API_REQUESTS_PER_MINUTE = _env_int("API_REQUESTS_PER_MINUTE", 600)
LOGIN_ADDRESS_FAILURE_LIMIT = _env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 30)
LOGIN_COOLOFF_MINUTES = _env_int("LOGIN_COOLOFF_MINUTES", 30)
AXES_HANDLER = "rehabplan.accounts.login.lockout.LockoutHandler"
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = "rehabplan.accounts.login.lockout.cooloff"
AXES_LOCKOUT_CALLABLE = "rehabplan.accounts.login.responses.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_RESET_ON_SUCCESS = False
# The unlock page is a product page for the municipality's administrator, not the Django admin.
AXES_ENABLE_ADMIN = False
# axes' own log lines name neither the user name nor the address; the audit log has both, and
# successful logins are kept there only, not in a second table of axes'.
AXES_VERBOSE = False
AXES_DISABLE_ACCESS_LOG = True

# --- Security headers -----------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CSRF_COOKIE_HTTPONLY = False
# No inline script or style anywhere: htmx is configured in a <meta> tag and the page's own
# behaviour lives in web/assets/js. See docs/security.md.
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
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
# Browser features the product never uses are switched off (rehabplan.web.security.headers).
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}
SECURE_COOKIES = _env_flag("SECURE_COOKIES", not DEBUG)
# The address of the TLS proxy in front of `rehabplan serve`. waitress takes the client's address
# and the scheme from that proxy's X-Forwarded-For and X-Forwarded-Proto, and from no one else;
# without it the lockout would count every login under the proxy's address.
TRUSTED_PROXY = os.environ.get("TRUSTED_PROXY", "").strip()
if SECURE_COOKIES:
    # Production runs behind a TLS proxy that sets X-Forwarded-Proto and overwrites any value a
    # client sent; Django then knows the request came over HTTPS. See docs/security.md.
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# --- Benchmark ---------------------------------------------------------------------------------
# benchmarks/web_bench.py sets this for the servers it starts: the URL configuration then adds a
# bare page (rehabplan.web.benchmark) to compare the citizen page's throughput with. Production
# never sets it, and without it that page does not exist.
BENCHMARK_BARE_VIEW = _env_flag("REHABPLAN_BENCHMARK_BARE_VIEW")

# --- Logging ----------------------------------------------------------------------------------
# Every handler formats through the CPR redaction, so no part of a record (message, arguments,
# traceback, stack, extra fields) reaches a log with a CPR number. Django's own loggers are sent
# to the same handler: their defaults would mail or print tracebacks around it.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {
            "()": "rehabplan.logging_filters.RedactingFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s: %(message)s",
        }
    },
    "filters": {"redact_cpr": {"()": "rehabplan.logging_filters.RedactCprFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact_cpr"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # 500 errors with their tracebacks (django.request) and everything else from Django.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Request lines can carry form data; Rehabplan never logs request bodies or query strings.
        "django.server": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

# KL Gateway §140 delivery: the sender (dotted path to a class) and the file sender's folder.
REHABPLAN_KL_GATEWAY_SENDER = os.environ.get(
    "REHABPLAN_KL_GATEWAY_SENDER", "rehabplan.reporting.klgateway.senders.FileSender"
)
REHABPLAN_KL_GATEWAY_DIR = os.environ.get("REHABPLAN_KL_GATEWAY_DIR", str(VAR_DIR / "kl-gateway"))

# SMS: the gateway ("file" writes each message to REHABPLAN_SMS_DIR, "console" to the log, "http"
# posts to REHABPLAN_SMS_HTTP_URL with the token), and the sender name on the citizen's phone.
REHABPLAN_SMS_GATEWAY = os.environ.get("REHABPLAN_SMS_GATEWAY", "file")
REHABPLAN_SMS_DIR = os.environ.get("REHABPLAN_SMS_DIR", str(VAR_DIR / "sms"))
REHABPLAN_SMS_HTTP_URL = os.environ.get("REHABPLAN_SMS_HTTP_URL", "")
REHABPLAN_SMS_HTTP_TOKEN = os.environ.get("REHABPLAN_SMS_HTTP_TOKEN", "")
REHABPLAN_SMS_HTTP_TIMEOUT = float(os.environ.get("REHABPLAN_SMS_HTTP_TIMEOUT", "10"))
REHABPLAN_SMS_SENDER = os.environ.get("REHABPLAN_SMS_SENDER", "Rehabplan")
# No SMS between these hours (Danish time); a reminder due then goes out before or after.
REHABPLAN_SMS_QUIET_FROM = int(os.environ.get("REHABPLAN_SMS_QUIET_FROM", "21"))
REHABPLAN_SMS_QUIET_UNTIL = int(os.environ.get("REHABPLAN_SMS_QUIET_UNTIL", "8"))

# The outbox: the folder the default senders write to (one folder per channel), another sender
# class per channel if wanted ({"digital_post": "dotted.path.Sender"} as JSON), and how long a
# worker holds a message it is sending before another may take it.
REHABPLAN_OUTBOX_DIR = os.environ.get("REHABPLAN_OUTBOX_DIR", str(VAR_DIR / "outbox"))
REHABPLAN_OUTBOX_SENDERS = json.loads(os.environ.get("REHABPLAN_OUTBOX_SENDERS", "{}"))
REHABPLAN_OUTBOX_LEASE_SECONDS = int(os.environ.get("REHABPLAN_OUTBOX_LEASE_SECONDS", "300"))

# --- Deadline alerts (docs/alerts.md) ---------------------------------------------------------
DEADLINE_KINDS_ALERTED = ("contact", "decision", "start")


def _env_lead_days(name: str, default: dict[str, int]) -> dict[str, int]:
    """Working days of warning per deadline kind, e.g. "contact=1,decision=2,start=2"; a kind
    left out keeps its default."""
    value = os.environ.get(name, "").strip()
    lead = dict(default)
    for part in filter(None, (item.strip() for item in value.split(","))):
        kind, _, days = part.partition("=")
        kind = kind.strip()
        if kind not in DEADLINE_KINDS_ALERTED or not days.strip().isdigit():
            raise ImproperlyConfigured(
                f"{name} skal have formen contact=1,decision=2,start=2 "
                f"(hverdage før fristen, 0-30), ikke {value!r}"
            )
        lead[kind] = int(days)
        if lead[kind] > 30:
            raise ImproperlyConfigured(f"{name}: højst 30 hverdage før fristen, ikke {lead[kind]}")
    return lead


# How many working days before a deadline its responsible staff are alerted, per deadline kind;
# a municipality (by its slug) may have its own numbers for some kinds in the second setting.
REHABPLAN_ALERT_LEAD_DAYS = _env_lead_days(
    "REHABPLAN_ALERT_LEAD_DAYS", {"contact": 1, "decision": 2, "start": 2}
)
REHABPLAN_ALERT_LEAD_DAYS_BY_MUNICIPALITY: dict[str, dict[str, int]] = {}
# The address staff reach the product on: e-mails link to the case with it.
REHABPLAN_BASE_URL = os.environ.get("REHABPLAN_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# E-mail for staff alerts: the console by default; set EMAIL_BACKEND to Django's SMTP backend
# and EMAIL_HOST (and the rest) for real delivery.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _env_flag("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "rehabplan@localhost")
# --- Citizen self-service (/borger/) ------------------------------------------------------------
# How a citizen logs in: a dotted path to a CitizenLoginMethod (rehabplan.selfservice.login).
# The one-time code by SMS or e-mail is the default; MitID replaces it here. See
# docs/selfservice.md.
SELFSERVICE_LOGIN_METHOD = os.environ.get(
    "SELFSERVICE_LOGIN_METHOD", "rehabplan.web.selfservice.onetime.OneTimeCodeLogin"
)
SELFSERVICE_CODE_MINUTES = _env_int("SELFSERVICE_CODE_MINUTES", 10)
# Wrong codes before a code stops working, and codes one CPR number may ask for, codes one client
# address may ask for and codes one address may type within SELFSERVICE_LIMIT_MINUTES.
SELFSERVICE_CODE_ATTEMPTS = _env_int("SELFSERVICE_CODE_ATTEMPTS", 5)
SELFSERVICE_CODES_PER_CPR = _env_int("SELFSERVICE_CODES_PER_CPR", 5)
SELFSERVICE_CODES_PER_ADDRESS = _env_int("SELFSERVICE_CODES_PER_ADDRESS", 30)
SELFSERVICE_ATTEMPTS_PER_ADDRESS = _env_int("SELFSERVICE_ATTEMPTS_PER_ADDRESS", 30)
SELFSERVICE_LIMIT_MINUTES = _env_int("SELFSERVICE_LIMIT_MINUTES", 60)
# A citizen is logged out after this long without activity and at the latest this long after login.
SELFSERVICE_IDLE_MINUTES = _env_int("SELFSERVICE_IDLE_MINUTES", 30)
SELFSERVICE_MAX_MINUTES = _env_int("SELFSERVICE_MAX_MINUTES", 120)
