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

from prongsai.core import limits
from prongsai.core.errors import ValidationFailed
from prongsai.memos.model import EMPTY_MARKS, STATUS_MARKS, Cell, Memo, Table
from prongsai.thai.digits import to_arabic_digits

STATUSES = ("not_started", "in_progress", "done")

# ------------------------------------------------------------------ reading tables


def owner_grid(table: Table) -> list[list[Cell | None]]:
    """The table as a grid where a spanned position holds the cell that covers it."""
    grid: list[list[Cell | None]] = []
    pending: dict[tuple[int, int], Cell] = {}
    for r, row in enumerate(table.rows):
        line: list[Cell | None] = []
        for cell in row.cells:
            while (r, len(line)) in pending:
                line.append(pending.pop((r, len(line))))
            c = len(line)
            for dc in range(cell.colspan):
                line.append(cell)
                for dr in range(1, cell.rowspan):
                    pending[(r + dr, c + dc)] = cell
        for col in sorted(k[1] for k in pending if k[0] == r):
            line.extend([None] * (col - len(line)))
            line.append(pending.pop((r, col)))
        grid.append(line)
    return grid


# Heading words → what the column holds; the first rule that matches a column wins, and
# the status rules come first because their heading also says "การดำเนินการ".
_COLUMN_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("not_started", ("ยังไม่",)),
    ("in_progress", ("ระหว่าง",)),
    ("done", ("เสร็จ", "แล้ว")),
    ("evidence", ("หลักฐาน", "หมายเหตุ")),
    ("divisions", ("ผู้รับผิดชอบ", "รับผิดชอบ")),
    ("monitoring", ("ติดตาม",)),
    ("steps", ("ขั้นตอน", "วิธีการ")),
    ("status", ("สถานะ", "ผลการดำเนินการ")),
    ("title", ("มาตรการ", "แนวทาง", "ประเด็น")),
)
_NUMBER_HEADINGS = frozenset({"ที่", "ลำดับ", "ลำดับที่", "ข้อ"})


def column_roles(table: Table) -> dict[str, int]:
    """What each column holds, from the (possibly merged) heading rows."""
    grid = owner_grid(table)
    heads = [grid[i] for i, row in enumerate(table.rows) if row.header]
    width = max((len(line) for line in grid), default=0)
    roles: dict[str, int] = {}
    for col in range(width):
        seen: list[str] = []
        for line in heads:
            cell = line[col] if col < len(line) else None
            text = re.sub(r"\s+", "", cell.text) if cell else ""
            if text and text not in seen:
                seen.append(text)
        label = "".join(seen)
        if label in _NUMBER_HEADINGS:
            roles.setdefault("number", col)
            continue
        for role, words in _COLUMN_RULES:
            if any(w in label for w in words):
                roles.setdefault(role, col)
                break
    if "title" not in roles and width:
        roles["title"] = 0 if roles.get("number") != 0 else min(1, width - 1)
    return roles


def body_cells(table: Table) -> list[dict[str, str]]:
    """Each body row as {role: text}; a cell merged down several rows serves each of them."""
    roles = column_roles(table)
    grid = owner_grid(table)
    rows = []
    for i, row in enumerate(table.rows):
        if row.header:
            continue
        line = grid[i]
        rows.append(
            {
                role: (line[col].text if col < len(line) and line[col] is not None else "")  # type: ignore[union-attr]
                for role, col in roles.items()
            }
        )
    return rows


# ------------------------------------------------------------------ reading cell texts

_SPACE_BEFORE = ("ณ ",)


def _join_cell(text: str) -> str:
    """Join a cell's lines, keeping a space where a line ended with one in the source."""
    parts = text.split("\n")
    out = ""
    for i, part in enumerate(parts):
        line = re.sub(r"[ \t\u00a0]+", " ", part).strip()
        if not line:
            continue
        if not out:
            out = line
            continue
        previous_raw = parts[i - 1] if i else ""
        glue = (
            ""
            if _is_thai(out[-1])
            and _is_thai(line[0])
            and not previous_raw.endswith((" ", "\t"))
            and not line.startswith(_SPACE_BEFORE)
            else " "
        )
        out = out + glue + line
    return out


def _is_thai(ch: str) -> bool:
    return "\u0e01" <= ch <= "\u0e4e"


_NUMBER_PREFIX_RE = re.compile(r"^\s*(?:\(\s*([0-9๐-๙]{1,3})\s*\)|([0-9๐-๙]{1,3})\s*[.)])\s*")
_BULLET_RE = re.compile(r"^\s*(?:[-–—•▪●○◦*]+|\(?[0-9๐-๙]{1,2}[.)]|\([0-9๐-๙]{1,2}\))\s*")


def split_number(title: str) -> tuple[int | None, str]:
    """ "(๒) ควรมี…" → (2, "ควรมี…")."""
    m = _NUMBER_PREFIX_RE.match(title)
    if m is None:
        return None, title.strip()
    return int(to_arabic_digits(m[1] or m[2])), title[m.end() :].strip()


def split_steps(text: str) -> list[str]:
    """A step a bullet ("-", "•", "๑.", "(๑)"); lines without one continue the step before."""
    steps: list[str] = []
    pieces: list[list[str]] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        m = _BULLET_RE.match(line)
        if m or not pieces:
            pieces.append([line[m.end() :] if m else line])
        else:
            pieces[-1].append(line)
    for piece in pieces:
        step = _join_cell("\n".join(piece)).strip()
        if step:
            steps.append(step)
    return steps


def normalize_division(name: str) -> str:
    """ "กองการศึกษาฯ" → "กองการศึกษา"; bullets and layout spaces go."""
    name = _BULLET_RE.sub("", name.strip())
    name = re.sub(r"\s+", " ", name).strip()
    return name.rstrip("ฯ .").strip()


def split_divisions(text: str) -> list[str]:
    names: list[str] = []
    for part in re.split(r"[\n,،、;]+", text):
        name = normalize_division(part)
        if name and name not in names:
            names.append(name)
    return names


def read_mark(text: str) -> tuple[bool, str]:
    """(ticked, note): "/\\n(ตรวจสอบในเว็บไซต์)" → (True, "ตรวจสอบในเว็บไซต์"); "-" → (False, "")."""
    stripped = text.strip()
    if stripped in EMPTY_MARKS:
        return False, ""
    first = stripped[0]
    if first in STATUS_MARKS and (len(stripped) == 1 or not stripped[1].isalnum()):
        return True, _clean_note(stripped[1:])
    if first in EMPTY_MARKS and (len(stripped) == 1 or not stripped[1].isalnum()):
        return False, ""
    return True, _clean_note(stripped)  # a word or a date in the column: it is marked


def _clean_note(text: str) -> str:
    note = _join_cell(text).strip()
    if note.startswith("(") and note.endswith(")") and note.count("(") == 1:
        note = note[1:-1].strip()
    return note


def status_word(text: str) -> str | None:
    """A status written out in a single "สถานะ" column."""
    t = re.sub(r"\s+", "", text)
    if not t:
        return None
    if "ยังไม่" in t:
        return "not_started"
    if "ระหว่าง" in t:
        return "in_progress"
    if "เสร็จ" in t or "แล้ว" in t:
        return "done"
    return None


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

    def to_dict(self) -> dict[str, Any]:
        return {
            "agency": self.agency,
            "document_number": self.document_number,
            "date": self.date.isoformat() if self.date else None,
            "fiscal_year": self.fiscal_year,
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
        )


@dataclass
class MeasureRow:
    measure: ImportedMeasure
    table: Table
    row_index: int  # index in the table's rows


def measure_rows(memo: Memo) -> list[MeasureRow]:
    """The measures of the measures table(s), with where each row is."""
    out = []
    for table in memo.tables("measures"):
        body_index = [i for i, r in enumerate(table.rows) if not r.header]
        for i, cells in zip(body_index, body_cells(table), strict=True):
            number, title = split_number(_join_cell(cells.get("title", "")))
            if not title and not cells.get("steps", "").strip():
                continue
            if "number" in cells and number is None:
                number = _int_or_none(cells["number"])
            measure = ImportedMeasure(
                number=number,
                title=title,
                steps=split_steps(cells.get("steps", "")),
                divisions=split_divisions(cells.get("divisions", "")),
                monitoring=_join_cell(cells.get("monitoring", "")),
            )
            out.append(MeasureRow(measure, table, i))
    return out


def status_rows(memo: Memo) -> list[StatusRow]:
    out = []
    for table in memo.tables("status"):
        roles = column_roles(table)
        body_index = [i for i, r in enumerate(table.rows) if not r.header]
        for i, cells in zip(body_index, body_cells(table), strict=True):
            number, title = split_number(_join_cell(cells.get("title", "")))
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
                notes.append(_join_cell(cells["evidence"]))
            if not title and not marks and not cells.get("steps", "").strip():
                continue
            out.append(
                StatusRow(
                    number=number,
                    title=title,
                    steps=_join_cell(cells.get("steps", "")),
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
    measures = [m.measure for m in measure_rows(memo)]
    if not measures and rows:
        measures = [
            ImportedMeasure(number=r.number, title=r.title, steps=split_steps(r.steps))
            for r in rows
        ]
        warnings.append(
            "ไม่พบตารางมาตรการ ใช้รายการจากตารางสถานะ / no measures table; rows of the status table used"
        )
    if not measures:
        raise ValidationFailed(
            "ไม่พบตารางมาตรการหรือตารางสถานะในเอกสาร", "no measures table and no status table found"
        )
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
                    f"มาตรการ ({measure.number}) ไม่มีแถวในตารางสถานะ / measure ({measure.number}) has no status row"
                )
            continue
        row = rows[j]
        measure.status = row.status
        measure.evidence = row.evidence
        if len(row.marks) > 1:
            warnings.append(
                f"มาตรการ ({measure.number}) ทำเครื่องหมายสถานะมากกว่าหนึ่งช่อง / measure ({measure.number}) has more than one status ticked"
            )
    h = memo.header
    return ImportResult(
        agency=memo.agency_name,
        document_number=h.document_number,
        date=h.date,
        fiscal_year=memo.fiscal_year,
        measures=measures,
        warnings=warnings,
    )


# ------------------------------------------------------------------ saving

_URL_RE = re.compile(r"https?://[^\s()<>\"']+")


def _valid_links(note: str) -> list[str]:
    """The web addresses of an evidence note that are valid links.

    The note keeps every address as written; only those that validate also become
    Evidence links, so that a mistyped address does not stop the whole import.
    """
    from django.core.exceptions import ValidationError
    from django.core.validators import URLValidator

    validate = URLValidator(schemes=["http", "https"])
    links = []
    for url in _URL_RE.findall(note):
        url = url.rstrip(".,;")
        try:
            validate(url)
        except ValidationError:
            continue
        links.append(url)
    return links


def check_savable(result: ImportResult) -> list[str]:
    """Problems that would stop the import, in Thai / English, before anything is written."""
    problems = []
    numbers = [m.number for m in result.measures]
    for m in result.measures:
        label = f"({m.number})"
        if not m.title.strip():
            problems.append(f"มาตรการ {label} ไม่มีชื่อ / measure {label} has no title")
        if not m.divisions:
            problems.append(
                f"มาตรการ {label} ไม่ระบุผู้รับผิดชอบ / measure {label} names no responsible division"
            )
        if numbers.count(m.number) > 1:
            problems.append(f"ลำดับมาตรการ {label} ซ้ำ / measure number {label} appears twice")
        if m.status is not None and m.status not in STATUSES:
            problems.append(f"สถานะ {m.status!r} ไม่ถูกต้อง / unknown status {m.status!r}")
    return list(dict.fromkeys(problems))


def save(result: ImportResult, *, agency: Any, fiscal_year: int, actor: Any) -> list[Any]:
    """Write the measures and statuses of `result` for agency-year; all or nothing.

    The mapping stays pure: the write itself is `measures.services.import_measures`."""
    from prongsai.measures.services import import_measures

    problems = check_savable(result)
    if problems:
        raise ValidationFailed(
            "นำเข้าไม่ได้: " + "; ".join(p.split(" / ")[0] for p in problems),
            "cannot import: " + "; ".join(p.split(" / ")[-1] for p in problems),
        )
    return import_measures(
        actor=actor,
        agency=agency,
        fiscal_year=fiscal_year,
        measures=result.measures,
        reported_on=result.date or dt.date.today(),
        links_of=_valid_links,
    )
