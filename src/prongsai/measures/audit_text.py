"""The measures app's audit events in one sentence each (see audit.sentences)."""

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from prongsai.audit.sentences import Event
from prongsai.measures.models import Measure, Status
from prongsai.measures.selectors import field_label
from prongsai.thai.dates import format_thai_date


def status_label(value: Any) -> str:
    return str(Status(value).label) if value in Status.values else str(value)


def _date(value: Any) -> str:
    try:
        return format_thai_date(dt.date.fromisoformat(str(value)), thai_digits=False)
    except ValueError:
        return str(value)


def measure_numbers(pks: set[int]) -> dict[int, int]:
    """Measure pk → its number (one query)."""
    if not pks:
        return {}
    return dict(Measure.objects.filter(pk__in=pks).values_list("pk", "number"))


def _pk(value: Any) -> int | None:
    return int(value) if str(value).isdigit() else None


def describe(events: Sequence[Event]) -> dict[int, str]:
    wanted: set[int] = set()
    for e in events:
        if e.action == "measure.update":
            wanted.add(_pk(e.object_id) or 0)
        elif e.action == "status.report":
            wanted.add(_pk(e.payload.get("measure")) or 0)
    numbers = measure_numbers(wanted - {0})

    def number(pk: Any) -> str:
        found = numbers.get(_pk(pk) or 0)
        return str(found) if found is not None else "?"

    said = {}
    for e in events:
        p = e.payload
        if e.action == "measure.create":
            text = _("เพิ่มมาตรการที่ %(number)s: %(title)s") % {
                "number": p.get("number", "?"),
                "title": p.get("title", ""),
            }
        elif e.action == "measure.carry_over":
            text = _(
                "ยกมาตรการที่ %(from_number)s ของปี %(from_year)s มาเป็นมาตรการที่ %(number)s: %(title)s"
            ) % {
                "from_number": p.get("from_number", "?"),
                "from_year": p.get("from_year", "?"),
                "number": p.get("number", "?"),
                "title": p.get("title", ""),
            }
        elif e.action == "measure.update":
            fields = ", ".join(field_label(Measure, f) for f in p.get("fields", ()))
            text = _("แก้ไขมาตรการที่ %(number)s (%(fields)s)") % {
                "number": number(e.object_id),
                "fields": fields,
            }
        elif e.action == "status.report":
            text = _("รายงานสถานะมาตรการที่ %(number)s: %(status)s") % {
                "number": number(p.get("measure")),
                "status": status_label(p.get("status")),
            }
        elif e.action == "status.withdraw":
            text = _(
                "ถอนรายงานสถานะมาตรการที่ %(number)s (%(status)s ข้อมูล ณ %(date)s) เหตุผล: %(reason)s"
            ) % {
                "number": p.get("number", "?"),
                "status": status_label(p.get("status")),
                "date": _date(p.get("reported_on")),
                "reason": p.get("reason", ""),
            }
        else:
            continue
        said[e.seq] = text
    return said
