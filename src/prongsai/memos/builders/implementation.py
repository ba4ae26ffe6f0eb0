"""The implementation report (รายงานผลการดำเนินการตามมาตรการ…) of an agency-year.

The layout of the agencies' own report (tests/data/seed-ummao-2565.txt), rebuilt from the
database without its errors: the measures table, then a status table whose tick comes from
the status history as of a chosen date, the evidence note under the tick, and the ITA result
it cites is the agency's own.
"""

from __future__ import annotations

import datetime as dt

from prongsai.agencies.models import Agency
from prongsai.measures.as_of import MeasureAsOf, measures_as_of
from prongsai.memos.builders.common import (
    ITA_NAME,
    MEASURES_NAME,
    STATUS_COLUMNS,
    STATUS_GROUP,
    PreviousResult,
    header,
    measure_label,
    measures_table,
    new_memo,
    previous_result_paragraph,
    signer,
    status_heading,
    steps_text,
    year_text,
)
from prongsai.memos.kinds import MemoKind
from prongsai.memos.model import TICK, Cell, Memo, Paragraph, Row, Table
from prongsai.thai.dates import format_thai_date

SUBJECT = f"รายงานผลการดำเนินการตาม{MEASURES_NAME}"
DRIVE = "มาตรการเพื่อขับเคลื่อนการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานให้ดีขึ้น"
EMPTY = "-"


def _tick_text(row: MeasureAsOf) -> str:
    lines = [TICK]
    if row.note:
        lines.append(f"({row.note})")
    # Inside the agency a file is named by its original name; links are printed as they are.
    lines.extend(e.url or e.original_name for e in row.evidence)
    return "\n".join(lines)


def status_table(rows: list[MeasureAsOf], thai: bool, title: str) -> Table:
    head1 = Row(
        [
            Cell("มาตรการ", rowspan=2, bold=True, align="center"),
            Cell("ขั้นตอนหรือวิธีการ", rowspan=2, bold=True, align="center"),
            Cell(STATUS_GROUP, colspan=3, bold=True, align="center"),
        ],
        header=True,
    )
    head2 = Row(
        [Cell(status_heading(s), bold=True, align="center") for s in STATUS_COLUMNS], header=True
    )
    body = []
    for r in rows:
        ticks = [
            Cell(_tick_text(r) if r.status == s else EMPTY, align="center") for s in STATUS_COLUMNS
        ]
        body.append(
            Row([Cell(measure_label(r.measure, thai)), Cell(steps_text(r.measure)), *ticks])
        )
    return Table(
        columns=[3.4, 5.8, 2.2, 2.3, 2.3], rows=[head1, head2, *body], title=title, role="status"
    )


def build(
    agency: Agency,
    fiscal_year: int,
    *,
    as_of: dt.date | None = None,
    thai_digits: bool = True,
    previous_result: PreviousResult | None = None,
) -> Memo:
    """The implementation report of `agency` for `fiscal_year` (BE), status as of `as_of`.

    `previous_result` is the agency's own ITA (score, band) of fiscal_year − 1; the
    sentence citing it is left out when it is None.
    """
    as_of = as_of or dt.date.today()
    thai = thai_digits
    rows = measures_as_of(agency, fiscal_year, as_of)
    memo = new_memo(
        agency, fiscal_year, MemoKind.IMPLEMENTATION, header(agency, as_of, SUBJECT), thai
    )
    unit = agency.reporting_unit
    year = year_text(fiscal_year, thai)
    date_text = format_thai_date(as_of, thai_digits=thai)

    memo.body.append(
        Paragraph(
            f"ตามที่{unit} ได้รายงานการวิเคราะห์ผล{ITA_NAME} {year} "
            f"และได้กำหนด{DRIVE} ตามบันทึกข้อความ เรื่อง รายงานการวิเคราะห์ผล{ITA_NAME} "
            f"{year} ของ{agency.name} มีรายละเอียดดังนี้"
        )
    )
    memo.body.append(measures_table(rows, thai, DRIVE))

    purpose = (
        f"ผล{ITA_NAME} (ITA) {year} มีค่าคะแนนที่สูงขึ้น และเป็นไปตาม{DRIVE}"
        f" {unit}จึงขอรายงานผลการดำเนินการตาม{MEASURES_NAME} ตามมาตรการที่ได้กำหนดไว้ข้างต้น"
        f" ข้อมูล ณ วันที่ {date_text} ดังต่อไปนี้"
    )
    if previous_result is not None:
        cited = previous_result_paragraph(agency, fiscal_year, previous_result, thai)
        memo.body.append(Paragraph(f"{cited} และเพื่อให้{purpose}"))
    else:
        memo.body.append(
            Paragraph(
                f"เพื่อให้ผล{ITA_NAME} (Integrity and Transparency Assessment: ITA) "
                + purpose.removeprefix(f"ผล{ITA_NAME} (ITA) ")
            )
        )
    title = f"ผลการดำเนินการตาม{MEASURES_NAME}\nของ{agency.full_name}"
    memo.body.append(status_table(rows, thai, title))
    memo.body.append(Paragraph("จึงเรียนมาเพื่อโปรดทราบ"))
    memo.signature = signer(agency)
    return memo.localized()
