"""Cutting the lines of a text-exported table into cells when the export does not say where
a cell ends.

LibreOffice writes every paragraph of every cell on a line of its own, without a tab (an
empty cell is a blank line); Word's "save as text" divides cells by tabs but ends a row and
a paragraph inside a cell alike, with a line end. What a line holds tells the columns apart:
a measure's title starts with its number "(๑)", a step with a bullet, a division is named
กอง…/สำนัก…, a status column holds a tick or a dash and a note in brackets under the tick.

    segment(fragments, roles, closing) -> (rows of cell texts, fragments used)

scores every way of cutting the fragments into cells, a row being one cell per column, and
keeps the best (dynamic programming over (fragment, column): each cell is scored in
constant time from running sums, so the cost is fragments × columns × the longest cell).
Fragments after the last row that fits become paragraphs again.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from prongsai.imports.parse.tables import HEADER_WORDS, squash
from prongsai.memos.model import EMPTY_MARKS, STATUS_MARKS

#: The longest cell, in fragments (lines); a longer one is cut.
MAX_CELL = 40
#: The most fragments one table is cut from; past it the rest is read as paragraphs.
MAX_FRAGMENTS = 4000
#: Fragments × columns of one table at most (a heading of many columns reads fewer lines).
MAX_WORK = 32_000

MARK_ROLES = ("not_started", "in_progress", "done")


@dataclass(frozen=True)
class Fragment:
    """A piece of a line: the text between tabs, or a whole line.

    `split_cost` is what starting a new cell here costs (0: free; None: never, the text
    continues the cell before); `must_split` says a new cell begins here (after a tab).
    """

    text: str
    line: int  # 0-based line number, for messages
    split_cost: float | None = 0.0
    must_split: bool = False


_NUMBERED_RE = re.compile(r"^\s*(?:\(\s*[0-9๐-๙]{1,3}\s*\)|[0-9๐-๙]{1,3}\s*[.)])\s*\S")
_PAREN_NUMBERED_RE = re.compile(r"^\s*\(\s*[0-9๐-๙]{1,3}\s*\)")
_BULLET_RE = re.compile(r"^\s*[-–—•▪●○◦*]\s*\S")
_DIGITS_RE = re.compile(r"^[0-9๐-๙]{1,3}\.?$")
_DIVISION_RE = re.compile(
    r"^(?:[-–•]\s*)?(?:ทุก)?(?:กอง|สำนัก|ฝ่าย|งาน|ส่วน|ศูนย์|หน่วย|กลุ่ม|ปลัด|รองปลัด|"
    r"ผู้อำนวยการ|หัวหน้า|นายก|รองนายก|คณะ|เจ้าหน้าที่|นักวิชาการ|เจ้าพนักงาน|โรงเรียน|"
    r"สถานศึกษา|ศพด|งานบุคคล)"
)
_MONITORING_RE = re.compile(r"รายงาน|ติดตาม|ไตรมาส|ประเมิน|สรุปผล|^ณ\s|ทุกเดือน|ทุกปี")
# Lines that open a paragraph of the memo, never a cell: the closing, the signature, the
# heading of the next table's section.
_OPENER_RE = re.compile(
    r"^\s*(?:จึงเรียน|จึงขอ|ทั้งนี้|ในการนี้|อนึ่ง|ตามที่|ดังนั้น|บัดนี้|ลงชื่อ|ความเห็น|"
    r"ผลการประเมินคุณธรรม|ผลการดำเนินการตามมาตรการ|\((?:นาย|นาง|นางสาว|ว่าที่|\s*\.{3,}))"
)
_STATUS_WORD_RE = re.compile(r"ยังไม่|ระหว่าง|เสร็จ|แล้ว")


def is_opener(text: str) -> bool:
    """A line that starts a paragraph of the memo (it ends a table read line by line)."""
    return bool(_OPENER_RE.match(text))


@functools.lru_cache(maxsize=4096)  # lines repeat (marks, divisions, headings)
def _kind(text: str) -> str:
    s = text.strip()
    if not s:
        return "blank"
    if s in STATUS_MARKS:
        return "tick"
    if s in EMPTY_MARKS:
        return "dash"
    if _OPENER_RE.match(s):
        return "opener"
    if len(s) <= 40 and _STATUS_WORD_RE.search(s):
        return "status_word"  # also the heading words of the status columns, written in a cell
    if squash(s) in HEADER_WORDS:
        return "heading"
    if _DIGITS_RE.match(s):
        return "digits"
    if _PAREN_NUMBERED_RE.match(s) and _NUMBERED_RE.match(s):
        return "numbered"
    if _NUMBERED_RE.match(s):
        return "listed"  # "๑. ..." a numbered title or a numbered step
    if s.startswith("(") and s.endswith(")"):
        return "note"
    if len(s) <= 60 and _DIVISION_RE.match(s):
        return "division"
    if _BULLET_RE.match(s):
        return "bullet"
    if _MONITORING_RE.search(s):
        return "monitoring"
    return "text"


# What a line of each kind is worth as the first line of a cell of each role, and as a
# further line. Unknown pairs are worth DEFAULT; an opener is never in a cell.
_FIRST: dict[str, dict[str, float]] = {
    "number": {"digits": 3, "blank": -1},
    "title": {
        "numbered": 3, "listed": 2, "text": 0.5, "monitoring": 0.5, "blank": -7, "tick": -8,
        "dash": -8, "bullet": -2, "division": -3, "digits": -4, "heading": -6, "note": -3,
        "status_word": -2,
    },
    "steps": {
        "bullet": 2, "listed": 1, "numbered": 0, "text": 0, "monitoring": 0, "tick": -5,
        "dash": -3, "division": -2, "digits": -4, "blank": -2, "note": -2, "status_word": -1,
    },
    "divisions": {"division": 2, "blank": -1.5, "dash": -2},
    "monitoring": {
        "monitoring": 1, "text": 0, "division": -2, "tick": -4, "dash": -3, "numbered": -4,
        "listed": -2, "bullet": -1, "blank": -1, "note": -1,
    },
    "mark": {
        "tick": 3, "dash": 3, "blank": 1, "status_word": -1, "digits": -1, "numbered": -6,
        "bullet": -4, "note": -3,
    },
    "status": {"status_word": 3, "blank": -1, "dash": -1, "numbered": -6, "tick": -2},
    "evidence": {
        "blank": 0, "dash": 0, "note": 0.5, "text": 0, "monitoring": 0, "numbered": -6,
        "status_word": -1, "tick": -3, "division": -1,
    },
    "other": {"numbered": -4, "tick": -2, "blank": 0, "dash": 0, "text": 0},
}  # fmt: skip
_FIRST_DEFAULT = {
    "number": -8, "divisions": -3, "mark": -2, "status": -3, "evidence": -0.5, "other": -0.5,
}  # fmt: skip
_MORE: dict[str, dict[str, float]] = {
    "number": {"blank": -1},
    "title": {
        "text": -0.3, "monitoring": -0.3, "numbered": -4, "listed": -1, "tick": -8, "dash": -8,
        "bullet": -2, "division": -3, "blank": -1, "note": -0.5,
    },
    "steps": {
        "bullet": 0.5, "listed": 0.3, "text": 0, "monitoring": 0, "numbered": -1.5, "tick": -5,
        "dash": -5, "division": -2, "blank": -1, "note": -0.5, "digits": -3,
    },
    "divisions": {"division": 1, "blank": -1},
    "monitoring": {
        "monitoring": 0.5, "text": -0.3, "division": -2, "numbered": -4, "listed": -2,
        "tick": -4, "dash": -4, "bullet": -1, "blank": -1,
    },
    "mark": {"blank": -1},  # further lines only under a tick: see _MORE_TICKED
    "status": {"note": 0, "text": -1, "blank": -1, "numbered": -6, "tick": -4, "dash": -4},
    "evidence": {"text": -0.3, "note": 0, "numbered": -6, "tick": -3, "dash": -3, "blank": -1},
    "other": {"numbered": -4, "tick": -2, "dash": -2, "text": -0.3, "blank": -1},
}  # fmt: skip
_MORE_DEFAULT = {
    "number": -8, "divisions": -3, "mark": -4, "status": -1, "evidence": -0.5, "other": -0.5,
    "title": -0.5, "steps": -0.5, "monitoring": -0.5,
}  # fmt: skip
_MORE_TICKED = {
    "note": 0.5, "text": -0.5, "monitoring": -0.5, "blank": -0.5, "numbered": -6, "tick": -5,
    "dash": -5, "bullet": -3, "status_word": -0.5,
}  # fmt: skip
_OPENER = -12.0
_LEFTOVER = -2.0  # a fragment left to be a paragraph
_ROW = 1.0  # a row completed: rows are what is sought, paragraphs what is left
_PAD = -1.5  # a cell missing from the last row (an empty last cell before the end)


def _role(role: str) -> str:
    return "mark" if role in MARK_ROLES else role


def _first_score(role: str, kind: str) -> float:
    if kind == "opener":
        return _OPENER
    r = _role(role)
    return _FIRST.get(r, {}).get(kind, _FIRST_DEFAULT.get(r, 0.0))


def _more_score(role: str, kind: str, ticked: bool) -> float:
    if kind == "opener":
        return _OPENER
    r = _role(role)
    if r == "mark" and ticked:
        return _MORE_TICKED.get(kind, -1.0)
    return _MORE.get(r, {}).get(kind, _MORE_DEFAULT.get(r, 0.0))


def segment(
    fragments: list[Fragment], roles: list[str], *, leftover: float = _LEFTOVER
) -> tuple[list[list[str]], int]:
    """The best rows of cells (texts, lines joined by "\\n") and how many fragments they use;
    the fragments after them are left for paragraphs."""
    n, k = len(fragments), len(roles)
    if not n or not k:
        return [], 0
    kinds = [_kind(f.text) for f in fragments]
    ticked_first = [kind in ("tick", "status_word", "text", "digits") for kind in kinds]
    # running sums of the further-line scores, per column, so a cell costs O(1)
    more: list[list[float]] = []
    for role in roles:
        plain, ticked = [0.0], [0.0]
        for kind in kinds:
            plain.append(plain[-1] + _more_score(role, kind, False))
            ticked.append(ticked[-1] + _more_score(role, kind, True))
        more.append(plain)
        more.append(ticked)
    rest = [0.0] * (n + 1)  # what leaving fragments i.. to be paragraphs costs
    for i in range(n - 1, -1, -1):
        rest[i] = rest[i + 1] + (0.0 if kinds[i] in ("blank", "opener") else leftover)
    neg = float("-inf")
    best = [[neg] * k for _ in range(n + 1)]
    back: list[list[int]] = [[-1] * k for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n):
        # where a cell starting at i may end: at the next fragment that must start a cell
        for c in range(k):
            here = best[i][c]
            if here == neg:
                continue
            cost = fragments[i].split_cost
            if i and cost is None:
                continue
            here -= cost or 0.0
            role = roles[c]
            first = _first_score(role, kinds[i])
            sums = more[2 * c + 1] if ticked_first[i] else more[2 * c]
            nxt = (c + 1) % k
            for j in range(i + 1, min(n, i + MAX_CELL) + 1):
                if j > i + 1 and fragments[j - 1].must_split:
                    break
                score = here + first + sums[j] - sums[i + 1] + (_ROW if nxt == 0 else 0.0)
                if score > best[j][nxt]:
                    best[j][nxt] = score
                    back[j][nxt] = i
    return _best_rows(fragments, best, back, rest, k)


def _best_rows(
    fragments: list[Fragment],
    best: list[list[float]],
    back: list[list[int]],
    rest: list[float],
    k: int,
) -> tuple[list[list[str]], int]:
    n = len(fragments)
    neg = float("-inf")
    end, column, top = 0, 0, rest[0]  # no row at all: everything left to paragraphs
    for i in range(1, n + 1):
        if best[i][0] != neg and best[i][0] + rest[i] > top:
            end, column, top = i, 0, best[i][0] + rest[i]
    for c in range(1, k):  # a last row that the text cuts short, its cells padded
        if best[n][c] != neg and best[n][c] + _PAD * (k - c) > top:
            end, column, top = n, c, best[n][c] + _PAD * (k - c)
    cuts = []
    i, c = end, column
    while i > 0:
        start = back[i][c]
        cuts.append((start, i))
        i, c = start, (c - 1) % k
    cuts.reverse()
    cells = ["\n".join(f.text.rstrip() for f in fragments[a:b]).strip("\n") for a, b in cuts]
    while len(cells) % k:
        cells.append("")
    return [cells[r : r + k] for r in range(0, len(cells), k)], end
