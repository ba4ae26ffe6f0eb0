"""Settings for the test run: the real settings with test values for what has no default."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("HTTPS", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from prongsai.settings import *  # noqa: E402,F403

# On SQLite the test database is a file, not the shared in-memory database: tests with
# threads (log-in race, counters) need SQLite's file locking, which waits its turn where the
# in-memory database's table locks fail at once.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-database.sqlite3")}  # noqa: F405

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast tests only

# Tasks run at once inside the caller; the worker's own test (tests/jobs/test_worker.py)
# starts real `prongsai worker` processes on the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Each test starts with an empty cache (tests/conftest.py), also tests without a database.
# The real settings' database cache is exercised by tests/test_two_servers.py.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
