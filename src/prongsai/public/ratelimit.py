"""Abuse limits for the public feedback channel without keeping anyone's address.

The client's address is read here and nowhere else. It becomes an HMAC under a key of the
current hour, and only that digest is kept, as a counter in Django's cache (process
memory), for at most an hour. Nothing goes to the database or the logs.

The hour's key is 32 random bytes made in this process when the hour begins and replaced
when it ends. It is never derived from SECRET_KEY or any other setting and never stored
outside the process's memory, so once the hour is over nobody can link a digest to an
address: not with the server's secret, not with the database or a backup. Within the hour,
someone able to read the running process's memory could still test candidate addresses
against the digests; that is the limit of the promise.

Each process has its own key, like its own cache: the limit counts per process. A cache
shared between processes (Redis, memcached) would therefore not share the counters; the
settings use the local-memory cache.

Behind a reverse proxy REMOTE_ADDR is the proxy's; the limit then applies to everybody
together (docs/operations.md).
"""

import datetime as dt
import hashlib
import hmac
import secrets
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

WINDOW_SECONDS = 3600

_key_lock = threading.Lock()
_key_hour: int | None = None
_key = b""


def _hour() -> int:
    return int(time.time() // WINDOW_SECONDS)


def _hour_key(hour: int) -> bytes:
    """The random key of `hour`; a new one (the previous key forgotten) when the hour
    changes."""
    global _key_hour, _key
    with _key_lock:
        if _key_hour != hour:
            _key = secrets.token_bytes(32)
            _key_hour = hour
        return _key


def client_key(request: HttpRequest, bucket: str) -> str:
    hour = _hour()
    address = str(request.META.get("REMOTE_ADDR", ""))
    digest = hmac.new(_hour_key(hour), address.encode(), hashlib.sha256).hexdigest()[:32]
    return f"public:rl:{bucket}:{hour}:{digest}"


def allow(request: HttpRequest, bucket: str, limit: int) -> bool:
    """Count one attempt of this client in `bucket`; False once it passes `limit` per hour."""
    key = client_key(request, bucket)
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS)
        count = 1
    return count <= limit


def submission_limit() -> int:
    return int(settings.FEEDBACK_RATE_LIMIT_PER_HOUR)


def lookup_limit() -> int:
    """Receipt checks per hour: generous for a person, useless for guessing 10^10 codes."""
    return 6 * submission_limit()


def retry_at() -> dt.datetime:
    """When a client stopped now may try again: the next hour opens fresh counters."""
    return dt.datetime.fromtimestamp((_hour() + 1) * WINDOW_SECONDS, tz=dt.UTC)


def retry_after_seconds() -> int:
    return max(1, int((_hour() + 1) * WINDOW_SECONDS - time.time()))
