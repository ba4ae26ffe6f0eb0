"""Reading a memo's tables: which column holds what, each body row as {role: text}, and the
texts of cells (numbers, steps, divisions, status marks) as the import maps them.

Pure: the memo model in, plain values out; `imports.mapping` pairs the rows and saves them.
"""

from __future__ import annotations

import re

from prongsai.memos.model import EMPTY_MARKS, STATUS_MARKS, Cell, Table
from prongsai.thai.digits import to_arabic_digits

__all__ = [
    "body_cells",
    "column_roles",
    "join_cell",
    "normalize_division",
    "owner_grid",
    "read_mark",
    "split_divisions",
    "split_number",
    "split_steps",
    "status_word",
]


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
        rows.append({role: _text_at(line, col) for role, col in roles.items()})
    return rows


def _text_at(line: list[Cell | None], col: int) -> str:
    cell = line[col] if col < len(line) else None
    return cell.text if cell is not None else ""


# ------------------------------------------------------------------ reading cell texts

_SPACE_BEFORE = ("ณ ",)


def join_cell(text: str) -> str:
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
        step = join_cell("\n".join(piece)).strip()
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
    note = join_cell(text).strip()
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
