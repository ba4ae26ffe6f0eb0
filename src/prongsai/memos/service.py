"""Which memos the system produces and how to get one as a file.

Views and the `render` command both come through here, so they always agree on kinds,
formats, file names and content types.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from prongsai.agencies.models import Agency
from prongsai.memos.builders import implementation as build_implementation
from prongsai.memos.builders import measures as build_measures
from prongsai.memos.builders.common import PreviousResult
from prongsai.memos.model import Memo

Builder = Callable[..., Memo]

BUILDERS: dict[str, Builder] = {
    build_implementation.KIND: build_implementation.build,
    build_measures.KIND: build_measures.build,
}
KIND_LABELS = {
    build_implementation.KIND: "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส",
    build_measures.KIND: "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class UnknownMemoError(ValueError):
    """A kind or format the system does not produce (message in Thai and English)."""


@dataclass(frozen=True)
class MemoFile:
    content: bytes
    filename: str
    content_type: str


def previous_result_of(agency: Agency, fiscal_year: int) -> PreviousResult | None:
    """The agency's OWN ITA (score, band) of `fiscal_year` − 1, when it was recorded.

    Only this agency's row is read, so a memo can never cite another agency's result.
    The band (AA–F) when known, else the year's verdict (ผ่าน/ไม่ผ่าน …); the published
    figures when they were entered, since the memo cites what NACC published.
    """
    from prongsai.assessments.analysis import memo_analysis

    analysis = memo_analysis(agency, fiscal_year)
    if analysis is None or analysis.previous_result is None or not analysis.grade:
        return None
    return analysis.previous_result


def weaknesses_of(agency: Agency, fiscal_year: int) -> list[str]:
    """The weak indicators and the failed OIT items of `fiscal_year` − 1, as memo phrases."""
    from prongsai.assessments.analysis import memo_analysis

    analysis = memo_analysis(agency, fiscal_year)
    if analysis is None:
        return []
    phrases = [
        f"ตัวชี้วัดที่ {i.code} {i.name_th} ({i.score:.2f} คะแนน)" for i in analysis.weak_indicators
    ]
    phrases += [
        f"ข้อ {item.code} {item.name_th} (ส่งผลต่อคะแนนรวม {item.points_at_stake:.2f} คะแนน)"
        for item in analysis.failed_items
    ]
    return phrases


def build_memo(
    agency: Agency,
    fiscal_year: int,
    kind: str,
    *,
    as_of: dt.date | None = None,
    thai_digits: bool = True,
) -> Memo:
    builder = BUILDERS.get(kind)
    if builder is None:
        raise UnknownMemoError(
            f"ไม่รู้จักชนิดเอกสาร {kind!r} (มี: {', '.join(BUILDERS)}) / "
            f"unknown memo kind {kind!r} (known: {', '.join(BUILDERS)})"
        )
    extra = {}
    if kind == build_measures.KIND:
        extra["weaknesses"] = weaknesses_of(agency, fiscal_year)
    return builder(
        agency,
        fiscal_year,
        as_of=as_of,
        thai_digits=thai_digits,
        previous_result=previous_result_of(agency, fiscal_year),
        **extra,
    )


def render_memo(
    agency: Agency,
    fiscal_year: int,
    kind: str,
    fmt: str,
    *,
    as_of: dt.date | None = None,
    thai_digits: bool = True,
) -> MemoFile:
    """The memo `kind` of the agency-year as a PDF or DOCX file."""
    if fmt not in CONTENT_TYPES:
        raise UnknownMemoError(
            f"ไม่รู้จักรูปแบบไฟล์ {fmt!r} (มี: pdf, docx) / unknown format {fmt!r} (known: pdf, docx)"
        )
    memo = build_memo(agency, fiscal_year, kind, as_of=as_of, thai_digits=thai_digits)
    if fmt == "pdf":
        from prongsai.memos.render_pdf import render_pdf

        content = render_pdf(memo)
    else:
        from prongsai.memos.render_docx import render_docx

        content = render_docx(memo)
    day = memo.header.date or dt.date.today()
    filename = f"{agency.slug}-{fiscal_year}-{kind}-{day.isoformat()}.{fmt}"
    return MemoFile(content, filename, CONTENT_TYPES[fmt])
