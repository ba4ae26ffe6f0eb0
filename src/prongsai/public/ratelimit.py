"""Abuse limits for the public feedback channel without keeping anyone's address.

The client's address is read here and nowhere else. It becomes an HMAC under a key that
changes every hour (derived from SECRET_KEY and the hour number), and only that digest is
kept, as a counter in Django's cache (process memory), for at most an hour. Nothing goes
to the database or the logs; after the hour the digest can no longer be linked to the
address even with the server's secret, because the hour's key is never stored.

Behind a reverse proxy REMOTE_ADDR is the proxy's; the limit then applies to everybody
together (documented in the report of issue 5).
"""

import hashlib
import hmac
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

WINDOW_SECONDS = 3600


def _hour() -> int:
    return int(time.time() // WINDOW_SECONDS)


def client_key(request: HttpRequest, bucket: str) -> str:
    hour = _hour()
    hour_key = hmac.new(
        settings.SECRET_KEY.encode(), f"prongsai.public.ratelimit:{hour}".encode(), hashlib.sha256
    ).digest()
    address = str(request.META.get("REMOTE_ADDR", ""))
    digest = hmac.new(hour_key, address.encode(), hashlib.sha256).hexdigest()[:32]
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
