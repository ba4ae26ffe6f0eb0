"""The head and signer of an agency-year memo as the agency set them: date, number,
subject, addressee and signer.

Public reports store them (public.Report) and pass them down here as a MemoHead; the
memos package never reads the report itself. A blank field takes the default of the memo
(`memos.service.default_head`): the date is the year's monitoring date of the kind, never
the day the memo is rendered, so a past year's memo stays dated inside its own year.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from prongsai.memos.kinds import MemoKind
from prongsai.thai.dates import BE_OFFSET


@dataclass(frozen=True)
class MemoHead:
    """The parts of a memo an agency may set; "" or None: the memo's default."""

    date: dt.date | None = None  # วันที่
    number: str = ""  # the running number after the slash of ที่, e.g. ๑๒๓
    subject: str = ""  # เรื่อง
    addressee: str = ""  # เรียน (without the word เรียน)
    signer_name: str = ""
    signer_title: str = ""

    def filled(self, defaults: MemoHead) -> MemoHead:
        """Each blank field replaced by the one of `defaults`."""
        return MemoHead(
            **{
                f.name: getattr(self, f.name) or getattr(defaults, f.name)
                for f in dataclasses.fields(self)
            }
        )

    def blank_fields(self) -> frozenset[str]:
        """The fields left to their default."""
        return frozenset(f.name for f in dataclasses.fields(self) if not getattr(self, f.name))

    def to_json(self) -> dict[str, str | None]:
        """Plain values for fingerprints and audit payloads."""
        values = dataclasses.asdict(self)
        values["date"] = self.date.isoformat() if self.date else None
        return values


def monitoring_date(kind: str, fiscal_year: int) -> dt.date:
    """The date a memo of `kind` is dated by default: inside the fiscal year, whenever it
    is rendered (see docs/architecture.md, "Memo dates and signers").

    - implementation report (O43): 31 March, the end of the half-year the report covers
      (October–March), when agencies report before answering the OIT;
    - measures announcement (O42): the first weekday of the fiscal year (1 October of the
      year before, or the Monday after), since the measures are set at the start of the
      year from the previous year's result and must be announced before the OIT.
    """
    if kind == MemoKind.IMPLEMENTATION:
        return dt.date(fiscal_year - BE_OFFSET, 3, 31)
    day = dt.date(fiscal_year - BE_OFFSET - 1, 10, 1)
    while day.weekday() >= 5:  # Saturday, Sunday
        day += dt.timedelta(days=1)
    return day
