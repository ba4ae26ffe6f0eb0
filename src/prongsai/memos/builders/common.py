"""Parts shared by the memo builders: the head of the memo, the measures table, queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from prongsai.agencies.models import Agency
from prongsai.audit.sentences import verification_code
from prongsai.audit.services import chain_head
from prongsai.core.i18n import thai_label
from prongsai.measures.as_of import MeasureAsOf
from prongsai.measures.models import Measure, Status
from prongsai.memos.head import MemoHead, monitoring_date
from prongsai.memos.model import (
    Cell,
    Header,
    Memo,
    Options,
    Paragraph,
    Row,
    Signature,
    Table,
    Verification,
)
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


@dataclass(frozen=True)
class Citation:
    """The earlier memo a memo opens by citing (the implementation report cites the memo that
    set the year's measures), as far as it is known.

    `dated`: its date ("ลงวันที่ …"); `item`: the item of it that set the measures ("ไว้ในข้อ ๖");
    `subject`: its subject, blank for the measures memo's own default subject.
    """

    dated: dt.date | None = None
    item: str = ""
    subject: str = ""


#: What a "previous ITA result" is for the builders: (score, band/rating), e.g. (82.48, "B").
PreviousResult = tuple[float, str]


def digits(text: str, thai: bool) -> str:
    return to_thai_digits(text) if thai else to_arabic_digits(text)


def year_text(year: int, thai: bool) -> str:
    return digits(f"ประจำปีงบประมาณ พ.ศ. {year}", thai)


def measure_label(measure: Measure, thai: bool, *, short: bool = False) -> str:
    """ "(๑) ให้ความรู้เรื่อง…": the measure's number in parentheses, then its title; with
    `short`, its short name where it has one (the status table words it that way)."""
    name = (measure.short_name.strip() if short else "") or measure.title
    return digits(f"({measure.number}) ", thai) + name


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


def resolve_head(
    agency: Agency,
    fiscal_year: int,
    kind: str,
    head: MemoHead | None,
    *,
    as_of: dt.date | None,
    subject: str,
) -> MemoHead:
    """The memo's head: what the agency set, else the defaults — dated `as_of` when one is
    given, else the year's monitoring date of the kind (never the day of rendering);
    addressed to the head of the agency and signed by its report signer."""
    defaults = MemoHead(
        date=as_of or monitoring_date(kind, fiscal_year),
        subject=subject,
        addressee=agency.head_title,
        signer_name=agency.signer_name,
        signer_title=agency.signer_position,
    )
    return (head or MemoHead()).filled(defaults)


def data_date(head: MemoHead, as_of: dt.date | None, today: dt.date | None) -> dt.date:
    """The date the memo's status is read as of: `as_of` when given, else the memo's own
    date, but never a day still to come (the data cannot be as of tomorrow)."""
    if as_of is not None:
        return as_of
    assert head.date is not None  # resolve_head always dates the memo
    return min(head.date, today or timezone.localdate())


def header(agency: Agency, head: MemoHead) -> Header:
    code = agency.document_code.strip()
    number = head.number.strip()
    return Header(
        department=f"{agency.reporting_unit} {agency.name}",
        telephone=agency.telephone,
        # Without a number the running number (เลขทะเบียนส่ง) is given by the registry when
        # the memo is sent, so the line ends at the slash.
        document_number=f"{code}/{number}" if code else number,
        date=head.date,
        subject=head.subject,
        addressee=head.addressee,
    )


def signature(head: MemoHead) -> Signature:
    return Signature(head.signer_name, head.signer_title)


def new_memo(agency: Agency, fiscal_year: int, kind: str, head: Header, thai_digits: bool) -> Memo:
    return Memo(
        header=head,
        options=Options(thai_digits=thai_digits, emblem_path=str(settings.MEMO_EMBLEM_PATH)),
        kind=kind,
        agency_name=agency.name,
        province=agency.province,
        fiscal_year=fiscal_year,
        verification=verification(agency, fiscal_year),
    )


def verification(agency: Agency, fiscal_year: int) -> Verification:
    """The agency's public page of the year (where the published copy is) and the code of
    its audit chain head, which a reader compares with the copy there and the history."""
    # A string URL name, not an import: the public pages sit above the memos.
    path = reverse("public:year", args=[agency.slug, fiscal_year])
    return Verification(
        code=verification_code(chain_head(agency)), url=settings.SITE_URL.rstrip("/") + path
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
