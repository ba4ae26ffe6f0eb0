"""Canonical JSON: the one byte form that hashes and fingerprints are taken over.

Sorted keys, no spaces, UTF-8 with Thai left as is: the same data always gives the same bytes,
so an audit hash or a published fingerprint can be recomputed by anyone holding the data.
"""

import datetime as dt
import decimal
import json
import uuid
from typing import Any


def _plain(value: Any) -> Any:
    """The JSON form of the database values JSON has no type for."""
    if isinstance(value, dt.date | dt.time):  # datetime is a date
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    raise TypeError(f"no canonical form for {type(value).__name__}")


def canonical_json(data: Any) -> bytes:
    """The one canonical JSON of prongsai: audit events, bound rows, backup manifests and
    published snapshots."""
    return json.dumps(
        data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_plain
    ).encode()
