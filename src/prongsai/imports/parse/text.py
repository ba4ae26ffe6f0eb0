"""Plain text exported from a Word memo into the memo model.

The export writes one paragraph a line; tables come out in one of three shapes (a tab before
every cell, a row a line with tabs between cells, or every cell paragraph a line of its own
without any tab) and page breaks leave their page number ("-๒-"), the continuation marker
("/ผลการ...") and the repeated table heading in the text. See tests/data/seed-ummao-2565.txt
and the exports under tests/data/text/.

A table is found by its heading and read by text_tables in the shape its heading is written
in. Lines with tabs under no known heading are read as before: a stream of cells cut into
rows by the column count of their first row, ending at a line without a tab that follows a
blank line once the last row is complete.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from prongsai.imports.parse.assemble import (
    HEADER_WORDS,
    RawBlock,
    RawParagraph,
    assemble,
    is_page_artefact,
    new_table,
    squash,
)
from prongsai.imports.parse.errors import ParseError
from prongsai.imports.parse.tables import classify_table
from prongsai.imports.parse.text_tables import HeadingFinder, read_table
from prongsai.memos.model import Cell, Memo, Table

MAX_LINES = 200_000
_HEADING_CELL_MAX = 40


def parse_text(text: str) -> Memo:
    """A Memo from the text of a Word export; ParseError when it is no memo."""
    lines = text.replace("\r\n", "\n").splitlines()
    if len(lines) > MAX_LINES:
        raise ParseError(_("ไฟล์ข้อความยาวเกิน %(count)s บรรทัด") % {"count": f"{MAX_LINES:,}"})
    found: list[tuple[int, Table]] = []
    blocks = text_blocks(lines, found)
    _check_tables(lines, found, any(isinstance(b, Table) for b in blocks))
    return assemble(blocks)


def text_blocks(lines: list[str], found: list[tuple[int, Table]] | None = None) -> list[RawBlock]:
    """Paragraphs and tables in reading order; `found` gets each table under a known
    heading with the index of its heading's first line."""
    blocks: list[RawBlock] = []
    starts = _table_starts(lines)
    heading_at = HeadingFinder(lines)
    i = 0
    while i < len(lines):
        line = lines[i]
        heading = heading_at(i) if line.strip() or "\t" in line else None
        if heading is not None:
            table, i = read_table(lines, heading, heading_at)
            blocks.append(table)
            if found is not None:
                found.append((heading.start, table))
            continue
        if starts[i]:
            legacy, i = _read_table(lines, i)
            blocks.append(legacy)
            continue
        if is_page_artefact(line):
            i += 1
            continue
        # A tab-indented paragraph (not a table) keeps its text without the tab.
        blocks.append(RawParagraph(line.strip("\t").rstrip()))
        i += 1
    return blocks


def _is_cell_line(line: str) -> bool:
    return line.startswith("\t")


def _is_blank(line: str) -> bool:
    return not line.strip() or is_page_artefact(line) and not _is_cell_line(line)


def _cells_of(line: str) -> list[str]:
    return line.split("\t")[1:]


def _table_starts(lines: list[str]) -> list[bool]:
    """For every line: does a table begin there?

    Two or more cells in a row made of headings or short texts begin a table. The cells
    counted are those of the cell lines from that line up to the next line without a tab (the
    heading row). The counts are gathered once, from the last line up, so that a long run of
    cell lines that begin no table is not read again for each of its lines.
    """
    starts = [False] * len(lines)
    cells = 0  # of the cell lines from i+1 up to the run's end
    heading = False  # one of them is a heading word
    short = True  # all of them are short
    for i in range(len(lines) - 1, -1, -1):
        if not _is_cell_line(lines[i]):
            cells, heading, short = 0, False, True
            continue
        own = _cells_of(lines[i])
        cells += len(own)
        heading = heading or any(squash(cell) in HEADER_WORDS for cell in own)
        short = short and all(len(cell.strip()) <= _HEADING_CELL_MAX for cell in own)
        starts[i] = cells >= 2 and (heading or short)
    return starts


def _heading_cells(lines: list[str], start: int) -> int:
    """How many cells the cell lines from `start` up to the next line without a tab hold."""
    count = 0
    for i in range(start, len(lines)):
        if not _is_cell_line(lines[i]):
            break
        count += len(_cells_of(lines[i]))
    return count


@dataclass
class _TableReader:
    """Cells as lists of their lines, joined once at the end (joining a growing text on
    every continuation line would cost the square of a long cell)."""

    columns: int
    cells: list[list[str]] = field(default_factory=list)

    def add_cells(self, line: str) -> None:
        self.cells.extend([part.rstrip()] for part in _cells_of(line))

    def continue_cell(self, line: str) -> None:
        self.cells[-1].append(line.rstrip())

    @property
    def row_complete(self) -> bool:
        return len(self.cells) % self.columns == 0


def _read_table(lines: list[str], start: int) -> tuple[RawBlock, int]:
    reader = _TableReader(columns=_heading_cells(lines, start))
    i = start
    after_blank = False
    while i < len(lines):
        line = lines[i]
        if _is_cell_line(line):
            reader.add_cells(line)  # a lone tab is an empty cell
            after_blank = False
        elif _is_blank(line):
            after_blank = True
        elif after_blank and reader.row_complete:
            break
        else:
            reader.continue_cell(line)
            after_blank = False
        i += 1
    cells = ["\n".join(parts) for parts in reader.cells]
    while len(cells) % reader.columns:
        cells.append("")
    rows = [
        [Cell(text=text.strip("\n")) for text in cells[r : r + reader.columns]]
        for r in range(0, len(cells), reader.columns)
    ]
    return new_table(rows), i


# ------------------------------------------------------------------ what could not be read

# Words that begin a memo's table heading: a line of one of them alone, with no other
# heading after it, is a heading the reader could not follow.
_ANCHORS = frozenset({"มาตรการ", "มาตรการ/แนวทาง", "สถานะการดำเนินการ", "ขั้นตอนหรือวิธีการ"})


def _check_tables(lines: list[str], found: list[tuple[int, Table]], any_table: bool) -> None:
    """ParseError naming the line, when a table's heading was found but nothing under it
    could be read, or when a line looks like the start of a heading that goes no further."""
    rows: dict[str, int] = {}
    first: dict[str, int] = {}
    for start, table in found:
        role = classify_table(table)
        if role:
            rows[role] = rows.get(role, 0) + len(table.body_rows())
            first.setdefault(role, start)
    for role, count in rows.items():
        if not count:
            number = first[role] + 1
            raise ParseError(
                _(
                    "บรรทัดที่ %(line)s: พบหัวตาราง%(table)s แต่อ่านแถวของตารางต่อจากนั้นไม่ได้ "
                    "คาดว่าจะพบแถวแรกของตาราง เช่น “(๑) ชื่อมาตรการ” ตามด้วยขั้นตอนและผู้รับผิดชอบ"
                )
                % {
                    "line": f"{number:,}",
                    "table": _("มาตรการ") if role == "measures" else _("สถานะ"),
                }
            )
    if rows or any_table:
        return
    for i, line in enumerate(lines):
        cells = [c for c in line.split("\t") if c.strip()]
        if len(cells) == 1 and squash(cells[0]) in _ANCHORS and _rows_follow(lines, i):
            raise ParseError(
                _(
                    "บรรทัดที่ %(line)s: “%(text)s” น่าจะเป็นหัวตาราง แต่ไม่พบหัวคอลัมน์อื่นต่อจากนั้น "
                    "คาดว่าจะพบ เช่น “ขั้นตอนหรือวิธีการ” “ผู้รับผิดชอบ” หรือ “สถานะการดำเนินการ” "
                    "ในบรรทัดถัดไปหรือคั่นด้วยแท็บในบรรทัดเดียวกัน"
                )
                % {"line": f"{i + 1:,}", "text": cells[0].strip()}
            )


_NUMBERED_ROW_RE = re.compile(r"^\s*\(\s*[0-9๐-๙]{1,3}\s*\)")


def _rows_follow(lines: list[str], index: int) -> bool:
    """A numbered line "(๑) ..." soon after: a table was meant here."""
    near = [ln for ln in lines[index + 1 : index + 40] if ln.strip()][:8]
    return any(_NUMBERED_ROW_RE.match(ln.strip("\t")) for ln in near)
