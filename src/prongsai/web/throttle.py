"""Counting attempts in the cache under keyed hashes, atomically (log-in, password reset).

An attempt is counted BEFORE it is handled (cache.add then cache.incr, both atomic in the
shared cache), so parallel requests each see their own number and only the first ones
within a limit are handled. Only HMACs of what is counted (a name, an address, a client)
are kept, and each count expires with its window. The cache must be shared by every
server process for the limits to hold across them.
"""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache


def key(namespace: str, *parts: str) -> str:
    digest = hmac.new(
        settings.SECRET_KEY.encode(), "|".join(parts).encode(), hashlib.sha256
    ).hexdigest()
    return f"{namespace}:{digest[:32]}"


def attempt(counter: str, window_seconds: int) -> int:
    """Count one attempt atomically; the count including it. The window starts with the
    first attempt and the count ends with it."""
    cache.add(counter, 0, window_seconds)
    try:
        return int(cache.incr(counter))
    except ValueError:  # expired between add and incr
        cache.add(counter, 1, window_seconds)
        return 1


def take_back(counter: str) -> None:
    try:
        cache.decr(counter)
    except ValueError:
        pass
