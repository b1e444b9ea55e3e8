"""Settings for the test suite: the product's settings with test-friendly defaults.

DATABASE_URL chooses the database as in production (CI runs the suite on SQLite and PostgreSQL).
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("REHABPLAN_TASK_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
# The test client speaks plain HTTP: no redirect to HTTPS, no secure-only cookies.
os.environ.setdefault("SECURE_COOKIES", "0")

from rehabplan.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
