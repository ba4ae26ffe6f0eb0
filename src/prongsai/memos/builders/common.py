"""Parts shared by the memo builders: the head of the memo, the measures table, queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings

from prongsai.agencies.models import Agency
from prongsai.audit.services import chain_head
from prongsai.core.i18n import thai_label
from prongsai.measures.as_of import MeasureAsOf
from prongsai.measures.models import Measure, Status
from prongsai.memos.model import Cell, Header, Memo, Options, Paragraph, Row, Signature, Table
from prongsai.thai.digits import to_arabic_digits, to_thai_digits

ITA_NAME = "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ"
MEASURES_NAME = "มาตรการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
# Column headings of the two tables (the seed's wording).
MEASURES_HEADINGS = ("มาตรการ", "ขั้นตอนหรือวิธีการ", "ผู้รับผิดชอบ", "การกำกับติดตาม")
STATUS_GROUP = "สถานะการดำเนินการ"
STATUS_COLUMNS = (Status.NOT_STARTED, Status.IN_PROGRESS, Status.DONE)


def status_heading(status: Status) -> str:
    """The status column heading: official documents are Thai whatever the screen's language."""
    return thai_label(status)


#: What a "previous ITA result" is for the builders: (score, band/rating), e.g. (82.48, "B").
PreviousResult = tuple[float, str]


def digits(text: str, thai: bool) -> str:
    return to_thai_digits(text) if thai else to_arabic_digits(text)


def year_text(year: int, thai: bool) -> str:
    return digits(f"ประจำปีงบประมาณ พ.ศ. {year}", thai)


def measure_label(measure: Measure, thai: bool) -> str:
    """ "(๑) ให้ความรู้เรื่อง…": the measure's number in parentheses, then its title."""
    return digits(f"({measure.number}) ", thai) + measure.title


def steps_text(measure: Measure) -> str:
    steps = [str(s).strip() for s in measure.steps if str(s).strip()]
    if len(steps) > 1:
        return "\n".join(f"- {s}" for s in steps)
    return "\n".join(steps)


def measures_table(rows: list[MeasureAsOf], thai: bool, title: str) -> Table:
    header = Row([Cell(h, bold=True, align="center") for h in MEASURES_HEADINGS], header=True)
    body = [
        Row(
            [
                Cell(measure_label(r.measure, thai)),
                Cell(steps_text(r.measure)),
                Cell("\n".join(r.divisions)),
                Cell(r.measure.monitoring),
            ]
        )
        for r in rows
    ]
    return Table(columns=[3.6, 6.2, 2.6, 3.6], rows=[header, *body], title=title, role="measures")


def header(agency: Agency, as_of: dt.date, subject: str) -> Header:
    code = agency.document_code.strip()
    return Header(
        department=f"{agency.reporting_unit} {agency.name}",
        telephone=agency.telephone,
        # The running number (เลขทะเบียนส่ง) is given by the registry when the memo is sent.
        document_number=f"{code}/" if code else "",
        date=as_of,
        subject=subject,
        addressee=agency.head_title,
    )


def signer(agency: Agency) -> Signature:
    """The signature block of the agency's reports: its default report signer."""
    return Signature(agency.signer_name, agency.signer_position)


def new_memo(agency: Agency, fiscal_year: int, kind: str, head: Header, thai_digits: bool) -> Memo:
    return Memo(
        header=head,
        options=Options(thai_digits=thai_digits, emblem_path=str(settings.MEMO_EMBLEM_PATH)),
        kind=kind,
        agency_name=agency.name,
        province=agency.province,
        fiscal_year=fiscal_year,
        # The audit chain head lets a reader check the memo against the agency's history.
        footer_note=f"ตรวจสอบประวัติ: {chain_head(agency)[:16]}",
    )


def previous_result_paragraph(
    agency: Agency, fiscal_year: int, previous: PreviousResult, thai: bool
) -> str:
    """The sentence citing the agency's OWN previous ITA score and band."""
    score, band = previous
    return digits(
        f"ผล{ITA_NAME} (Integrity and Transparency Assessment: ITA) "
        f"ประจำปีงบประมาณ พ.ศ. {fiscal_year - 1} ของ{agency.full_name} "
        f"มีค่าคะแนนเท่ากับ {score:.2f} คะแนน อยู่ในระดับ {band}",
        thai,
    )


def plain(text: str, **kwargs: Any) -> Paragraph:
    return Paragraph(text, **kwargs)
