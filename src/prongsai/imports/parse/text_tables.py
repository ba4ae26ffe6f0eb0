"""Tables in a text export, found by their heading and read in the shape the export has.

A table starts at its heading: lines made only of heading words ("มาตรการ", "ขั้นตอนหรือ
วิธีการ", "ยังไม่ดำเนินการ" ...), maybe with empty cells between them. How those lines are
written says the shape of the whole table:

    "lead"  a tab before every cell, a cell's further lines without one (the seed, and
            Word's copy-and-paste); a blank line may or may not end a row
    "rows"  a row a line with tabs between the cells, a cell's further paragraphs on lines
            of their own (Word's "save as text")
    "flat"  no tabs at all: every cell paragraph is a line and an empty cell a blank line
            (LibreOffice's text filter)

The columns are the heading's leaf labels: a heading over several columns ("สถานะการ
ดำเนินการ" over the three status columns) gives way to the labels under it, in its place.
In the "lead" shape every cell is marked, so the cells are read as they come; in the
others text_cells.segment decides where each cell ends.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from prongsai.imports.parse.assemble import is_page_artefact
from prongsai.imports.parse.tables import HEADER_WORDS, squash
from prongsai.imports.parse.text_cells import (
    MAX_FRAGMENTS,
    MAX_WORK,
    Fragment,
    is_opener,
    segment,
)
from prongsai.imports.tables import column_roles
from prongsai.memos.model import Cell, Row, Table

_GROUP_WORDS = frozenset({"สถานะการดำเนินการ", "สถานะ", "ผลการดำเนินการ", "ผลการดำเนินงาน"})
_STATUS_WORDS = ("ยังไม่", "ระหว่าง", "เสร็จ")


@dataclass
class Heading:
    """A table's heading as found: its lines, shape, header rows and column labels."""

    start: int
    end: int  # the first line after it
    shape: str  # "lead", "rows" or "flat"
    rows: list[list[str]]  # the header rows as written (one row when only labels are known)


def _is_heading_word(text: str) -> bool:
    return squash(text) in HEADER_WORDS


@functools.lru_cache(maxsize=1024)  # a memo repeats its headings on every page
def _heading_line(line: str) -> tuple[bool, int]:
    """(may belong to a heading, how many heading words it holds)."""
    parts = [p for p in line.split("\t") if p.strip()]
    if not parts:
        return True, 0
    if all(_is_heading_word(p) for p in parts):
        return True, len(parts)
    return False, 0


def find_heading(lines: list[str], start: int) -> tuple[Heading | None, int]:
    """The heading that starts at `start`, or None and the line to look at next (the lines
    of a run of heading words that is no heading are not looked at again)."""
    line = lines[start]
    ok, words = _heading_line(line)
    if not ok or (not words and "\t" not in line):
        return None, start + 1
    end = start
    texts: set[str] = set()
    while end < len(lines):
        ok, words = _heading_line(lines[end])
        if not ok:
            break
        texts.update(squash(p) for p in lines[end].split("\t") if p.strip())
        end += 1
    while end > start and not lines[end - 1].strip() and "\t" not in lines[end - 1]:
        end -= 1  # blank lines after a heading are the body's; lone tabs are its empty cells
    if len(texts) < 2:
        return None, max(end, start + 1)
    run = lines[start:end]
    if any("\t" in ln for ln in run):
        shape = "lead" if all(ln.startswith("\t") for ln in run if ln.strip()) else "rows"
    else:
        shape = "flat"
    return Heading(start, end, shape, _header_rows(run, shape)), end


def _header_rows(run: list[str], shape: str) -> list[list[str]]:
    groups: list[list[str]] = []
    if shape == "rows":
        groups = [ln.split("\t") for ln in run if ln.strip()]
    elif shape == "lead":
        current: list[str] = []
        for ln in run:
            if not ln.strip() and "\t" not in ln:
                if current:
                    groups.append(current)
                current = []
                continue
            current.extend(part.strip() for part in ln.split("\t")[1:])
        if current:
            groups.append(current)
    else:
        groups = [[ln.strip() for ln in run]]
    groups = [[c.strip() for c in g] for g in groups]
    widths = {len(g) for g in groups}
    if len(groups) > 1 and len(widths) == 1 and widths.pop() >= 2:
        return groups
    cells = [c for g in groups for c in g]
    width = _trailing_labels(cells)
    if width >= 2 and len(cells) % width == 0 and shape != "flat":
        return [cells[i : i + width] for i in range(0, len(cells), width)]
    return [leaf_labels(cells)]


def _trailing_labels(cells: list[str]) -> int:
    count = 0
    for cell in reversed(cells):
        if not cell:
            break
        count += 1
    return count


def _is_status_label(text: str) -> bool:
    return any(w in text for w in _STATUS_WORDS)


def leaf_labels(cells: list[str]) -> list[str]:
    """The column labels of a heading flattened into one list: empty (covered) cells go, and
    a heading over the status columns is replaced, in its place, by the labels under it."""
    labels = [c for c in cells if c]
    for i, label in enumerate(labels):
        if squash(label) in _GROUP_WORDS:
            under = [x for x in labels[i + 1 :] if _is_status_label(x)]
            if under and i == 0:
                # Over everything else: a row of its own above a full row of labels (no
                # table opens with its status columns).
                return labels[1:]
            if under:
                rest = [x for x in labels[i + 1 :] if x not in under]
                return labels[:i] + under + rest
    return labels


# ------------------------------------------------------------------ the body


def _roles(rows: list[list[str]]) -> list[str]:
    return list(_roles_of(tuple(tuple(r) for r in rows)))


@functools.lru_cache(maxsize=256)
def _roles_of(rows: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    width = max(len(r) for r in rows)
    table = Table(
        columns=[1.0] * width,
        rows=[Row(cells=[Cell(text=t) for t in r], header=True) for r in rows],
    )
    by_column = {col: role for role, col in column_roles(table).items()}
    return tuple(by_column.get(col, "other") for col in range(width))


def read_table(lines: list[str], heading: Heading, heading_at: HeadingFinder) -> tuple[Table, int]:
    """The table under `heading` and the line after it."""
    width = max(len(r) for r in heading.rows)
    roles = _roles(heading.rows)
    if heading.shape == "lead":
        body, end = _lead_body(lines, heading.end, width, heading_at)
    else:
        limit = min(MAX_FRAGMENTS, MAX_WORK // width)  # the cutting costs fragments × columns
        fragments, stop = _fragments(lines, heading.end, heading.shape, heading_at, limit)
        leftover = -10.0 if heading.shape == "rows" else -2.0
        body, used = segment(fragments, roles, leftover=leftover)
        end = fragments[used].line if used < len(fragments) else stop
    rows = [Row(cells=[Cell(text=t) for t in r], header=True) for r in heading.rows]
    for row in rows:
        row.cells.extend(Cell() for _ in range(width - len(row.cells)))
    rows += _merged_down(body, roles)
    return Table(columns=[1.0] * width, rows=rows), end


# A text export writes a cell merged over several rows once and leaves the rows under it
# empty; in these columns an empty cell under a filled one is such a cell (a measure has
# someone responsible), so it is merged back as the DOCX has it.
_MERGED_ROLES = frozenset({"divisions", "monitoring"})


def _merged_down(body: list[list[str]], roles: list[str]) -> list[Row]:
    rows: list[Row] = []
    owners: dict[int, Cell] = {}
    for texts in body:
        cells: list[Cell] = []
        for col, text in enumerate(texts):
            role = roles[col] if col < len(roles) else "other"
            owner = owners.get(col)
            if role in _MERGED_ROLES and not text.strip() and owner is not None:
                owner.rowspan += 1
                continue
            cell = Cell(text=text)
            cells.append(cell)
            owners[col] = cell
        rows.append(Row(cells=cells))
    return rows


class HeadingFinder:
    """Whether a table heading starts at a line; each line is looked at once."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.known: dict[int, Heading | None] = {}
        self.none_before = 0  # no heading starts at a line before this one (from the last look)

    def __call__(self, index: int) -> Heading | None:
        if index not in self.known:
            if index < self.none_before:
                return None
            heading, after = find_heading(self.lines, index)
            self.known[index] = heading
            if heading is None:
                self.none_before = max(self.none_before, after)
        return self.known[index]


def _lead_body(
    lines: list[str], start: int, width: int, heading_at: HeadingFinder
) -> tuple[list[list[str]], int]:
    """Cells of the "lead" shape: a tab starts a cell, a line without one continues it; the
    table ends at a line without a tab after a blank line once its last row is complete, or
    at the next heading."""
    cells: list[list[str]] = []
    i = start
    after_blank = False
    while i < len(lines):
        line = lines[i]
        if line.startswith("\t"):
            if line.strip() and heading_at(i) is not None:
                break
            cells.extend([part.rstrip()] for part in line.split("\t")[1:])
            after_blank = False
        elif not line.strip() or is_page_artefact(line):
            after_blank = True
        elif (after_blank and len(cells) % width == 0) or is_opener(line) or not cells:
            break
        else:
            cells[-1].append(line.rstrip())
        i += 1
    texts = ["\n".join(parts).strip("\n") for parts in cells]
    while len(texts) % width:
        texts.append("")
    return [texts[r : r + width] for r in range(0, len(texts), width)], i


def _fragments(
    lines: list[str], start: int, shape: str, heading_at: HeadingFinder, limit: int
) -> tuple[list[Fragment], int]:
    """The pieces of the lines under a heading, up to where the table surely ends: the next
    heading, a line that opens a paragraph, or (rows) a line without a tab after a blank."""
    out: list[Fragment] = []
    i = start
    after_blank = False
    while i < len(lines) and len(out) < limit:
        line = lines[i]
        if not line.strip():
            if shape == "flat" and "\t" not in line and out:
                out.append(
                    Fragment("", i)
                )  # an empty cell (blank lines before the first row are spacing)
            after_blank = True
            i += 1
            continue
        if is_page_artefact(line) or (heading_at(i) is not None) or is_opener(line):
            if is_page_artefact(line) and heading_at(i) is None and not is_opener(line):
                i += 1
                continue
            break
        if shape == "rows" and "\t" not in line and after_blank:
            break
        parts = line.split("\t")
        out.append(Fragment(parts[0], i))
        out.extend(Fragment(part, i, must_split=True) for part in parts[1:])
        after_blank = False
        i += 1
    # Blank lines at the end stay: empty cells of the last row, or (left over by segment,
    # at no cost) spacing before what follows.
    end = out[-1].line + 1 if out else start
    return out, max(end, start)
