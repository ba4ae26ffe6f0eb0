"""Reading the audit log: the chain head, one event's hash, and the history pages' rows."""

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from prongsai.agencies.models import Agency
from prongsai.audit.chain import GENESIS
from prongsai.audit.models import AuditEvent
from prongsai.audit.sentences import sentences

# Complaint cases are for complaint officers only; others see that something happened to
# "a case" but not which or what.
CONFIDENTIAL_PREFIXES = ("case", "feedback", "complaint")

HISTORY_PAGE_SIZE = 50


def chain_head(agency: Agency) -> str:
    """The hash of the agency's newest event (GENESIS while the chain is empty)."""
    last = AuditEvent.objects.filter(agency=agency).order_by("-seq").only("hash").first()
    return last.hash if last else GENESIS


def event_hash_of(agency_id: int, action: str, object_type: str, object_id: str) -> str:
    """The hash of the event that recorded `action` on an object ("" if there is none)."""
    event = (
        AuditEvent.objects.filter(
            agency_id=agency_id, action=action, object_type=object_type, object_id=object_id
        )
        .only("hash")
        .first()
    )
    return event.hash if event else ""


@dataclass(frozen=True)
class EventRow:
    seq: int
    created_at: dt.datetime
    actor_label: str
    action: str  # the code ("report.publish"); people read `sentence`
    object_type: str
    object_id: str
    payload: dict[str, Any]
    hash: str
    sentence: str = ""  # what happened, in one sentence of the active language


def _rows(events: QuerySet[AuditEvent] | list[AuditEvent]) -> tuple[EventRow, ...]:
    rows = [
        EventRow(
            seq=e.seq,
            created_at=e.created_at,
            actor_label=e.actor_label,
            action=e.action,
            object_type=e.object_type,
            object_id=e.object_id,
            payload=e.payload,
            hash=e.hash,
        )
        for e in events
    ]
    said = sentences(rows)
    return tuple(replace(row, sentence=said[row.seq]) for row in rows)


def is_confidential(object_type: str) -> bool:
    return object_type.startswith(CONFIDENTIAL_PREFIXES)


def agency_history(
    agency: Agency, page_number: Any
) -> tuple["Page[AuditEvent]", tuple[EventRow, ...]]:
    """One page of the agency's events, newest first, without the confidential ones.

    Returns the paginator's page (for the links) and its events as rows."""
    confidential = Q()
    for prefix in CONFIDENTIAL_PREFIXES:
        confidential |= Q(object_type__startswith=prefix)
    events = AuditEvent.objects.filter(agency=agency).exclude(confidential).order_by("-seq")
    page = Paginator(events, HISTORY_PAGE_SIZE).get_page(page_number)
    return page, _rows(list(page.object_list))


def object_history(agency: Agency, object_type: str, object_id: str) -> tuple[EventRow, ...]:
    """Every event about one object, newest first."""
    return _rows(
        AuditEvent.objects.filter(
            agency=agency, object_type=object_type, object_id=object_id
        ).order_by("-seq")
    )
