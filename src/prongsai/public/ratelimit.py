"""Abuse limits for the public feedback channel without keeping anyone's address.

Of the public part, only this module reads the client's address (prongsai.core.proxies
may first put the client's address in place of a trusted proxy's). It becomes an HMAC
under a key of the current hour, and only that digest is kept, as a counter in the
database (prongsai.core.counters), for at most an hour. Nothing else goes to the
database, and nothing goes to the logs.

The hour's key is 32 random bytes made when the hour begins. It is never derived from
SECRET_KEY or any other setting. Every server process and machine of the site must count
the same client under the same digest, so the key is kept where they all see it: one row
of the shared database (prongsai.core.models.HourKey), deleted when the first attempt of
a later hour makes that hour's key, or at the latest by the daily `prongsai purge_cases`,
and never copied into a backup (its rows and the counters are left out of every backup).
So once the key is deleted nobody can link a digest to an address: not with the server's
secret, not with the database or a backup. Within the hour, someone able to read the
running database (or a server process's memory) could test candidate addresses against
the digests of that hour; that is the limit of the promise. Before several servers shared
the count, the key lived only in one process's memory; in the database it is exposed to
whoever can read the database during its hour, which is the price of a limit that holds
across servers.

Behind a reverse proxy REMOTE_ADDR is the proxy's unless the server is told the client's
address (TRUSTED_PROXIES with X-Forwarded-For, or `prongsai serve --proxy-protocol`);
otherwise the limit applies to everybody together (docs/operations.md).
"""

import datetime as dt
import hashlib
import hmac
import secrets
import threading
import time

from django.conf import settings
from django.http import HttpRequest

from prongsai.core import counters
from prongsai.core.models import HourKey

WINDOW_SECONDS = 3600

# Each process remembers the agreed key of the current hour only, to spare a query per
# attempt; it forgets it when the hour changes.
_key_lock = threading.Lock()
_key_hour: int | None = None
_key = b""


def _hour() -> int:
    return int(time.time() // WINDOW_SECONDS)


def _shared_key(hour: int) -> bytes:
    """The key every process uses in `hour`: the first process to need it makes it, the
    others read it; keys of past hours are deleted."""
    HourKey.objects.bulk_create(
        [HourKey(hour=hour, key=secrets.token_bytes(32))], ignore_conflicts=True
    )
    forget_past_keys(hour)
    return bytes(HourKey.objects.get(hour=hour).key)


def forget_past_keys(hour: int | None = None) -> None:
    """Delete the keys of the hours before `hour` (default: the current hour)."""
    HourKey.objects.filter(hour__lt=_hour() if hour is None else hour).delete()


def _hour_key(hour: int) -> bytes:
    global _key_hour, _key
    with _key_lock:
        if _key_hour != hour:
            _key = _shared_key(hour)
            _key_hour = hour
        return _key


def client_key(request: HttpRequest, bucket: str) -> str:
    hour = _hour()
    address = str(request.META.get("REMOTE_ADDR", ""))
    digest = hmac.new(_hour_key(hour), address.encode(), hashlib.sha256).hexdigest()[:32]
    return f"public:rl:{bucket}:{hour}:{digest}"


def allow(request: HttpRequest, bucket: str, limit: int) -> bool:
    """Count one attempt of this client in `bucket`; False once it passes `limit` per hour
    (counted across every server process)."""
    return counters.hit(client_key(request, bucket), WINDOW_SECONDS) <= limit


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
