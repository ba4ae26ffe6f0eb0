"""Reading a file into the memo model: the dispatcher and what both parsers share.

    parse_file(path_or_bytes, filename) -> Memo

decides the format by content (a DOCX is a ZIP with word/document.xml; anything else must be
text, decoded as UTF-8, UTF-16 with a BOM, or the Thai legacy code pages TIS-620/cp874) and
raises ParseError, with a Thai and an English message, for everything it cannot read.

Both parsers reduce a document to a list of blocks (paragraph texts and tables in reading
order) and hand it to `assemble`, which recognises the memo head (ส่วนราชการ, ที่, วันที่,
เรื่อง, เรียน), drops page-break artefacts ("-๒-", "/ผลการ..."), merges tables continued on the
next page, classifies tables ("measures", "status") and finds the signature.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from prongsai.documents.memo import (
    STATUS_MARKS,
    Cell,
    Header,
    Memo,
    Paragraph,
    Row,
    Signature,
    Table,
)
from prongsai.errors import ProngsaiError
from prongsai.thai.dates import DateParseError, fiscal_year_of, parse_thai_date
from prongsai.thai.digits import to_arabic_digits
from prongsai.thai.provinces import province_by_name

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


class ParseError(ProngsaiError):
    """A file that cannot be read into a memo; nothing was written."""


# --------------------------------------------------------------------------- dispatcher


def max_upload_bytes() -> int:
    """settings.UPLOAD_MAX_BYTES where Django settings can be had (web, CLI), else 10 MB."""
    try:
        from django.conf import settings
        from django.core.exceptions import ImproperlyConfigured
    except ImportError:  # pragma: no cover - Django is a dependency; the core need not be
        return DEFAULT_MAX_BYTES
    try:
        return int(settings.UPLOAD_MAX_BYTES)
    except (ImproperlyConfigured, AttributeError):
        return DEFAULT_MAX_BYTES


def _too_big(limit: int) -> ParseError:
    mb = limit / (1024 * 1024)
    return ParseError(f"ไฟล์ใหญ่เกิน {mb:g} MB", f"file is larger than {mb:g} MB")


def read_source(source: str | Path | bytes, max_bytes: int | None = None) -> bytes:
    """The bytes of a path or of bytes given, within the size limit."""
    limit = max_upload_bytes() if max_bytes is None else max_bytes
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        if len(data) > limit:
            raise _too_big(limit)
        return data
    path = Path(source)
    try:
        if path.stat().st_size > limit:
            raise _too_big(limit)
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except FileNotFoundError:
        raise ParseError(f"ไม่พบไฟล์ {path}", f"no such file: {path}") from None
    except IsADirectoryError:
        raise ParseError(f"{path} เป็นโฟลเดอร์ ไม่ใช่ไฟล์", f"{path} is a directory") from None
    except OSError as exc:
        raise ParseError(f"อ่านไฟล์ {path} ไม่ได้", f"cannot read {path}: {exc}") from exc
    if len(data) > limit:  # the file grew while we read it
        raise _too_big(limit)
    return data


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DOCX_NAMES = (".docx", ".docm", ".dotx")


def parse_file(
    source: str | Path | bytes, filename: str = "", *, max_bytes: int | None = None
) -> Memo:
    """Read a DOCX or a text export of a Word memo into a Memo, or raise ParseError."""
    from prongsai.documents import parse_docx, parse_text

    if not filename and isinstance(source, str | Path):
        filename = Path(source).name
    data = read_source(source, max_bytes)
    if not data.strip():
        raise ParseError("ไฟล์ว่างเปล่า", "empty file")
    kind = sniff_kind(data)
    lower = filename.lower()
    if kind == "docx":
        return parse_docx.parse_docx_bytes(data)
    if lower.endswith(_DOCX_NAMES):
        raise ParseError(
            "ไฟล์นี้ตั้งชื่อเป็น .docx แต่เนื้อในไม่ใช่ไฟล์ DOCX (อาจเสียหายหรือเปลี่ยนนามสกุลมา)",
            f"{filename} is named .docx but is not a DOCX file (corrupt or renamed)",
        )
    return parse_text.parse_text(decode_text(data))


def sniff_kind(data: bytes) -> str:
    """ "docx" or "text"; other known formats raise ParseError saying what they are."""
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _check_zip(data)
    if data.startswith(_OLE2):
        # Word 97-2003 files and password-protected DOCX files are both OLE2 containers;
        # the encrypted package names its EncryptionInfo stream in UTF-16.
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise ParseError(
                "ไฟล์ถูกตั้งรหัสผ่าน กรุณาเอารหัสผ่านออกแล้วบันทึกใหม่เป็น .docx",
                "the file is password-protected (encrypted); remove the password and save as .docx",
            )
        raise ParseError(
            "ไฟล์ Word รุ่นเก่า (.doc) ยังไม่รองรับ กรุณาบันทึกเป็น .docx",
            "legacy Word .doc files are not supported; save the file as .docx",
        )
    if data.startswith(b"%PDF-"):
        raise ParseError(
            "ไฟล์ PDF อ่านเป็นบันทึกข้อความไม่ได้ กรุณาใช้ไฟล์ .docx หรือข้อความที่ส่งออกจาก Word",
            "PDF files cannot be imported; use the .docx or the text exported from Word",
        )
    if data.startswith(b"{\\rtf"):
        raise ParseError(
            "ไฟล์ RTF ยังไม่รองรับ กรุณาบันทึกเป็น .docx", "RTF is not supported; save as .docx"
        )
    for magic, name in ((b"\x89PNG", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF8", "GIF")):
        if data.startswith(magic):
            raise ParseError(
                f"ไฟล์รูปภาพ ({name}) ไม่ใช่บันทึกข้อความ", f"an image ({name}) is not a memo"
            )
    return "text"


def _check_zip(data: bytes) -> str:
    """Reuse the upload checks (ZIP bomb, encryption, unsafe names, macros) for a DOCX."""
    from prongsai.errors import UploadRejected
    from prongsai.uploads import DOCX, sniff

    try:
        content_type = sniff(data)
    except UploadRejected as exc:
        raise ParseError(exc.th, exc.en) from exc
    except Exception as exc:
        # zipfile raises a zoo of exceptions on damaged archives (BadZipFile, zlib.error,
        # EOFError, NotImplementedError, RuntimeError ...); every one means the same thing.
        raise ParseError(
            "ไฟล์ DOCX เสียหาย อ่านไม่ได้", f"corrupt DOCX/ZIP file ({type(exc).__name__})"
        ) from exc
    if content_type != DOCX:
        raise ParseError("ไฟล์นี้ไม่ใช่ DOCX", "not a DOCX file (another ZIP or Office file)")
    return "docx"


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Tried in order: UTF-8 is strict enough to rule itself out on legacy bytes; cp874 (Windows
# Thai) is TIS-620 plus a few punctuation marks in 0x80-0x9F, so it goes before TIS-620.
_LEGACY = ("cp874", "tis_620")
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


def decode_text(data: bytes) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, TIS-620/cp874."""
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ParseError(
                    "ไฟล์ข้อความเสียหาย (รหัสอักขระไม่ถูกต้อง)", f"damaged {encoding} text: {exc}"
                ) from exc
            break
    if text is None:
        if _looks_utf16le(data):
            text = _try_decode(data, "utf-16-le")
        if text is None and b"\x00" in data:
            raise ParseError("ไฟล์นี้ไม่ใช่ไฟล์ข้อความ", "binary data, not a text file")
        if text is None:
            text = _try_decode(data, "utf-8")
        if text is None and _mostly_utf8_thai(data):
            try:
                data.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise ParseError(
                    f"ไฟล์ข้อความ UTF-8 เสียหายที่ไบต์ {exc.start:,}",
                    f"damaged UTF-8 text at byte {exc.start:,}",
                ) from exc
        for encoding in _LEGACY:
            if text is None:
                text = _try_decode(data, encoding)
    if text is None:
        raise ParseError(
            "อ่านรหัสอักขระของไฟล์ไม่ได้ (รองรับ UTF-8, UTF-16 และ TIS-620)",
            "unknown text encoding (UTF-8, UTF-16 and TIS-620 are read)",
        )
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in _ALLOWED_CONTROLS)
    controls += sum(1 for ch in text if 0x7F <= ord(ch) <= 0x9F)
    if controls > max(2, len(text) // 100):
        raise ParseError("ไฟล์นี้ไม่ใช่ไฟล์ข้อความ", "binary data, not a text file")
    return text


_UTF8_THAI_RE = re.compile(rb"\xe0\xb8[\x80-\xbf]|\xe0\xb9[\x80-\x9b]")


def _mostly_utf8_thai(data: bytes) -> bool:
    """Most high bytes form UTF-8 Thai letters: damaged UTF-8, not TIS-620 (whose letters
    rarely line up as E0 B8/B9 + a byte of 80-BF)."""
    high = sum(1 for b in data if b >= 0x80)
    return high > 0 and 3 * len(_UTF8_THAI_RE.findall(data)) >= high // 2


def _looks_utf16le(data: bytes) -> bool:
    """UTF-16 without BOM: Thai (U+0E..) and ASCII both put a NUL or 0x0E in every odd byte."""
    odd = data[1:200:2]
    return len(odd) >= 4 and sum(1 for b in odd if b in (0, 0x0E)) >= 0.9 * len(odd)


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


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
_NUMBER_RE = re.compile(
    r"^\s*ที่(?:\s+|(?=[ก-ฮ]{1,3}\s?[0-9๐-๙]))(?P<number>.*?)(?:\s+วันที่\s*(?P<date>.*))?$",
    re.S,
)
_DATE_RE = re.compile(r"^\s*วันที่\s*(?P<date>.+)$", re.S)
_SUBJECT_RE = re.compile(r"^\s*เรื่อง\s*(?P<subject>.*)$", re.S)
_ADDRESSEE_RE = re.compile(r"^\s*เรียน\s*(?P<to>.*)$", re.S)
_PHONE_RE = re.compile(r"\s*โทร(?:ศัพท์|\.)?\s*(?P<phone>.*)$", re.S)
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
        h.document_number = tidy(m["number"])
        if m["date"]:
            h.date_text = tidy(m["date"])
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


_SIGNATURE_NAME_RE = re.compile(
    r"^\s*\(\s*(?P<name>(?:นาย|นาง|นางสาว|น\.ส\.|ว่าที่|ดร\.|จ่า|พ\.|ร\.|ส\.|จ\.|สิบ|พันจ่า|นาวา)"
    r"[^()\d๐-๙]{1,80}?|[.…_\s]{3,})\s*\)\s*$"
)
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
        if isinstance(body[i], Paragraph) and _SIGNATURE_NAME_RE.match(body[i].text)  # type: ignore[union-attr]
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
    m = _SIGNATURE_NAME_RE.match(body[index].text)  # type: ignore[union-attr]
    name = tidy(m["name"]) if m else ""
    if not name.strip(".…_ "):
        name = ""  # a dotted place for a name to be written by hand
    lines: list[str] = []
    end = index + 1
    while end < len(body) and len(lines) < 3:
        block = body[end]
        if not isinstance(block, Paragraph) or len(block.text) >= _POSITION_MAX:
            break
        if _SIGNATURE_NAME_RE.match(block.text):
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


# --------------------------------------------------------------------------- identity

AGENCY_KINDS = {
    "องค์การบริหารส่วนตำบล": "องค์การบริหารส่วนตำบล",
    "องค์การบริหารส่วนจังหวัด": "องค์การบริหารส่วนจังหวัด",
    "เทศบาลตำบล": "เทศบาลตำบล",
    "เทศบาลเมือง": "เทศบาลเมือง",
    "เทศบาลนคร": "เทศบาลนคร",
    # The head's title names the agency too: นายกเทศมนตรีตำบลอุ่มเม่า → เทศบาลตำบลอุ่มเม่า.
    "เทศมนตรีตำบล": "เทศบาลตำบล",
    "เทศมนตรีเมือง": "เทศบาลเมือง",
    "เทศมนตรีนคร": "เทศบาลนคร",
    "อบต.": "องค์การบริหารส่วนตำบล",
    "อบจ.": "องค์การบริหารส่วนจังหวัด",
    "ทต.": "เทศบาลตำบล",
    "ทม.": "เทศบาลเมือง",
    "ทน.": "เทศบาลนคร",
}
_KIND_ALTERNATION = "|".join(re.escape(k) for k in sorted(AGENCY_KINDS, key=len, reverse=True))
AGENCY_RE = re.compile(rf"(?P<kind>{_KIND_ALTERNATION})\s?(?P<name>[\u0e01-\u0e4e]+)")
# Words that end a place name written without a space before them.
_NAME_STOPS = (
    "อำเภอ",
    "จังหวัด",
    "โทร",
    "ลงวันที่",
    "ประจำปี",
    "ทุกแห่ง",
    "ทั้งหมด",
    "ต่างๆ",
    "ซึ่ง",
    "ได้",
    "และ",
    "ที่",
    "ใน",
    "ของ",
    "เพื่อ",
    "มีค่า",
    "มี",
    "เป็น",
    "จึง",
    "ตาม",
    "ให้",
    "แล้ว",
    "ด้วย",
    "ต่อ",
    "กับ",
    "หรือ",
    "ทุก",
)


@dataclass(frozen=True)
class AgencyMention:
    kind: str  # the full kind, e.g. เทศบาลตำบล
    name: str  # the place name, e.g. อุ่มเม่า
    start: int
    end: int

    @property
    def full(self) -> str:
        return self.kind + self.name

    def same_agency(self, other: AgencyMention) -> bool:
        """Same kind and one name the start of the other (a name run into the next word)."""
        return self.kind == other.kind and (
            self.name.startswith(other.name) or other.name.startswith(self.name)
        )


# Function words that cannot start a place name (เทศบาลตำบลทุกแห่ง, อบต.ของ...); the other
# stops only end a name (ตำบลมีชัย and ตำบลในเมือง are real places).
_LEADING_STOPS = frozenset(
    {"ทุก", "ทุกแห่ง", "ทั้งหมด", "ต่างๆ", "ซึ่ง", "และ", "ของ", "เพื่อ", "จึง", "หรือ", "กับ", "ด้วย"}
)


def _cut_name(name: str) -> str:
    cut = len(name)
    for stop in _NAME_STOPS:
        pos = name.find(stop, 0 if stop in _LEADING_STOPS else 2)
        if pos != -1 and pos < cut:
            cut = pos
    return name[:cut]


def agency_mentions(text: str) -> list[AgencyMention]:
    """Agencies named in the text, abbreviations and heads' titles mapped to full names."""
    found: list[AgencyMention] = []
    for m in AGENCY_RE.finditer(text):
        name = _cut_name(m["name"])
        if len(name) < 2:
            continue
        kind = AGENCY_KINDS[m["kind"]]
        found.append(AgencyMention(kind, name, m.start(), m.start("name") + len(name)))
    return found


def own_agency(memo: Memo) -> AgencyMention | None:
    """The document's own agency: as set by a builder, else from the head, else the signature."""
    sources = [memo.agency_name, memo.header.department, memo.header.addressee]
    for signature in (memo.signature, memo.approval):
        if signature:
            sources.append(signature.position)
    for text in sources:
        mentions = agency_mentions(text or "")
        if mentions:
            return mentions[0]
    return None


_PROVINCE_AFTER_RE = re.compile(
    r"\s*(?:อำเภอ\s?[\u0e01-\u0e4e]+\s*)?จังหวัด\s?(?P<p>[\u0e01-\u0e4e]+)"
)
_ANY_PROVINCE_RE = re.compile(r"จังหวัด\s?(?P<p>[\u0e01-\u0e4e]+)")


def _province_name(raw: str) -> str:
    """The longest province name at the start of `raw` (names may run into the next word)."""
    for end in range(len(raw), 1, -1):
        province = province_by_name(raw[:end])
        if province is not None:
            return province.name_th
    return ""


def own_province(memo: Memo, own: AgencyMention | None = None) -> str:
    """The province written after the agency's own name ("... อำเภอยางตลาด จังหวัดกาฬสินธุ์")."""
    own = own or own_agency(memo)
    texts = [text for _, text in memo.iter_text()]
    if own is not None:
        for text in texts:
            for mention in agency_mentions(text):
                if not mention.same_agency(own):
                    continue
                m = _PROVINCE_AFTER_RE.match(text, mention.end)
                if m and (name := _province_name(m["p"])):
                    return name
    for text in (memo.header.department, memo.signature.position if memo.signature else ""):
        for m in _ANY_PROVINCE_RE.finditer(text):
            if name := _province_name(m["p"]):
                return name
    return ""


_FISCAL_YEAR_RE = re.compile(r"ปีงบประมาณ\s*(?:พ\.\s?ศ\.)?\s*(?P<y>[0-9๐-๙]{4})")


def own_fiscal_year(memo: Memo) -> int | None:
    """The fiscal year of the subject ("ประจำปีงบประมาณ พ.ศ. ๒๕๖๕"), else that of the date."""
    if m := _FISCAL_YEAR_RE.search(memo.header.subject):
        year = int(to_arabic_digits(m["y"]))
        if 2400 <= year <= 2700:
            return year
    if memo.header.date is not None:
        return fiscal_year_of(memo.header.date)
    return None


def infer_identity(memo: Memo) -> None:
    """Fill agency_name, province and fiscal_year of a parsed memo from its own text."""
    own = own_agency(memo)
    if own is not None and not memo.agency_name:
        memo.agency_name = own.full
    if not memo.province:
        memo.province = own_province(memo, own)
    if memo.fiscal_year is None:
        memo.fiscal_year = own_fiscal_year(memo)


def new_table(rows: list[list[Cell]]) -> Table:
    """A Table of equal-width columns from rows of cells (colspans counted)."""
    width = max((sum(c.colspan for c in r) for r in rows), default=0)
    return Table(columns=[1.0] * max(width, 1), rows=[Row(cells=r) for r in rows])
