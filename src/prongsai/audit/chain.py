"""Hashing of audit events: HMAC-SHA-256 over a canonical JSON of the event's fields."""

import datetime as dt
import decimal
import hashlib
import hmac
import json
import uuid
from typing import Any

GENESIS = "0" * 64


def _plain(value: Any) -> Any:
    """The JSON form of the database values JSON has no type for."""
    if isinstance(value, dt.date | dt.time):  # datetime is a date
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    raise TypeError(f"no canonical form for {type(value).__name__}")


def canonical(fields: Any) -> bytes:
    """The one canonical JSON of prongsai: events, bound rows and backup manifests."""
    return json.dumps(
        fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_plain
    ).encode()


def event_hash(key: str, fields: dict[str, Any]) -> str:
    return hmac.new(key.encode(), canonical(fields), hashlib.sha256).hexdigest()


def digest(value: Any) -> str:
    return hashlib.sha256(canonical(value)).hexdigest()


def hashed_fields(
    *,
    agency_id: int,
    seq: int,
    created_at: str,
    actor_label: str,
    action: str,
    object_type: str,
    object_id: str,
    payload: Any,
    prev_hash: str,
    rows: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    fields = {
        "agency": agency_id,
        "seq": seq,
        "created_at": created_at,
        "actor": actor_label,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "payload": payload,
        "prev_hash": prev_hash,
    }
    # Events written before rows were bound hash as they always did.
    if rows:
        fields["rows"] = rows
    return fields
