"""Hashing of audit events: HMAC-SHA-256 over a canonical JSON of the event's fields."""

import hashlib
import hmac
from typing import Any

from prongsai.core.canonical import canonical_json

GENESIS = "0" * 64


def event_hash(key: str, fields: dict[str, Any]) -> str:
    return hmac.new(key.encode(), canonical_json(fields), hashlib.sha256).hexdigest()


def digest(value: Any) -> str:
    return hashlib.sha256(canonical_json(value)).hexdigest()


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
