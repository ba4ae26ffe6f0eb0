"""Each audit event said in one sentence of the reader's language (Thai first).

The history page shows people what happened ("เผยแพร่รายงาน… ประจำปี 2565 ครั้งที่ 1"),
with the action code, payload and hash folded away. The app that records an action also
says it: an AppConfig may define `describe_audit_events(events) -> {seq: sentence}`, called
once per page with all of the page's events, so each app reads what it needs (measure
numbers, publication counts) in a fixed number of queries. The audit app imports none of
them; it finds the hook through django.apps, as it finds the audited models.
"""

from collections.abc import Sequence
from typing import Any, Protocol

from django.apps import apps
from django.utils.translation import gettext as _

CODE_LENGTH = 12


class Event(Protocol):
    """What a describer reads of an event (audit.selectors.EventRow)."""

    @property
    def seq(self) -> int: ...
    @property
    def action(self) -> str: ...
    @property
    def object_id(self) -> str: ...
    @property
    def payload(self) -> dict[str, Any]: ...


def verification_code(hash_hex: str) -> str:
    """The first 12 hex digits of a hash in groups of four, "3F9A-0C12-7B44": short enough
    to read out or copy by hand, long enough to tell chain heads apart."""
    code = (hash_hex or "")[:CODE_LENGTH].upper()
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def describe_own(events: Sequence[Event]) -> dict[int, str]:
    """The audit app's own actions."""
    said = {}
    for event in events:
        if event.action == "audit.baseline":
            said[event.seq] = _("เริ่มผูกข้อมูลที่มีอยู่ %(count)s รายการเข้ากับห่วงโซ่ประวัติ") % {
                "count": event.payload.get("rows", 0)
            }
    return said


def sentences(events: Sequence[Event]) -> dict[int, str]:
    """seq → the sentence of each event; an action no app describes is named by its code."""
    said: dict[int, str] = {}
    for config in apps.get_app_configs():
        describe = getattr(config, "describe_audit_events", None)
        if describe is not None and events:
            said.update(describe(events))
    for event in events:
        if event.seq not in said:
            said[event.seq] = _("รายการ %(action)s") % {"action": event.action}
    return said
