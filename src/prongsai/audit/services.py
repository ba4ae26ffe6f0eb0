"""Appending to and verifying the per-agency audit chains."""

import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from prongsai.agencies.models import Agency
from prongsai.audit.chain import GENESIS, event_hash, hashed_fields
from prongsai.audit.models import AuditEvent

# A read, kept importable from here for the callers that know it here.
from prongsai.audit.selectors import chain_head as chain_head


def _fields_of(event: AuditEvent) -> dict[str, Any]:
    return hashed_fields(
        agency_id=event.agency_id,
        seq=event.seq,
        created_at=event.created_at.isoformat(),
        actor_label=event.actor_label,
        action=event.action,
        object_type=event.object_type,
        object_id=event.object_id,
        payload=event.payload,
        prev_hash=event.prev_hash,
    )


def record_event(
    *, actor: Any, agency: Agency, action: str, obj: Any, payload: dict[str, Any]
) -> AuditEvent:
    """Append one event to the agency's chain (inside the caller's transaction)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_event must run inside the service's transaction")
    # Locking the agency row serialises the chain per agency on PostgreSQL; SQLite's
    # IMMEDIATE transactions already serialise all writers.
    Agency.objects.select_for_update().filter(pk=agency.pk).exists()
    last = AuditEvent.objects.filter(agency=agency).order_by("-seq").first()
    # Round-trip through JSON so the stored payload hashes the same when read back.
    clean_payload = json.loads(json.dumps(payload, cls=DjangoJSONEncoder))
    actor_obj = actor if getattr(actor, "pk", None) else None
    event = AuditEvent(
        agency=agency,
        seq=(last.seq + 1) if last else 1,
        created_at=timezone.now().replace(microsecond=0),
        actor=actor_obj,
        actor_label=actor.get_username() if actor_obj else str(actor or "system"),
        action=action,
        object_type=type(obj).__name__.lower() if obj is not None else "",
        object_id=str(getattr(obj, "pk", "") or ""),
        payload=clean_payload,
        prev_hash=last.hash if last else GENESIS,
    )
    event.hash = event_hash(settings.AUDIT_KEY, _fields_of(event))
    event.save(force_insert=True)
    return event


@dataclass(frozen=True)
class ChainReport:
    agency_slug: str
    ok: bool
    length: int
    head: str
    broken_seq: int | None = None
    problem: str = ""


def verify_chain(agency: Agency, using: str = "default") -> ChainReport:
    prev = GENESIS
    expected_seq = 1
    count = 0
    events = AuditEvent.objects.using(using).filter(agency_id=agency.pk).order_by("seq")
    for event in events.iterator():
        count += 1
        problem = ""
        if event.seq != expected_seq:
            problem = f"sequence gap: expected {expected_seq}, found {event.seq}"
        elif event.prev_hash != prev:
            problem = "prev_hash does not match the previous event"
        elif event.hash != event_hash(settings.AUDIT_KEY, _fields_of(event)):
            problem = "hash does not match the event's content"
        if problem:
            return ChainReport(agency.slug, False, count, prev, event.seq, problem)
        prev = event.hash
        expected_seq += 1
    return ChainReport(agency.slug, True, count, prev)
