"""Which memos the system produces and how to get one as a file.

Views and the `render` command both come through here, so they always agree on kinds,
formats, file names and content types, and on the memo's head: the one the agency stored
for its report (read through the app that keeps reports, see `stored_head`), else the
defaults.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.agencies.models import Agency
from prongsai.assessments.analysis import MemoAnalysis, memo_analysis
from prongsai.memos.builders import implementation as build_implementation
from prongsai.memos.builders import measures as build_measures
from prongsai.memos.builders.common import Citation, PreviousResult, resolve_head
from prongsai.memos.head import MemoHead
from prongsai.memos.kinds import MemoKind
from prongsai.memos.model import Memo

Builder = Callable[..., Memo]

BUILDERS: dict[str, Builder] = {
    MemoKind.IMPLEMENTATION: build_implementation.build,
    MemoKind.MEASURES: build_measures.build,
}
SUBJECTS: dict[str, Callable[[int], str]] = {
    MemoKind.IMPLEMENTATION: build_implementation.subject,
    MemoKind.MEASURES: build_measures.subject,
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


def _check_kind(kind: str) -> Builder:
    builder = BUILDERS.get(kind)
    if builder is None:
        raise UnknownMemoError(
            _("ไม่รู้จักชนิดเอกสาร “%(kind)s” (มี: %(known)s)")
            % {"kind": kind, "known": ", ".join(BUILDERS)}
        )
    return builder


def default_head(agency: Agency, fiscal_year: int, kind: str) -> MemoHead:
    """The head a memo of `kind` has when the agency set nothing: dated the year's
    monitoring date (memos.head.monitoring_date), no running number, the kind's subject,
    addressed to the head of the agency, signed by the agency's report signer."""
    _check_kind(kind)
    return resolve_head(
        agency, fiscal_year, kind, None, as_of=None, subject=SUBJECTS[kind](fiscal_year)
    )


def stored_head(agency: Agency, fiscal_year: int, kind: str) -> MemoHead:
    """What the agency stored of the memo's head (blank fields: defaults).

    The reports live above this package (public.Report): an app offers them by defining
    `memo_head(agency, fiscal_year, kind) -> MemoHead | None` on its AppConfig, the way
    apps describe their audit events, so memos imports nothing above it."""
    for config in apps.get_app_configs():
        provider = getattr(config, "memo_head", None)
        if provider is not None:
            head = provider(agency, fiscal_year, kind)
            if head is not None:
                return head
    return MemoHead()


def stored_citation(agency: Agency, fiscal_year: int) -> Citation | None:
    """What is known of the agency-year's measures memo, for the implementation report to
    cite: offered by an app above memos through `memo_citation(agency, fiscal_year)` on its
    AppConfig (like memo_head); None when nothing is known."""
    for config in apps.get_app_configs():
        provider = getattr(config, "memo_citation", None)
        if provider is not None:
            found = provider(agency, fiscal_year)
            if found is not None:
                return found
    return None


def memo_date(agency: Agency, fiscal_year: int, kind: str) -> dt.date:
    """The date the agency-year's memo of `kind` carries: the stored one, else the default."""
    date = stored_head(agency, fiscal_year, kind).filled(default_head(agency, fiscal_year, kind))
    assert date.date is not None  # the default always has one
    return date.date


def build_memo(
    agency: Agency,
    fiscal_year: int,
    kind: str,
    *,
    as_of: dt.date | None = None,
    head: MemoHead | None = None,
    thai_digits: bool = True,
    today: dt.date | None = None,
    cites: Citation | None = None,
) -> Memo:
    """The memo `kind` of the agency-year.

    `head` is used as given (blank fields: the defaults); without one, the head stored for
    the agency-year's report is read, and `as_of`, when given, dates the memo instead of
    its stored date (`prongsai render --as-of`, the preview's date box). The status is read
    as of `as_of`, else as of the memo's date (but never after `today`). `cites`: what is
    known of the memo that set the measures (the implementation report cites it); without
    it, the one an app above memos offers (see stored_citation).
    """
    builder = _check_kind(kind)
    if head is None:
        head = stored_head(agency, fiscal_year, kind)
        if as_of is not None:
            head = dataclasses.replace(head, date=as_of)
    # One reading of last year's result gives both the cited score and the weaknesses.
    analysis = memo_analysis(agency, fiscal_year)
    extra: dict[str, object] = {}
    if kind == MemoKind.MEASURES:
        extra["weaknesses"] = _weaknesses(analysis)
    elif kind == MemoKind.IMPLEMENTATION:
        cites = cites if cites is not None else stored_citation(agency, fiscal_year)
        if cites is not None:
            extra["cites"] = cites
    return builder(
        agency,
        fiscal_year,
        as_of=as_of,
        thai_digits=thai_digits,
        previous_result=_previous_result(analysis),
        head=head,
        today=today or timezone.localdate(),
        **extra,
    )


def render_memo(
    agency: Agency,
    fiscal_year: int,
    kind: str,
    fmt: str,
    *,
    as_of: dt.date | None = None,
    head: MemoHead | None = None,
    thai_digits: bool = True,
    today: dt.date | None = None,
    cites: Citation | None = None,
) -> MemoFile:
    """The memo `kind` of the agency-year as a PDF or DOCX file (see build_memo)."""
    if fmt not in CONTENT_TYPES:
        raise UnknownMemoError(_("ไม่รู้จักรูปแบบไฟล์ “%(format)s” (มี: pdf, docx)") % {"format": fmt})
    memo = build_memo(
        agency,
        fiscal_year,
        kind,
        as_of=as_of,
        head=head,
        thai_digits=thai_digits,
        today=today,
        cites=cites,
    )
    if fmt == "pdf":
        from prongsai.memos.render_pdf import render_pdf

        content = render_pdf(memo)
    else:
        from prongsai.memos.render_docx import render_docx

        content = render_docx(memo)
    day = memo.header.date or dt.date.today()
    filename = f"{agency.slug}-{fiscal_year}-{kind}-{day.isoformat()}.{fmt}"
    return MemoFile(content, filename, CONTENT_TYPES[fmt])
