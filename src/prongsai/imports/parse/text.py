"""Plain text exported from a Word memo into the memo model.

The export writes one paragraph a line. A table comes out cell by cell: each cell starts on
a new line with a tab, the further lines of a cell follow without one, and a blank line
usually (not always) ends a row. Page breaks leave their page number ("-๒-"), the
continuation marker ("/ผลการ...") and the repeated table heading in the text. See
tests/data/seed-ummao-2565.txt.

So a table is read as a stream of cells cut into rows by the column count of its first
(heading) row, not by blank lines; it ends at a line without a tab that follows a blank line
once its last row is complete.
"""

from __future__ import annotations

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
from prongsai.memos.model import Cell, Memo

MAX_LINES = 200_000
_HEADING_CELL_MAX = 40


def parse_text(text: str) -> Memo:
    """A Memo from the text of a Word export; ParseError when it is no memo."""
    lines = text.replace("\r\n", "\n").splitlines()
    if len(lines) > MAX_LINES:
        raise ParseError(_("ไฟล์ข้อความยาวเกิน %(count)s บรรทัด") % {"count": f"{MAX_LINES:,}"})
    return assemble(text_blocks(lines))


def text_blocks(lines: list[str]) -> list[RawBlock]:
    blocks: list[RawBlock] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if _is_cell_line(line) and _starts_table(lines, i):
            table, i = _read_table(lines, i)
            blocks.append(table)
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


def _first_group(lines: list[str], start: int) -> list[str]:
    """The cell lines from `start` up to the first blank line (the heading row)."""
    group: list[str] = []
    for line in lines[start:]:
        if not _is_cell_line(line):
            break
        group.extend(line.split("\t")[1:])
    return group


def _starts_table(lines: list[str], start: int) -> bool:
    """Two or more cells in a row made of headings or short texts begin a table."""
    group = _first_group(lines, start)
    if len(group) < 2:
        return False
    if any(squash(cell) in HEADER_WORDS for cell in group):
        return True
    return all(len(cell.strip()) <= _HEADING_CELL_MAX for cell in group)


@dataclass
class _TableReader:
    columns: int
    cells: list[str] = field(default_factory=list)

    def add_cells(self, line: str) -> None:
        self.cells.extend(part.rstrip() for part in line.split("\t")[1:])

    def continue_cell(self, line: str) -> None:
        self.cells[-1] = self.cells[-1] + "\n" + line.rstrip()

    @property
    def row_complete(self) -> bool:
        return len(self.cells) % self.columns == 0


def _read_table(lines: list[str], start: int) -> tuple[RawBlock, int]:
    reader = _TableReader(columns=len(_first_group(lines, start)))
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
    cells = reader.cells
    while len(cells) % reader.columns:
        cells.append("")
    rows = [
        [Cell(text=text.strip("\n")) for text in cells[r : r + reader.columns]]
        for r in range(0, len(cells), reader.columns)
    ]
    return new_table(rows), i
