"""What /healthz reports: the database answers, and uploaded files can be written.

Only "ok" or "unavailable" per part: never an error's text, a host, a path or a setting,
since the page is public (an error's text can hold a database address or user name).
"""

import logging
import os
import tempfile

from django.conf import settings
from django.db import connection

log = logging.getLogger(__name__)
OK = "ok"
UNAVAILABLE = "unavailable"


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure is "unavailable"; the details go to the server's log
        log.exception("health check: database")
        return UNAVAILABLE
    return OK


def _storage() -> str:
    """A file can be created and removed in MEDIA_ROOT (a shared mount gone read-only or
    away fails here)."""
    try:
        os.makedirs(settings.MEDIA_ROOT, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=settings.MEDIA_ROOT, prefix=".healthz-"):
            pass
    except OSError:
        log.exception("health check: storage")
        return UNAVAILABLE
    return OK


def status() -> dict[str, str]:
    return {"database": _database(), "storage": _storage()}


def healthy(parts: dict[str, str]) -> bool:
    return all(value == OK for value in parts.values())
