"""Settings for the test suite: the product's settings with test-friendly defaults.

DATABASE_URL chooses the database as in production (CI runs the suite on SQLite and PostgreSQL).
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("REHABPLAN_TASK_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
# The test client speaks plain HTTP: no redirect to HTTPS, no secure-only cookies.
os.environ.setdefault("SECURE_COOKIES", "0")

from rehabplan.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # The concurrency tests run threads, each with its own connection. Connections to a shared
    # in-memory database fail at once with "table is locked" instead of waiting for the write
    # lock as connections to a file do, so the test database is a file in a directory of its
    # own, removed at exit with the WAL files beside it.
    import atexit
    import shutil
    import tempfile
    from pathlib import Path

    _TEST_DB_DIR = tempfile.mkdtemp(prefix="rehabplan-test-")
    atexit.register(shutil.rmtree, _TEST_DB_DIR, ignore_errors=True)
    DATABASES["default"]["TEST"] = {"NAME": str(Path(_TEST_DB_DIR) / "test.sqlite3")}  # noqa: F405

# The API's rate limit has a test of its own; generated-input runs send thousands of requests.
API_REQUESTS_PER_MINUTE = 1_000_000
