"""The checklist as NACC's system asks for it: one row per item (code, title, has/has not,
address, who answers it, state), as XLSX, CSV or JSON. Always in Thai, whatever the screen's
language (documents and exports are Thai); a cell that starts like a formula is kept as text."""

import csv
import io
import json
from typing import Any

from django.utils import translation

from prongsai.agencies.models import Agency
from prongsai.measures.export import _cell as csv_cell
from prongsai.oit.selectors import Checklist, ItemRow, checklist
from prongsai.thai.dates import format_be_numeric_date

COLUMNS = [
    "ข้อ",
    "รายการ",
    "มี/ไม่มี",
    "ลิงก์",
    "ส่วนราชการที่รับผิดชอบ",
    "ผู้รับผิดชอบ",
    "กำหนดเสร็จ",
    "สถานะ",
    "ลิงก์เสีย",
    "หมายเหตุ",
]
HAS = "มี"
HAS_NOT = "ไม่มี"


def thai_checklist(agency: Agency, year: int, **filters: Any) -> Checklist:
    with translation.override("th"):
        return checklist(agency, year, **filters)


def _values(row: ItemRow) -> list[str]:
    return [
        row.code,
        row.title_th,
        HAS if row.has else HAS_NOT,
        row.url,
        row.division,
        row.person,
        format_be_numeric_date(row.due_date) if row.due_date else "",
        row.state_label,
        "ใช่" if row.broken else "",
        row.notes,
    ]


def as_json(agency: Agency, data: Checklist) -> str:
    return json.dumps(
        {
            "agency": agency.slug,
            "fiscal_year": data.year,
            "provisional": data.provisional,
            "progress": {
                "total": data.progress.total,
                "has": data.progress.has,
                "missing": data.progress.missing,
                "broken": data.progress.broken,
            },
            "items": [
                {
                    "code": r.code,
                    "title": r.title_th,
                    "has": r.has,
                    "url": r.url,
                    "division": r.division,
                    "person": r.person,
                    "due_date": r.due_date.isoformat() if r.due_date else None,
                    "state": r.state,
                    "state_label": r.state_label,
                    "broken": r.broken,
                    "automatic": r.automatic,
                    "notes": r.notes,
                }
                for r in data.rows
            ],
        },
        ensure_ascii=False,
        indent=2,
    )


def as_csv(data: Checklist) -> str:
    out = io.StringIO()
    out.write("\ufeff")  # Excel on agency PCs reads the Thai text as UTF-8
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in data.rows:
        writer.writerow(csv_cell(v) for v in _values(row))
    return out.getvalue()


def as_xlsx(agency: Agency, data: Checklist) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = f"OIT {data.year}"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in data.rows:
        sheet.append(_values(row))
        for cell in sheet[sheet.max_row]:
            cell.data_type = "s"  # text, never a formula, whatever the value starts with
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFGHIJ", (8, 60, 8, 50, 20, 20, 12, 18, 8, 30), strict=True):
        sheet.column_dimensions[column].width = width
    workbook.properties.title = f"OIT {agency.name} {data.year}"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
