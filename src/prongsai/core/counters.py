"""Attempt counters shared by every server process and machine, counted atomically.

A counter is one row (prongsai.core.models.Counter), raised by a single
INSERT … ON CONFLICT DO UPDATE … RETURNING statement: PostgreSQL locks the row and SQLite
the file for it, so parallel attempts in any number of processes each get their own number
and none is lost. Django's database cache cannot do this (its incr is a get and a set).
A counter whose window has passed starts again at 1 on its next attempt; rows left expired
are swept from time to time.
"""

import secrets
import time

from django.db import connection
from django.db.models import F

from prongsai.core.models import Counter

_TABLE = Counter._meta.db_table
SWEEP_ONE_IN = 200  # attempts per sweep of expired rows, on average

_HIT = (
    f'INSERT INTO {_TABLE} ("key", "count", "expires") VALUES (%s, 1, %s) '  # noqa: S608 - constant table
    f'ON CONFLICT ("key") DO UPDATE SET '
    f'"count" = CASE WHEN {_TABLE}."expires" <= %s THEN 1 ELSE {_TABLE}."count" + 1 END, '
    f'"expires" = CASE WHEN {_TABLE}."expires" <= %s THEN excluded."expires" '
    f'ELSE {_TABLE}."expires" END '
    f'RETURNING "count"'
)


def hit(key: str, window_seconds: int) -> int:
    """Count one attempt under `key`; the count including it. The window starts at the
    first attempt and lasts `window_seconds`."""
    now = int(time.time())
    with connection.cursor() as cursor:
        cursor.execute(_HIT, [key, now + window_seconds, now, now])
        row = cursor.fetchone()
    if secrets.randbelow(SWEEP_ONE_IN) == 0:
        sweep()
    return int(row[0])


def take_back(key: str) -> None:
    """Undo one attempt (never below zero)."""
    Counter.objects.filter(key=key, count__gt=0).update(count=F("count") - 1)


def clear(key: str) -> None:
    Counter.objects.filter(key=key).delete()


def current(key: str) -> int:
    """The count under `key` now (0 when absent or expired)."""
    row = Counter.objects.filter(key=key, expires__gt=int(time.time())).first()
    return row.count if row else 0


def sweep() -> int:
    """Delete the expired counters; how many."""
    deleted, _ = Counter.objects.filter(expires__lte=int(time.time())).delete()
    return deleted
