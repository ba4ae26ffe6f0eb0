"""The head and signer of a report's memo: what the agency stored, and what the memo shows.

A report's `dated`, `number`, `subject`, `addressee`, `signer_name` and `signer_title`
are blank until someone sets them; the memo then shows its defaults
(`memos.service.default_head`: the year's monitoring date, the agency's head and report
signer). Previews, approvals, publications, the memo pages and `prongsai render` all read
the head through here, so they agree on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency
from prongsai.memos.head import MemoHead
from prongsai.memos.service import default_head
from prongsai.public.models import Report

#: The head's fields in the order of the memo, with the Report field that stores each.
FIELDS = (
    ("date", "dated", _("ลงวันที่")),
    ("number", "number", _("ที่ (เลขที่หนังสือ)")),
    ("subject", "subject", _("เรื่อง")),
    ("addressee", "addressee", _("เรียน")),
    ("signer_name", "signer_name", _("ชื่อผู้ลงนาม")),
    ("signer_title", "signer_title", _("ตำแหน่งผู้ลงนาม")),
)


def stored_head(report: Report | None) -> MemoHead:
    """The values stored on the report (blank: not set); MemoHead() without a report."""
    if report is None:
        return MemoHead()
    return MemoHead(**{name: getattr(report, column) for name, column, _label in FIELDS})


def effective_head(agency: Agency, fiscal_year: int, kind: str, report: Report | None) -> MemoHead:
    """The head the report's memo carries: its stored values over the defaults."""
    return stored_head(report).filled(default_head(agency, fiscal_year, kind))


def memo_head(agency: Agency, fiscal_year: int, kind: str) -> MemoHead | None:
    """The stored head of the agency-year's report of `kind` (None: no report yet), for
    memos.service.stored_head (through PublicConfig.memo_head)."""
    report = Report.objects.filter(agency=agency, fiscal_year=fiscal_year, kind=kind).first()
    return None if report is None else stored_head(report)


@dataclass(frozen=True)
class HeadField:
    """One line of a report's head as the reports page shows it."""

    name: str
    label: str
    value: object  # a date for "date", else text ("" when even the default is blank)
    is_default: bool


def head_fields(stored: MemoHead, effective: MemoHead) -> tuple[HeadField, ...]:
    blank = stored.blank_fields()
    return tuple(
        HeadField(name, str(label), getattr(effective, name), name in blank)
        for name, _column, label in FIELDS
    )
