"""What both parsers share: their blocks assembled into a memo.

Both parsers reduce a document to a list of blocks (paragraph texts and tables in reading
order) and hand it to `assemble`, which recognises the memo head (ส่วนราชการ, ที่, วันที่,
เรื่อง, เรียน), drops page-break artefacts ("-๒-", "/ผลการ..."), merges tables continued on the
next page, classifies tables ("measures", "status") and finds the signature; the memo's own
agency, province and fiscal year are then read by `identity.infer_identity`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from prongsai.imports.identity import infer_identity
from prongsai.imports.parse import ParseError
from prongsai.memos.model import (
    STATUS_MARKS,
    Cell,
    Header,
    Memo,
    Paragraph,
    Row,
    Signature,
    Table,
)
from prongsai.thai.dates import DateParseError, parse_thai_date

# --------------------------------------------------------------------------- blocks


@dataclass
class RawParagraph:
    """A paragraph as read: its text ("\\n" for line breaks inside it)."""

    text: str


RawBlock = RawParagraph | Table

_PAGE_NUMBER_RE = re.compile(r"^\s*[-–—]\s*[0-9๐-๙]{1,3}\s*[-–—]\s*$")
_CONTINUATION_RE = re.compile(r"^\s*/\s*\S[^/]{0,60}?(?:\.{2,}|…)\s*$")
_DOTTED_RE = re.compile(r"^[\s.·…_\-]{8,}$")


def is_page_artefact(text: str) -> bool:
    """Page numbers ("-๒-"), continuation markers ("/ผลการ...") and dotted filler lines."""
    return bool(
        _PAGE_NUMBER_RE.match(text) or _CONTINUATION_RE.match(text) or _DOTTED_RE.match(text)
    )


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


# --------------------------------------------------------------------------- assembling


_TITLE_RE = re.compile(r"^\s*บันทึกข้อความ\s*$")
_DEPARTMENT_RE = re.compile(r"^\s*ส่วนราชการ\s*(?P<rest>.*)$", re.S)
# The ที่ line, and the วันที่ written on the same line after the number. The date is
# looked for only where a run of spaces starts (a lazy number before an optional "\s+วันที่"
# tried every split of a long run of spaces: quadratic). Likewise the phone is looked for
# from "โทร" itself, not from every space before it.
_NUMBER_RE = re.compile(r"^\s*ที่(?:\s+|(?=[ก-ฮ]{1,3}\s?[0-9๐-๙]))(?P<rest>.*)$", re.S)
_NUMBER_DATE_RE = re.compile(r"(?<!\s)\s+วันที่\s*")
_DATE_RE = re.compile(r"^\s*วันที่\s*(?P<date>.+)$", re.S)
_SUBJECT_RE = re.compile(r"^\s*เรื่อง\s*(?P<subject>.*)$", re.S)
_ADDRESSEE_RE = re.compile(r"^\s*เรียน\s*(?P<to>.*)$", re.S)
_PHONE_RE = re.compile(r"โทร(?:ศัพท์|\.)?\s*(?P<phone>.*)$", re.S)
_HEAD_LABEL_RE = re.compile(r"^\s*(?:ส่วนราชการ|ที่\s|วันที่|เรื่อง|เรียน)")
_HEAD_SCAN_LIMIT = 20


def tidy(text: str) -> str:
    """Whitespace runs (tabs, layout spaces) become one space; ends stripped."""
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class _HeadState:
    header: Header = field(default_factory=Header)
    found: int = 0
    last: str = ""


def _read_head_line(line: str, state: _HeadState) -> bool:
    """Fill the header from one line of the head; False when the line is not a head line."""
    h = state.header
    if _TITLE_RE.match(line):
        return True
    if m := _DEPARTMENT_RE.match(line):
        rest = m["rest"]
        if p := _PHONE_RE.search(rest):
            h.telephone = tidy(p["phone"])
            rest = rest[: p.start()]
        h.department = tidy(rest)
        state.found, state.last = state.found + 1, "department"
        return True
    if (m := _NUMBER_RE.match(line)) and not h.document_number:
        number, date = m["rest"], ""
        if d := _NUMBER_DATE_RE.search(number):
            number, date = number[: d.start()], number[d.end() :]
        h.document_number = tidy(number)
        if date:
            h.date_text = tidy(date)
        state.found, state.last = state.found + 1, "number"
        return True
    if m := _DATE_RE.match(line):
        h.date_text = tidy(m["date"])
        state.found, state.last = state.found + 1, "date"
        return True
    if m := _SUBJECT_RE.match(line):
        h.subject = tidy(m["subject"])
        state.found, state.last = state.found + 1, "subject"
        return True
    if m := _ADDRESSEE_RE.match(line):
        h.addressee = tidy(m["to"])
        state.found, state.last = state.found + 1, "addressee"
        return True
    if state.last == "subject" and line.strip():
        h.subject = tidy(h.subject + " " + line)  # a subject wrapped onto a second line
        return True
    return False


def _head_lines(block: RawBlock) -> list[str]:
    """A head paragraph, or a borderless head table read row by row."""
    if isinstance(block, RawParagraph):
        return block.text.split("\n")
    return ["\t".join(c.text for c in row.cells) for row in block.rows]


def _split_head(blocks: list[RawBlock]) -> tuple[Header, int, int]:
    """The header, the index of the first body block and how many head fields were found."""
    state = _HeadState()
    end = 0
    for i, block in enumerate(blocks[:_HEAD_SCAN_LIMIT]):
        lines = [ln for ln in _head_lines(block) if ln.strip()]
        if isinstance(block, Table) and not any(_HEAD_LABEL_RE.match(ln) for ln in lines):
            break
        if not lines:
            continue
        recognised = [_read_head_line(ln, state) for ln in lines]
        if not any(recognised):
            if state.found:
                break
            continue
        end = i + 1
        if state.header.addressee:
            break
    return state.header, end, state.found


def assemble(blocks: Sequence[RawBlock]) -> Memo:
    """A Memo from blocks in reading order (see the module docstring)."""
    cleaned: list[RawBlock] = []
    for block in blocks:
        if isinstance(block, RawParagraph):
            if not block.text.strip() or is_page_artefact(block.text):
                continue
            cleaned.append(RawParagraph(block.text.rstrip()))
        elif block.rows:
            cleaned.append(block)
    header, start, found = _split_head(cleaned)
    body_blocks = cleaned[start:]
    body = _merge_tables(body_blocks)
    if not found and not any(isinstance(b, Table) and b.role for b in body):
        raise ParseError(
            "ไม่พบส่วนหัวของบันทึกข้อความ (ส่วนราชการ ที่ วันที่ เรื่อง) หรือตารางมาตรการ",
            "no memo header (ส่วนราชการ, ที่, วันที่, เรื่อง) and no measures table found",
        )
    signature, approval, body = _split_signature(body)
    if header.date_text:
        try:
            header.date = parse_thai_date(header.date_text)
        except DateParseError:
            header.date = None
    memo = Memo(header=header, body=body, signature=signature, approval=approval)
    infer_identity(memo)
    return memo


def _merge_tables(blocks: list[RawBlock]) -> list[Paragraph | Table]:
    """Paragraphs and tables; a table continued on the next page joins the one before it."""
    out: list[Paragraph | Table] = []
    for block in blocks:
        if isinstance(block, RawParagraph):
            out.append(Paragraph(text=block.text))
            continue
        table = block
        if not table.header_rows():
            mark_header_rows(table)
        table.role = table.role or classify_table(table)
        previous = out[-1] if out else None
        if (
            isinstance(previous, Table)
            and len(previous.columns) == len(table.columns)
            and (table.role == previous.role or not table.role)
            and (not table.role or _continues(previous, table))
        ):
            previous.rows.extend(table.rows)
            drop_repeated_headers(previous)
            continue
        drop_repeated_headers(table)
        out.append(table)
    return out


def _continues(previous: Table, table: Table) -> bool:
    """Same role and the same headings (repeated) or no headings of its own."""
    mine = [row_key(r) for r in table.header_rows()]
    theirs = {row_key(r) for r in previous.header_rows()}
    return not mine or all(k in theirs for k in mine)


# "(นายสมชาย ใจดี)" or a dotted place "(.................)" under a signature. The text
# in the brackets is taken whole and then checked: one pattern with spaces allowed before,
# inside and after the dotted place backtracked cubically on a long run of spaces.
_SIGNATURE_LINE_RE = re.compile(r"^\s*\((?P<inner>[^()]*)\)\s*$")
_SIGNATURE_NAME_RE = re.compile(
    r"(?:นาย|นาง|นางสาว|น\.ส\.|ว่าที่|ดร\.|จ่า|พ\.|ร\.|ส\.|จ\.|สิบ|พันจ่า|นาวา)[^()\d๐-๙]{1,80}"
)
_SIGNING_PLACE_RE = re.compile(r"[.…_\s]{3,}")


def _signature_name(text: str) -> str | None:
    """The name of a "(name)" line ("" for a dotted place), None for any other line."""
    m = _SIGNATURE_LINE_RE.match(text)
    if m is None:
        return None
    inner = m["inner"]
    if _SIGNING_PLACE_RE.fullmatch(inner):
        return ""
    name = inner.strip()
    return name if _SIGNATURE_NAME_RE.fullmatch(name) else None


# Lines under the first line of a position that still belong to it.
_POSITION_MORE_RE = re.compile(
    r"^\s*(?:ปฏิบัติหน้าที่|รักษาราชการแทน|รักษาการ|ปลัด|รองปลัด|ผู้อำนวยการ|หัวหน้า|นายก|รองนายก)"
)
_POSITION_MAX = 120


def _split_signature(
    body: list[Paragraph | Table],
) -> tuple[Signature | None, Signature | None, list[Paragraph | Table]]:
    """The signature ("(name)" and the position under it) after the last table, and the
    executive's approval block when a second signing place follows it."""
    last_table = max((i for i, b in enumerate(body) if isinstance(b, Table)), default=-1)
    names = [
        i
        for i in range(last_table + 1, len(body))
        if isinstance(body[i], Paragraph) and _signature_name(body[i].text) is not None  # type: ignore[union-attr]
    ]
    if not names:
        return None, None, body
    first = names[0]
    signature, used = _signature_at(body, first)
    start = first
    while start > last_table + 1 and _is_signing_line(body[start - 1]):
        start -= 1  # "ลงชื่อ ....." above the name belongs to the signature too
    approval = None
    end = used
    if len(names) > 1:
        last = names[-1]
        approval, end = _signature_at(body, last)
        intro = [b.text for b in body[used:last] if isinstance(b, Paragraph)]
        approval.intro = "\n".join(tidy(t) for t in intro if not _is_signing_line_text(t))
    return signature, approval, body[:start] + body[end:]


def _signature_at(body: list[Paragraph | Table], index: int) -> tuple[Signature, int]:
    """The signature whose name is body[index]; and the index after its last line."""
    name = tidy(_signature_name(body[index].text) or "")  # type: ignore[union-attr]
    if not name.strip(".…_ "):
        name = ""  # a dotted place for a name to be written by hand
    lines: list[str] = []
    end = index + 1
    while end < len(body) and len(lines) < 3:
        block = body[end]
        if not isinstance(block, Paragraph) or len(block.text) >= _POSITION_MAX:
            break
        if _signature_name(block.text) is not None:
            break
        if lines and not _POSITION_MORE_RE.match(block.text):
            break
        lines.append(tidy(block.text))
        end += 1
    return Signature(name=name, position="\n".join(lines)), end


def _is_signing_line_text(text: str) -> bool:
    return bool(re.match(r"^\s*(?:ลงชื่อ|ลงนาม)[\s.…_]*$", text))


def _is_signing_line(block: Paragraph | Table) -> bool:
    return isinstance(block, Paragraph) and _is_signing_line_text(block.text)


def new_table(rows: list[list[Cell]]) -> Table:
    """A Table of equal-width columns from rows of cells (colspans counted)."""
    width = max((sum(c.colspan for c in r) for r in rows), default=0)
    return Table(columns=[1.0] * max(width, 1), rows=[Row(cells=r) for r in rows])
