"""The public app's audit events (reports, publications, cases) in one sentence each (see
audit.sentences)."""

from collections import defaultdict
from collections.abc import Sequence

from django.utils.translation import gettext as _

from prongsai.audit.sentences import Event
from prongsai.memos.kinds import MemoKind
from prongsai.public.models import CaseKind, CaseState, Publication, Report


def _pk(value: str) -> int:
    return int(value) if value.isdigit() else 0


def _document(kind: object) -> str:
    return str(MemoKind(kind).label) if kind in MemoKind.values else str(kind)


def publication_numbers(pks: set[int]) -> dict[int, int]:
    """Publication pk → which publication of its agency, year and document it was (1, 2, …);
    two queries."""
    if not pks:
        return {}
    agencies = set(Publication.objects.filter(pk__in=pks).values_list("agency_id", flat=True))
    seen: dict[tuple[int, int, str], int] = defaultdict(int)
    numbers = {}
    rows = Publication.objects.filter(agency_id__in=agencies).order_by("published_at", "pk")
    for pk, agency_id, year, kind in rows.values_list("pk", "agency_id", "fiscal_year", "kind"):
        seen[(agency_id, year, kind)] += 1
        numbers[pk] = seen[(agency_id, year, kind)]
    return numbers


def describe(events: Sequence[Event]) -> dict[int, str]:
    published = {_pk(e.object_id) for e in events if e.action == "report.publish"}
    numbers = publication_numbers(published - {0})
    decided = {_pk(e.object_id) for e in events if e.action in ("report.approve", "report.return")}
    years = dict(Report.objects.filter(pk__in=decided - {0}).values_list("pk", "fiscal_year"))
    said = {}
    for e in events:
        p = e.payload
        document = _document(p.get("kind"))
        if e.action == "report.submit":
            text = _("เสนอ%(document)s ประจำปี %(year)s ให้ผู้บริหารพิจารณา") % {
                "document": document,
                "year": p.get("fiscal_year"),
            }
        elif e.action == "report.head":
            text = _("แก้ไขหัวบันทึกและผู้ลงนามของ%(document)s ประจำปี %(year)s") % {
                "document": document,
                "year": p.get("fiscal_year"),
            }
        elif e.action == "report.approve":
            text = _("ผู้บริหารอนุมัติ%(document)s ประจำปี %(year)s") % {
                "document": document,
                "year": years.get(_pk(e.object_id), "?"),
            }
        elif e.action == "report.return":
            text = _("ผู้บริหารส่งคืน%(document)s ประจำปี %(year)s ให้แก้ไข") % {
                "document": document,
                "year": years.get(_pk(e.object_id), "?"),
            }
        elif e.action == "report.publish":
            text = _("เผยแพร่%(document)s ประจำปี %(year)s ครั้งที่ %(number)s") % {
                "document": document,
                "year": p.get("fiscal_year"),
                "number": numbers.get(_pk(e.object_id), "?"),
            }
        elif e.action == "case.receive":
            kind = p.get("kind")
            label = CaseKind(kind).label if kind in CaseKind.values else kind
            text = _("ได้รับเรื่องใหม่จากประชาชน: %(kind)s") % {"kind": label}
        elif e.action == "case.sender_reply":
            text = _("ผู้ส่งเรื่องส่งข้อความเพิ่มเติม")
        elif e.action == "case.reply":
            text = _("เจ้าหน้าที่ตอบกลับผู้ส่งเรื่อง")
        elif e.action == "case.state":
            state = p.get("to")
            label = CaseState(state).label if state in CaseState.values else state
            text = _("เปลี่ยนสถานะเรื่องเป็น “%(state)s”") % {"state": label}
        elif e.action == "case.purge":
            text = _("ลบเรื่องที่ปิดแล้วและพ้นระยะเก็บรักษา %(count)s เรื่อง") % {"count": p.get("count", 0)}
        else:
            continue
        said[e.seq] = text
    return said
