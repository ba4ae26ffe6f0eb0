"""The OIT checklist's audit events in one sentence each (see audit.sentences)."""

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from prongsai.audit.sentences import Event
from prongsai.oit.models import ItemState, OitItem


def _state(value: Any) -> str:
    return str(ItemState(value).label) if value in ItemState.values else str(value)


def _fields(names: Any) -> str:
    labels = []
    for name in names or ():
        try:
            field = OitItem._meta.get_field(str(name))
            labels.append(str(getattr(field, "verbose_name", name)))
        except FieldDoesNotExist:  # a field renamed since the event was written
            labels.append(str(name))
    return ", ".join(labels)


def describe(events: Sequence[Event]) -> dict[int, str]:
    said = {}
    for e in events:
        p = e.payload
        if e.action == "oit.open":
            text = _("เปิดรายการข้อ OIT ปี %(year)s (%(count)s ข้อ)") % {
                "year": p.get("fiscal_year", "?"),
                "count": len(p.get("codes", ())),
            }
        elif e.action == "oit.update":
            text = _("แก้ไขข้อ OIT %(code)s (%(fields)s) สถานะ: %(state)s") % {
                "code": p.get("code", "?"),
                "fields": _fields(p.get("fields")),
                "state": _state(p.get("state")),
            }
        elif e.action == "oit.fill":
            text = _("ระบบกรอกลิงก์ข้อ OIT %(code)s จากเอกสารที่เผยแพร่: %(url)s") % {
                "code": p.get("code", "?"),
                "url": p.get("url", ""),
            }
        elif e.action == "oit.link_state":
            text = _("ตรวจลิงก์ข้อ OIT %(code)s: %(state)s") % {
                "code": p.get("code", "?"),
                "state": _state(p.get("state")),
            }
        else:
            continue
        said[e.seq] = text
    return said
