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

from django.utils.translation import gettext as _

from prongsai.imports.identity import infer_identity
from prongsai.imports.parse.errors import ParseError
from prongsai.imports.parse.tables import HEADER_WORDS, merge_tables, squash
from prongsai.memos.model import (
    VERIFICATION_RE,
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

__all__ = ["HEADER_WORDS", "RawBlock", "RawParagraph", "assemble", "is_page_artefact", "squash"]

_PAGE_NUMBER_RE = re.compile(r"^\s*[-–—]\s*[0-9๐-๙]{1,3}\s*[-–—]\s*$")
_CONTINUATION_RE = re.compile(r"^\s*/\s*\S[^/]{0,60}?(?:\.{2,}|…)\s*$")
_DOTTED_RE = re.compile(r"^[\s.·…_\-]{8,}$")


def is_page_artefact(text: str) -> bool:
    """Page numbers ("-๒-"), continuation markers ("/ผลการ..."), dotted filler lines and
    the verification line a generated memo ends with."""
    return bool(
        _PAGE_NUMBER_RE.match(text)
        or _CONTINUATION_RE.match(text)
        or _DOTTED_RE.match(text)
        or VERIFICATION_RE.match(text)
    )


# --------------------------------------------------------------------------- assembling


_TITLE_RE = re.compile(r"^\s*บันทึกข้อความ\s*$")
_DEPARTMENT_RE = re.compile(r"^\s*ส่วนราชการ\s*(?P<rest>.*)$", re.S)
# The number line: "ที่" and the number, maybe followed by "วันที่" and the date. Only its start
# is a regular expression; the rest is found with str.find, because a lazy group followed by
# a `\s+` costs the square of a long run of spaces (see _number_line).
_NUMBER_START_RE = re.compile(r"\s*ที่(?:\s+|(?=[ก-ฮ]{1,3}\s?[0-9๐-๙]))")
_DATE_RE = re.compile(r"^\s*วันที่\s*(?P<date>.+)$", re.S)
_SUBJECT_RE = re.compile(r"^\s*เรื่อง\s*(?P<subject>.*)$", re.S)
_ADDRESSEE_RE = re.compile(r"^\s*เรียน\s*(?P<to>.*)$", re.S)
_HEAD_LABEL_RE = re.compile(r"^\s*(?:ส่วนราชการ|ที่\s|วันที่|เรื่อง|เรียน)")
_DATE_WORD = "วันที่"
_PHONE_WORD = "โทร"


def _number_line(line: str) -> tuple[str, str | None] | None:
    """(number, date or None) of a "ที่ ... [วันที่ ...]" line; None for another line.

    The date starts at the first "วันที่" that follows a space; every step is a scan
    forward, so the time stays proportional to the line whatever its spaces.
    """
    start = _NUMBER_START_RE.match(line)
    if start is None:
        return None
    begin = start.end()
    found = line.find(_DATE_WORD, begin + 1)
    while found != -1 and not line[found - 1].isspace():
        found = line.find(_DATE_WORD, found + 1)
    if found == -1:
        return line[begin:], None
    return line[begin:found], line[found + len(_DATE_WORD) :]


def _split_phone(rest: str) -> tuple[str, str | None]:
    """The department without its "โทร ..." part, and the telephone (None when none)."""
    found = rest.find(_PHONE_WORD)
    if found == -1:
        return rest, None
    phone = rest[found + len(_PHONE_WORD) :]
    if phone.startswith("ศัพท์"):
        phone = phone[len("ศัพท์") :]
    elif phone.startswith("."):
        phone = phone[1:]
    return rest[:found], phone


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
        rest, phone = _split_phone(m["rest"])
        if phone is not None:
            h.telephone = tidy(phone)
        h.department = tidy(rest)
        state.found, state.last = state.found + 1, "department"
        return True
    if not h.document_number and (number := _number_line(line)) is not None:
        h.document_number = tidy(number[0])
        if number[1] and number[1].strip():
            h.date_text = tidy(number[1])
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
    body = merge_tables(body_blocks)
    if not found and not any(isinstance(b, Table) and b.role for b in body):
        raise ParseError(_("ไม่พบส่วนหัวของบันทึกข้อความ (ส่วนราชการ ที่ วันที่ เรื่อง) หรือตารางมาตรการ"))
    signature, approval, body = _split_signature(body)
    if header.date_text:
        try:
            header.date = parse_thai_date(header.date_text)
        except DateParseError:
            header.date = None
    memo = Memo(header=header, body=body, signature=signature, approval=approval)
    infer_identity(memo)
    return memo


# The name under a signature, in brackets: "(นายสมชาย ใจดี)", or a dotted place "( ........ )"
# for a name written by hand. The brackets are taken off with str methods and only what is
# inside is matched, by expressions without two quantifiers over the same characters (three
# overlapping `\s*` around the name made a long run of spaces cost the cube of its length).
_SIGNATURE_NAME_RE = re.compile(
    r"(?:นาย|นาง|นางสาว|น\.ส\.|ว่าที่|ดร\.|จ่า|พ\.|ร\.|ส\.|จ\.|สิบ|พันจ่า|นาวา)[^()\d๐-๙]{1,80}"
)
_DOTTED_NAME_RE = re.compile(r"[.…_\s]{3,}")


def signature_name(text: str) -> str | None:
    """The name of a "(name)" line as written (a dotted place too); None for another line."""
    stripped = text.strip()
    if len(stripped) < 2 or stripped[0] != "(" or stripped[-1] != ")":
        return None
    inner = stripped[1:-1]
    if _DOTTED_NAME_RE.fullmatch(inner):
        return inner
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
        for i, block in enumerate(body)
        if i > last_table
        and isinstance(block, Paragraph)
        and signature_name(block.text) is not None
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
    block = body[index]
    raw = signature_name(block.text) if isinstance(block, Paragraph) else None
    name = tidy(raw) if raw else ""
    if not name.strip(".…_ "):
        name = ""  # a dotted place for a name to be written by hand
    lines: list[str] = []
    end = index + 1
    while end < len(body) and len(lines) < 3:
        block = body[end]
        if not isinstance(block, Paragraph) or len(block.text) >= _POSITION_MAX:
            break
        if signature_name(block.text) is not None:
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
