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
    header,
    measures_table,
    new_memo,
    previous_result_paragraph,
    signer,
    year_text,
)
from prongsai.memos.kinds import MemoKind
from prongsai.memos.model import Memo, Paragraph, Signature

NAME = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"


def build(
    agency: Agency,
    fiscal_year: int,
    *,
    as_of: dt.date | None = None,
    thai_digits: bool = True,
    previous_result: PreviousResult | None = None,
    weaknesses: Sequence[str] = (),
) -> Memo:
    """The measures memo of `agency` for `fiscal_year` (BE), dated `as_of` (default today).

    `previous_result` is the agency's own ITA (score, band) of fiscal_year − 1; the
    sentence citing it is left out when it is None. `weaknesses` are the weak indicators
    and failed OIT items of that result (the analysis the memo opens with).
    """
    as_of = as_of or dt.date.today()
    thai = thai_digits
    year = year_text(fiscal_year, thai)
    rows = measures_as_of(agency, fiscal_year, as_of)
    memo = new_memo(
        agency, fiscal_year, MemoKind.MEASURES, header(agency, as_of, f"{NAME} {year}"), thai
    )
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
    memo.signature = signer(agency)
    memo.approval = Signature(
        name=agency.head_name,
        position=agency.head_title,
        intro=f"ความเห็นของ{agency.head_title}\n( ) อนุมัติ และให้ประกาศใช้มาตรการ\n( ) อื่น ๆ " + "." * 40,
    )
    return memo.localized()
