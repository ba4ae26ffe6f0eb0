"""Tables of an imported memo: which rows are headings, what the table is, and a table
continued on the next page merged into the one before it.

A memo's tables run over pages; Word repeats the heading row on each page, and an export
repeats it in the text. Merging them must not cost more than reading them: each row is
looked at once (see _Continued).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from prongsai.memos.model import STATUS_MARKS, Paragraph, Row, Table

# Words of table headings (spaces removed); a row made only of these is a header row.
HEADER_WORDS = frozenset(
    {
        "มาตรการ",
        "มาตรการ/แนวทาง",
        "แนวทาง",
        "ขั้นตอนหรือวิธีการ",
        "ขั้นตอน/วิธีการ",
        "ขั้นตอนวิธีการ",
        "ขั้นตอนการดำเนินการ",
        "วิธีการ",
        "ขั้นตอน",
        "ผู้รับผิดชอบ",
        "หน่วยงานที่รับผิดชอบ",
        "ผู้รับผิดชอบ/ส่วนราชการ",
        "การกำกับติดตาม",
        "การติดตามผล",
        "การติดตามและรายงานผล",
        "ระยะเวลา",
        "ระยะเวลาดำเนินการ",
        "สถานะการดำเนินการ",
        "สถานะ",
        "ผลการดำเนินการ",
        "ยังไม่ดำเนินการ",
        "อยู่ระหว่างดำเนินการ",
        "ดำเนินการเสร็จเรียบร้อยแล้ว",
        "ดำเนินการแล้วเสร็จ",
        "ดำเนินการเสร็จแล้ว",
        "หลักฐาน",
        "หมายเหตุ",
        "ลำดับ",
        "ลำดับที่",
        "ที่",
        "ประเด็น",
        "ประเด็นที่ต้องพัฒนา",
        "ตัวชี้วัด",
    }
)


def squash(text: str) -> str:
    """Text without any whitespace, for comparing headings and titles."""
    return re.sub(r"\s+", "", text)


def is_header_row(row: Row) -> bool:
    texts = [squash(c.text) for c in row.cells]
    filled = [t for t in texts if t]
    return bool(filled) and all(t in HEADER_WORDS for t in filled)


def row_key(row: Row) -> tuple[str, ...]:
    return tuple(squash(c.text) for c in row.cells)


def mark_header_rows(table: Table) -> None:
    """The leading rows made of heading words are the header.

    When no row is made of known words, a first row of short texts without a status mark
    still is (a table of another kind); a first row of long texts is a continuation.
    """
    for row in table.rows:
        if not is_header_row(row):
            break
        row.header = True
    if table.rows and not table.rows[0].header:
        first = table.rows[0]
        texts = [c.text.strip() for c in first.cells]
        if all(len(t) <= 30 and t[:1] not in STATUS_MARKS for t in texts) and any(texts):
            first.header = True


def drop_repeated_headers(table: Table) -> None:
    """Header rows repeated on the next page inside the body, and rows with nothing, go."""
    keys = {row_key(r) for r in table.rows if r.header}
    kept: list[Row] = []
    body_started = False
    for row in table.rows:
        if row.header and not body_started:
            kept.append(row)
            continue
        body_started = True
        key = row_key(row)
        if key in keys or not any(key):
            continue
        row.header = False
        kept.append(row)
    table.rows = kept


def header_text(table: Table) -> str:
    return " ".join(c.text for r in table.header_rows() for c in r.cells)


def classify_table(table: Table) -> str:
    """ "status" for the status table, "measures" for the measures table, else ""."""
    head = squash(header_text(table))
    if any(w in head for w in ("ยังไม่ดำเนินการ", "อยู่ระหว่างดำเนินการ", "สถานะ")):
        return "status"
    if "มาตรการ" in head and any(w in head for w in ("ผู้รับผิดชอบ", "กำกับติดตาม", "ขั้นตอน")):
        return "measures"
    return ""


def merge_tables(blocks: Sequence[object]) -> list[Paragraph | Table]:
    """Paragraphs and tables; a table continued on the next page joins the one before it.

    `blocks` are tables and paragraphs as read (anything with a `text`).
    """
    out: list[Paragraph | Table] = []
    current: _Continued | None = None  # out[-1] while it is a table
    for block in blocks:
        if not isinstance(block, Table):
            if current is not None:
                current.finish()
                current = None
            out.append(Paragraph(text=block.text))  # type: ignore[attr-defined]
            continue
        table = block
        if not table.header_rows():
            mark_header_rows(table)
        table.role = table.role or classify_table(table)
        if (
            current is not None
            and len(current.table.columns) == len(table.columns)
            and (table.role == current.table.role or not table.role)
            and (not table.role or current.continues(table))
        ):
            current.merge(table)
            continue
        if current is not None:
            current.finish()
        current = _Continued(table)
        out.append(table)
    if current is not None:
        current.finish()
    return out


class _Continued:
    """The last table of the body while the tables that continue it are merged in.

    The rows are the same as appending each continuation and running drop_repeated_headers
    over the whole grown table again, which cost the square of the number of continued
    tables. Here the kept body rows are indexed by their key: a heading row of a
    continuation removes the earlier body rows that repeat it without a scan, and the
    table's rows are put together once, by finish().
    """

    def __init__(self, table: Table) -> None:
        drop_repeated_headers(table)
        self.table = table
        self.head = [r for r in table.rows if r.header]
        self.head_keys = {row_key(r) for r in self.head}
        self.body: list[Row | None] = []
        self.alive = 0
        self.where: dict[tuple[str, ...], list[int]] = {}
        for row in table.rows:
            if not row.header:
                self._keep(row, row_key(row))

    def _keep(self, row: Row, key: tuple[str, ...]) -> None:
        self.where.setdefault(key, []).append(len(self.body))
        self.body.append(row)
        self.alive += 1

    def continues(self, table: Table) -> bool:
        """Same role and the same headings (repeated) or no headings of its own."""
        mine = [row_key(r) for r in table.header_rows()]
        return not mine or all(k in self.head_keys for k in mine)

    def merge(self, table: Table) -> None:
        keyed = [(row, row_key(row)) for row in table.rows]
        new_heads = {key for row, key in keyed if row.header}
        started = self.alive > 0
        for key in new_heads - self.head_keys:
            for index in self.where.pop(key, ()):
                self.body[index] = None
                self.alive -= 1
        for row, key in keyed:
            if row.header and not started:
                self.head.append(row)
                self.head_keys.add(key)
                continue
            started = True
            if key in self.head_keys or key in new_heads or not any(key):
                continue
            row.header = False
            self._keep(row, key)

    def finish(self) -> None:
        self.table.rows = self.head + [r for r in self.body if r is not None]
