"""Django settings, read from the environment.

DATABASE_URL     database (default: SQLite file under ./var/)
SECRET_KEY       required unless DEBUG is on (the demo generates one)
DEBUG            "1"/"true" for development
ALLOWED_HOSTS    comma-separated host names
"""

from __future__ import annotations

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
        raise ImproperlyConfigured(
            "SECRET_KEY must be set in the environment when DEBUG is off "
            "(`rehabplan demo` generates one for the demo)."
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
    "rehabplan.organisation",
    "rehabplan.accounts",
    "rehabplan.audit",
    "rehabplan.citizens",
    "rehabplan.courses",
    "rehabplan.outbox",
    "rehabplan.scheduling",
    "rehabplan.web",
    "rehabplan.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "rehabplan.web.middleware.NoStoreMiddleware",
]

ROOT_URLCONF = "rehabplan.urls"
WSGI_APPLICATION = "rehabplan.wsgi.application"

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
                "rehabplan.web.context_processors.shell",
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

SESSION_COOKIE_HTTPONLY = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
if not DEBUG:
    SESSION_COOKIE_SECURE = _env_flag("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = _env_flag("SECURE_COOKIES", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "filters": {"redact_cpr": {"()": "rehabplan.logging_filters.RedactCprFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact_cpr"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Request lines can carry form data; Rehabplan never logs request bodies or query strings.
    "loggers": {"django.server": {"level": "WARNING"}},
}
