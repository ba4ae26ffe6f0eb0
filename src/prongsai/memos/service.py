"""Which memos the system produces and how to get one as a file.

Views and the `render` command both come through here, so they always agree on kinds,
formats, file names and content types.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from prongsai.agencies.models import Agency
from prongsai.assessments.analysis import MemoAnalysis, memo_analysis
from prongsai.memos.builders import implementation as build_implementation
from prongsai.memos.builders import measures as build_measures
from prongsai.memos.builders.common import Citation, PreviousResult
from prongsai.memos.kinds import MemoKind
from prongsai.memos.model import Memo

Builder = Callable[..., Memo]

BUILDERS: dict[str, Builder] = {
    MemoKind.IMPLEMENTATION: build_implementation.build,
    MemoKind.MEASURES: build_measures.build,
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
    return _previous_result(memo_analysis(agency, fiscal_year))


def _previous_result(analysis: MemoAnalysis | None) -> PreviousResult | None:
    if analysis is None or analysis.previous_result is None or not analysis.grade:
        return None
    return analysis.previous_result


def _weaknesses(analysis: MemoAnalysis | None) -> list[str]:
    """The weak indicators and the failed OIT items of the previous year, as memo phrases."""
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
    cites: Citation | None = None,
) -> Memo:
    """The memo `kind` of the agency-year. `cites`: what is known of the memo that set the
    measures (the implementation report cites it; the caller above memos reads it)."""
    builder = BUILDERS.get(kind)
    if builder is None:
        raise UnknownMemoError(
            _("ไม่รู้จักชนิดเอกสาร “%(kind)s” (มี: %(known)s)")
            % {"kind": kind, "known": ", ".join(BUILDERS)}
        )
    # One reading of last year's result gives both the cited score and the weaknesses.
    analysis = memo_analysis(agency, fiscal_year)
    extra: dict[str, object] = {}
    if kind == MemoKind.MEASURES:
        extra["weaknesses"] = _weaknesses(analysis)
    elif kind == MemoKind.IMPLEMENTATION and cites is not None:
        extra["cites"] = cites
    return builder(
        agency,
        fiscal_year,
        as_of=as_of,
        thai_digits=thai_digits,
        previous_result=_previous_result(analysis),
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
    cites: Citation | None = None,
) -> MemoFile:
    """The memo `kind` of the agency-year as a PDF or DOCX file."""
    if fmt not in CONTENT_TYPES:
        raise UnknownMemoError(_("ไม่รู้จักรูปแบบไฟล์ “%(format)s” (มี: pdf, docx)") % {"format": fmt})
    memo = build_memo(agency, fiscal_year, kind, as_of=as_of, thai_digits=thai_digits, cites=cites)
    if fmt == "pdf":
        from prongsai.memos.render_pdf import render_pdf

        content = render_pdf(memo)
    else:
        from prongsai.memos.render_docx import render_docx

        content = render_docx(memo)
    day = memo.header.date or dt.date.today()
    filename = f"{agency.slug}-{fiscal_year}-{kind}-{day.isoformat()}.{fmt}"
    return MemoFile(content, filename, CONTENT_TYPES[fmt])
