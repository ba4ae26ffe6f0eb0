"""The agency-year as plain data (JSON and CSV export)."""

import csv
import io
from typing import Any

from django.db.models import Prefetch

from prongsai.agencies.models import Agency
from prongsai.core.i18n import thai_label
from prongsai.measures.models import Evidence, Measure, Status, StatusUpdate, StatusWithdrawal


def export_agency_year(agency: Agency, fiscal_year: int) -> dict[str, Any]:
    updates = StatusUpdate.objects.select_related(
        "created_by", "withdrawal__withdrawn_by"
    ).prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("pk")))
    measures = (
        Measure.objects.filter(agency=agency, fiscal_year=fiscal_year)
        .with_current_status()
        .prefetch_related("divisions", Prefetch("updates", queryset=updates))
        .order_by("number")
    )
    return {
        "agency": {
            "name": agency.name,
            "slug": agency.slug,
            "kind": agency.kind,
            "province": agency.province,
            "district": agency.district,
            "document_code": agency.document_code,
            "head_title": agency.head_title,
        },
        "fiscal_year": fiscal_year,
        "divisions": [d.name for d in agency.divisions.all()],
        "measures": [_measure(m) for m in measures],
    }


def _thai_label(status: str | None) -> str | None:
    """Exported data is Thai whatever the language of the screen it was asked from."""
    return thai_label(Status(status)) if status else None


def _measure(m: Measure) -> dict[str, Any]:
    return {
        "number": m.number,
        "title": m.title,
        "steps": list(m.steps),
        "divisions": [d.name for d in m.divisions.all()],
        "monitoring": m.monitoring,
        "due_date": m.due_date.isoformat() if m.due_date else None,
        "indicator_codes": list(m.indicator_codes),
        "status": m.current_status,
        "status_label": _thai_label(m.current_status),
        "history": [
            {
                "status": u.status,
                "reported_on": u.reported_on.isoformat(),
                "note": u.note,
                "by": u.created_by.get_username(),
                "at": u.created_at.isoformat(),
                "evidence": [e.url or e.original_name for e in u.evidence.all()],
                "withdrawn": _withdrawal(u),
            }
            for u in m.updates.all()
        ],
    }


def _withdrawal(update: StatusUpdate) -> dict[str, str] | None:
    """How a withdrawn update was withdrawn (None: it stands); `status` ignores it."""
    try:
        withdrawal = update.withdrawal
    except StatusWithdrawal.DoesNotExist:
        return None
    return {
        "reason": withdrawal.reason,
        "by": withdrawal.withdrawn_by.get_username(),
        "at": withdrawal.withdrawn_at.isoformat(),
    }


CSV_COLUMNS = ["ลำดับ", "มาตรการ", "ขั้นตอนหรือวิธีการ", "ผู้รับผิดชอบ", "การกำกับติดตาม", "สถานะ"]


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    """A CSV cell that Excel shows as text, never runs as a formula (=, +, -, @ …)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def export_csv(data: dict[str, Any]) -> str:
    out = io.StringIO()
    # A BOM makes Excel on agency PCs read the Thai text as UTF-8.
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for m in data["measures"]:
        writer.writerow(
            _cell(v)
            for v in [
                m["number"],
                m["title"],
                "\n".join(m["steps"]),
                ", ".join(m["divisions"]),
                m["monitoring"],
                m["status_label"] or "",
            ]
        )
    return out.getvalue()
