"""One audit event per synthetic agency, "synth.load", saying what was loaded.

Synthetic rows are written in bulk, not through the services, so no service event binds
them. With `bind` the load event binds every row of the audited models it wrote (read back
from the database, hashed as `audit.binding` does), so `prongsai audit verify` passes on a
synthetic database as on a real one. Without it (faster at national size) the chain itself
verifies but `audit verify` names every synthetic row as bound by no event — which is true.
"""

import datetime as dt
from typing import Any

from django.conf import settings

from prongsai.audit import binding
from prongsai.audit.chain import GENESIS, event_hash, hashed_fields
from prongsai.audit.models import AuditEvent
from prongsai.synth.rows import Rows

ACTION = "synth.load"


def bound_rows(agency_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """agency id → the bindings of its rows of every audited model, as stored."""
    found: dict[int, list[dict[str, Any]]] = {pk: [] for pk in agency_ids}
    for model, agency_path in binding.audited_models().items():
        label = model._meta.label_lower
        queryset = model._base_manager.filter(**{f"{agency_path}__in": agency_ids})
        owner = dict(queryset.order_by().values_list("pk", agency_path))
        for pk, fields in binding.snapshots(queryset).items():
            found[owner[int(pk)]].append(binding.binding(label, pk, fields))
    for entries in found.values():
        entries.sort(key=lambda b: (b["model"], b["pk"]))
    return found


def add_load_events(
    rows: Rows,
    agencies: list[int],
    counts: dict[int, dict[str, int]],
    when: dt.datetime,
    *,
    bind: bool,
) -> None:
    """The first event of each (new) agency's chain."""
    bindings = bound_rows(agencies) if bind else {}
    created = when.astimezone(dt.UTC).replace(microsecond=0)
    for agency_id in agencies:
        payload = {"synthetic": True, "rows_bound": bind, **counts[agency_id]}
        entries = bindings.get(agency_id, [])
        fields = hashed_fields(
            agency_id=agency_id,
            seq=1,
            created_at=created.isoformat(),
            actor_label="synth",
            action=ACTION,
            object_type="agency",
            object_id=str(agency_id),
            payload=payload,
            prev_hash=GENESIS,
            rows=entries,
        )
        rows.add(
            AuditEvent,
            agency_id=agency_id,
            seq=1,
            created_at=created,
            actor_id=None,
            actor_label="synth",
            action=ACTION,
            object_type="agency",
            object_id=str(agency_id),
            payload=payload,
            prev_hash=GENESIS,
            rows=entries,
            hash=event_hash(settings.AUDIT_KEY, fields),
        )
