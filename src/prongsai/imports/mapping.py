"""A parsed memo mapped to an agency-year: agency, document number, date, fiscal year and
measures with their statuses; and saving it through the measures services.

`recover(memo)` is pure: it reads the measures table (number, title, steps, responsible
divisions, monitoring) and the status table (a tick in one of the three status columns, the
evidence note under the tick) and pairs their rows, which need not be worded alike: the
seed's "(๒) ควรมีมาตรการลดขั้นตอนในการให้บริการ" is "มีมาตรการลดขั้นตอนในการให้บริการ" in its
status table. Text is kept as written; spelling is the linter's business.

`save(result, agency=…, fiscal_year=…, actor=…)` checks it and hands it to
`measures.services.import_measures`, which writes it in one transaction (a failure anywhere
writes nothing).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from prongsai.core import limits
from prongsai.core.errors import ValidationFailed
from prongsai.imports.identity import fiscal_year_reading
from prongsai.imports.tables import (
    body_cells,
    column_roles,
    join_cell,
    read_mark,
    split_divisions,
    split_number,
    split_steps,
    status_word,
)
from prongsai.memos.model import Memo, Table
from prongsai.thai.digits import to_arabic_digits

STATUSES = ("not_started", "in_progress", "done")

#: How the preview says where the memo's fiscal year was read.
YEAR_SOURCE_LABELS = {
    "subject": _lazy("อ่านจากเรื่อง"),
    "body": _lazy("อ่านจากเนื้อความ"),
    "table": _lazy("อ่านจากหัวตาราง"),
    "date": _lazy("อ่านจากวันที่ของบันทึก"),
}


# ------------------------------------------------------------------ the result


@dataclass
class ImportedMeasure:
    number: int | None
    title: str
    steps: list[str] = field(default_factory=list)
    divisions: list[str] = field(default_factory=list)
    monitoring: str = ""
    status: str | None = None
    evidence: str = ""


@dataclass
class StatusRow:
    number: int | None
    title: str
    steps: str
    marks: list[str]  # the status columns marked, in table order
    status: str | None
    evidence: str
    table: Table
    row_index: int  # index in the table's rows


@dataclass
class ImportResult:
    agency: str
    document_number: str
    date: dt.date | None
    fiscal_year: int | None
    measures: list[ImportedMeasure]
    warnings: list[str] = field(default_factory=list)
    # where fiscal_year was read: "subject", "body", "table", "date" (identity.YEAR_SOURCES)
    fiscal_year_source: str = ""

    @property
    def fiscal_year_source_label(self) -> str:
        label = YEAR_SOURCE_LABELS.get(self.fiscal_year_source)
        return str(label) if label else ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "agency": self.agency,
            "document_number": self.document_number,
            "date": self.date.isoformat() if self.date else None,
            "fiscal_year": self.fiscal_year,
            "fiscal_year_source": self.fiscal_year_source,
            "measures": [asdict(m) for m in self.measures],
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ImportResult:
        date = data.get("date")
        return cls(
            agency=str(data.get("agency") or ""),
            document_number=str(data.get("document_number") or ""),
            date=dt.date.fromisoformat(date) if date else None,
            fiscal_year=data.get("fiscal_year"),
            measures=[ImportedMeasure(**m) for m in data.get("measures", [])],
            warnings=list(data.get("warnings", [])),
            fiscal_year_source=str(data.get("fiscal_year_source") or ""),
        )


@dataclass
class MeasureTableRow:
    """A measure read from a row of a memo's measures table, with where the row is."""

    measure: ImportedMeasure
    table: Table
    row_index: int  # index in the table's rows


def measure_table_rows(memo: Memo) -> list[MeasureTableRow]:
    """The measures of the measures table(s), with where each row is."""
    out = []
    for table in memo.tables("measures"):
        body_index = [i for i, r in enumerate(table.rows) if not r.header]
        for i, cells in zip(body_index, body_cells(table), strict=True):
            number, title = split_number(join_cell(cells.get("title", "")))
            if not title and not cells.get("steps", "").strip():
                continue
            if "number" in cells and number is None:
                number = _int_or_none(cells["number"])
            measure = ImportedMeasure(
                number=number,
                title=title,
                steps=split_steps(cells.get("steps", "")),
                divisions=split_divisions(cells.get("divisions", "")),
                monitoring=join_cell(cells.get("monitoring", "")),
            )
            out.append(MeasureTableRow(measure, table, i))
    return out


def status_rows(memo: Memo) -> list[StatusRow]:
    out = []
    for table in memo.tables("status"):
        roles = column_roles(table)
        body_index = [i for i, r in enumerate(table.rows) if not r.header]
        for i, cells in zip(body_index, body_cells(table), strict=True):
            number, title = split_number(join_cell(cells.get("title", "")))
            if "number" in cells and number is None:
                number = _int_or_none(cells["number"])
            marks: list[str] = []
            notes: list[str] = []
            for column in STATUSES:
                if column in roles:
                    ticked, note = read_mark(cells.get(column, ""))
                    if ticked:
                        marks.append(column)
                        if note:
                            notes.append(note)
            status = marks[0] if len(marks) == 1 else None
            if not any(s in roles for s in STATUSES) and "status" in roles:
                status = status_word(cells.get("status", ""))
                marks = [status] if status else []
            if cells.get("evidence", "").strip():
                notes.append(join_cell(cells["evidence"]))
            if not title and not marks and not cells.get("steps", "").strip():
                continue
            out.append(
                StatusRow(
                    number=number,
                    title=title,
                    steps=join_cell(cells.get("steps", "")),
                    marks=marks,
                    status=status,
                    evidence=" ".join(notes),
                    table=table,
                    row_index=i,
                )
            )
    return out


def _int_or_none(text: str) -> int | None:
    digits = to_arabic_digits(re.sub(r"\D", "", to_arabic_digits(text)))
    return int(digits) if digits and len(digits) <= 4 else None


# ------------------------------------------------------------------ pairing rows

MATCH_THRESHOLD = 0.6
MAX_PAIRS = 40 * 40
_COMPARE_CHARS = 160
_LEADING_SHOULD_RE = re.compile(r"^ควร")


@functools.lru_cache(maxsize=4096)  # each row is compared with every row of the other table
def _norm(text: str) -> str:
    text = re.sub(r"\s+", "", text)
    return _LEADING_SHOULD_RE.sub("", text)[:_COMPARE_CHARS]


def similarity(a: str, b: str) -> float:
    a, b = _norm(a), _norm(b)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < MATCH_THRESHOLD or matcher.quick_ratio() < MATCH_THRESHOLD:
        return 0.0
    return matcher.ratio()


def _pair_score(measure: ImportedMeasure, row: StatusRow) -> float:
    if measure.number is not None and measure.number == row.number and row.title:
        if similarity(measure.title, row.title) >= 0.3:
            return 1.0
    title = similarity(measure.title, row.title)
    if title >= 0.95 or not row.steps or not measure.steps:
        return title
    return max(title, 0.9 * similarity(" ".join(measure.steps), row.steps))


def pair_rows(measures: list[ImportedMeasure], rows: list[StatusRow]) -> list[int | None]:
    """For each measure the index of its status row (or None): same order first, then best.

    The best-match search compares every measure with every row; past MAX_PAIRS comparisons
    (a document far larger than any memo, made to be slow) only rows in the same place
    are paired."""
    result: list[int | None] = [None] * len(measures)
    if len(measures) == len(rows) and all(
        _pair_score(m, r) >= MATCH_THRESHOLD for m, r in zip(measures, rows, strict=True)
    ):
        return list(range(len(rows)))
    if len(measures) * len(rows) > MAX_PAIRS:
        for i, (m, r) in enumerate(zip(measures, rows, strict=False)):
            if _pair_score(m, r) >= MATCH_THRESHOLD:
                result[i] = i
        return result
    scored = sorted(
        ((_pair_score(m, r), i, j) for i, m in enumerate(measures) for j, r in enumerate(rows)),
        reverse=True,
    )
    taken: set[int] = set()
    for score, i, j in scored:
        if score < MATCH_THRESHOLD:
            break
        if result[i] is None and j not in taken:
            result[i] = j
            taken.add(j)
    return result


def recover(memo: Memo) -> ImportResult:
    """What the memo says about its agency-year and its measures (writes nothing)."""
    rows = status_rows(memo)
    warnings: list[str] = []
    measures = [m.measure for m in measure_table_rows(memo)]
    if not measures and rows:
        measures = [
            ImportedMeasure(number=r.number, title=r.title, steps=split_steps(r.steps))
            for r in rows
        ]
        warnings.append(_("ไม่พบตารางมาตรการ ใช้รายการจากตารางสถานะ"))
    if not measures:
        raise ValidationFailed(_("ไม่พบตารางมาตรการหรือตารางสถานะในเอกสาร"), field="file")
    if max(len(measures), len(rows)) > limits.IMPORT_MEASURES:
        raise ValidationFailed(
            _("เอกสารมีมาตรการ %(count)s รายการ นำเข้าได้ครั้งละไม่เกิน %(limit)s รายการ")
            % {"count": max(len(measures), len(rows)), "limit": limits.IMPORT_MEASURES}
        )
    matched = pair_rows(measures, rows) if rows else [None] * len(measures)
    for index, (measure, j) in enumerate(zip(measures, matched, strict=True), start=1):
        if measure.number is None:
            measure.number = index
        if j is None:
            if rows:
                warnings.append(
                    _("มาตรการ (%(number)s) ไม่มีแถวในตารางสถานะ") % {"number": measure.number}
                )
            continue
        row = rows[j]
        measure.status = row.status
        measure.evidence = row.evidence
        if len(row.marks) > 1:
            warnings.append(
                _("มาตรการ (%(number)s) ทำเครื่องหมายสถานะมากกว่าหนึ่งช่อง") % {"number": measure.number}
            )
    h = memo.header
    year, source = fiscal_year_reading(memo)
    return ImportResult(
        agency=memo.agency_name,
        document_number=h.document_number,
        date=h.date,
        fiscal_year=memo.fiscal_year,
        measures=measures,
        warnings=warnings,
        # a year set by a builder rather than read from the text has no source to name
        fiscal_year_source=source if year == memo.fiscal_year else "",
    )


# ------------------------------------------------------------------ saving

_URL_RE = re.compile(r"(?:https?://|www\.)[^\s()<>\"']+")


def _valid_links(note: str) -> list[str]:
    """The web addresses of an evidence note that are valid links.

    The note keeps every address as written; only those that validate also become
    Evidence links, so that a mistyped address does not stop the whole import.
    """
    from django.core.exceptions import ValidationError
    from django.core.validators import URLValidator

    from prongsai.measures.services import normalize_link

    validate = URLValidator(schemes=["http", "https"])
    links = []
    for url in _URL_RE.findall(note):
        url = normalize_link(url.rstrip(".,;"))
        try:
            validate(url)
        except ValidationError:
            continue
        links.append(url)
    return links


def check_savable(result: ImportResult) -> list[str]:
    """Problems that would stop the import (translated messages), before anything is written."""
    problems = []
    numbers = [m.number for m in result.measures]
    for m in result.measures:
        number = {"number": m.number}
        if not m.title.strip():
            problems.append(_("มาตรการ (%(number)s) ไม่มีชื่อ") % number)
        if not m.divisions:
            problems.append(_("มาตรการ (%(number)s) ไม่ระบุผู้รับผิดชอบ") % number)
        if numbers.count(m.number) > 1:
            problems.append(_("ลำดับมาตรการ (%(number)s) ซ้ำ") % number)
        if m.status is not None and m.status not in STATUSES:
            problems.append(_("สถานะ “%(status)s” ไม่ถูกต้อง") % {"status": m.status})
    return list(dict.fromkeys(problems))


def save(result: ImportResult, *, agency: Any, fiscal_year: int, actor: Any) -> list[Any]:
    """Write the measures and statuses of `result` for agency-year; all or nothing.

    The mapping stays pure: the write itself is `measures.services.import_measures`."""
    from prongsai.measures.services import import_measures

    problems = check_savable(result)
    if problems:
        raise ValidationFailed(_("นำเข้าไม่ได้: %(problems)s") % {"problems": "; ".join(problems)})
    return import_measures(
        actor=actor,
        agency=agency,
        fiscal_year=fiscal_year,
        measures=result.measures,
        reported_on=result.date or dt.date.today(),
        links_of=_valid_links,
    )
