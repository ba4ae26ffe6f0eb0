"""Appending to and verifying the per-agency audit chains."""

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, models, transaction
from django.utils import timezone

from prongsai.agencies import versions as place_versions
from prongsai.agencies.models import Agency
from prongsai.audit import binding
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
        rows=event.rows,
    )


def record_event(
    *,
    actor: Any,
    agency: Agency,
    action: str,
    obj: Any,
    payload: dict[str, Any],
    rows: Iterable[Any] = (),
) -> AuditEvent:
    """Append one event to the agency's chain (inside the caller's transaction).

    `rows` are the saved rows of audited models the service wrote; `obj` is bound too when
    its model is audited. The event stores their content hashes (see audit.binding).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_event must run inside the service's transaction")
    written = list(rows)
    if isinstance(obj, models.Model) and binding.is_audited(type(obj)):
        written.insert(0, obj)
    # Locking the agency row serialises the chain per agency on PostgreSQL; SQLite's
    # IMMEDIATE transactions already serialise all writers.
    Agency.objects.select_for_update().filter(pk=agency.pk).exists()
    # The place's figures change with the agency's data (pages kept under its versions).
    place_versions.changed([(agency.province_code, agency.district_code)])
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
        rows=binding.bind(written, using=DEFAULT_DB_ALIAS) if written else [],
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


def verify_rows(agency: Agency, using: str = "default") -> list[binding.RowProblem]:
    """Every row of the audited models of `agency` against the latest event binding it:
    changed, missing and unbound rows are all named."""
    bound: dict[tuple[str, str], tuple[dict[str, Any], int]] = {}
    events = AuditEvent.objects.using(using).filter(agency_id=agency.pk).order_by("seq")
    for seq, rows in events.values_list("seq", "rows").iterator():
        for entry in rows or ():
            bound[(entry["model"], str(entry["pk"]))] = (entry, seq)
    current: dict[tuple[str, str], dict[str, Any]] = {}
    for model, agency_path in binding.audited_models().items():
        label = model._meta.label_lower
        queryset = model._base_manager.using(using).filter(**{agency_path: agency.pk})
        for pk, fields in binding.snapshots(queryset).items():
            current[(label, pk)] = fields
    return binding.compare(bound, current)
