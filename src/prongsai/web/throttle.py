"""Counting attempts under keyed hashes, atomically (log-in, password reset).

An attempt is counted BEFORE it is handled, in the database every server process shares
(prongsai.core.counters: one atomic upsert), so parallel requests each see their own number
and only the first ones within a limit are handled, whichever process serves them. Only
HMACs of what is counted (a name, an address, a client) are kept, and each count expires
with its window.
"""

import hashlib
import hmac

from django.conf import settings

from prongsai.core import counters


def key(namespace: str, *parts: str) -> str:
    digest = hmac.new(
        settings.SECRET_KEY.encode(), "|".join(parts).encode(), hashlib.sha256
    ).hexdigest()
    return f"{namespace}:{digest[:32]}"


def attempt(counter: str, window_seconds: int) -> int:
    """Count one attempt atomically; the count including it. The window starts with the
    first attempt and the count ends with it."""
    return counters.hit(counter, window_seconds)


def take_back(counter: str) -> None:
    counters.take_back(counter)
