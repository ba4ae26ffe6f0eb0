"""The memo that presents the year's measures (มาตรการส่งเสริมคุณธรรม…) for approval.

The first table of the implementation report alone, with an opening that presents the
measures, and an approval block for the head of the agency to sign.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from prongsai.agencies.models import Agency
from prongsai.measures.as_of import measures_as_of
from prongsai.memos.builders.common import (
    ITA_NAME,
    PreviousResult,
    data_date,
    header,
    measures_table,
    new_memo,
    previous_result_paragraph,
    resolve_head,
    signature,
    year_text,
)
from prongsai.memos.head import MemoHead
from prongsai.memos.kinds import MemoKind
from prongsai.memos.model import Memo, Paragraph, Signature

NAME = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"


def subject_of(fiscal_year: int, thai: bool = True) -> str:
    """The measures memo's subject (เรื่อง), as the implementation report cites it too."""
    return f"{NAME} {year_text(fiscal_year, thai)}"


def subject(fiscal_year: int) -> str:
    """The default เรื่อง: the measures and their year."""
    return subject_of(fiscal_year)


def build(
    agency: Agency,
    fiscal_year: int,
    *,
    as_of: dt.date | None = None,
    thai_digits: bool = True,
    previous_result: PreviousResult | None = None,
    weaknesses: Sequence[str] = (),
    head: MemoHead | None = None,
    today: dt.date | None = None,
) -> Memo:
    """The measures memo of `agency` for `fiscal_year` (BE).

    `head` is what the agency set of the memo's head and signer (blank fields: the
    defaults, see common.resolve_head: dated `as_of` when given, else the year's
    monitoring date). `previous_result` is the agency's own ITA (score, band) of
    fiscal_year − 1; the sentence citing it is left out when it is None. `weaknesses` are
    the weak indicators and failed OIT items of that result (the analysis the memo opens
    with).
    """
    kind = MemoKind.MEASURES
    head = resolve_head(agency, fiscal_year, kind, head, as_of=as_of, subject=subject(fiscal_year))
    as_of = data_date(head, as_of, today)
    thai = thai_digits
    year = year_text(fiscal_year, thai)
    rows = measures_as_of(agency, fiscal_year, as_of)
    memo = new_memo(agency, fiscal_year, kind, header(agency, head), thai)
    unit = agency.reporting_unit

    memo.body.append(
        Paragraph(
            "ตามที่สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ (สำนักงาน ป.ป.ช.) "
            f"ได้กำหนดให้มี{ITA_NAME} (Integrity and Transparency Assessment: ITA) "
            "เป็นประจำทุกปี เพื่อเป็นกลไกในการป้องกันการทุจริตและยกระดับคุณธรรม"
            "และความโปร่งใสของหน่วยงานภาครัฐ นั้น"
        )
    )
    analysis = (
        f"{unit}ได้วิเคราะห์ผลการประเมินดังกล่าว และได้จัดทำ{NAME}ของ{agency.name} {year} "
        "เพื่อขับเคลื่อนการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานให้ดียิ่งขึ้น"
        " โดยมีรายละเอียดดังนี้"
    )
    if previous_result is not None:
        cited = previous_result_paragraph(agency, fiscal_year, previous_result, thai)
        if weaknesses:
            cited += " โดยมีประเด็นที่ต้องปรับปรุง ได้แก่ " + " ".join(
                f"({n}) {w}" for n, w in enumerate(weaknesses, 1)
            )
        analysis = f"{cited} {analysis}"
    memo.body.append(Paragraph(analysis))
    title = f"{NAME}\nของ{agency.full_name} {year}"
    memo.body.append(measures_table(rows, thai, title))
    memo.body.append(
        Paragraph(
            "จึงเรียนมาเพื่อโปรดพิจารณา หากเห็นชอบโปรดลงนามอนุมัติ เพื่อประกาศใช้มาตรการดังกล่าว "
            "และแจ้งทุกส่วนราชการถือปฏิบัติต่อไป"
        )
    )
    memo.signature = signature(head)
    memo.approval = Signature(
        name=agency.head_name,
        position=agency.head_title,
        intro=f"ความเห็นของ{agency.head_title}\n( ) อนุมัติ และให้ประกาศใช้มาตรการ\n( ) อื่น ๆ " + "." * 40,
    )
    return memo.localized()
