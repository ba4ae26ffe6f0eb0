"""The assessments app's audit events in one sentence each (see audit.sentences)."""

from collections.abc import Sequence

from django.utils.translation import gettext as _

from prongsai.audit.sentences import Event
from prongsai.measures.audit_text import measure_numbers


def _pk(value: str) -> int:
    return int(value) if value.isdigit() else 0


def describe(events: Sequence[Event]) -> dict[int, str]:
    adopted = {_pk(e.object_id) for e in events if e.action == "measure.from_suggestion"}
    numbers = measure_numbers(adopted - {0})
    said = {}
    for e in events:
        p = e.payload
        if e.action == "ita_result.create":
            said[e.seq] = _("บันทึกผลการประเมิน ITA ปี %(year)s") % {"year": p.get("fiscal_year")}
        elif e.action == "ita_result.update":
            said[e.seq] = _("แก้ไขผลการประเมิน ITA ปี %(year)s") % {"year": p.get("fiscal_year")}
        elif e.action == "measure.from_suggestion":
            said[e.seq] = _("เพิ่มมาตรการที่ %(number)s จากข้อเสนอแนะของผลการประเมิน (%(division)s)") % {
                "number": numbers.get(_pk(e.object_id), "?"),
                "division": p.get("division", ""),
            }
    return said
