"""The official memo (บันทึกข้อความ) as plain data.

Everything that produces or reads a memo speaks this model: builders fill it from the
database, renderers turn it into DOCX and PDF, parsers read files into it and the linter
checks it. No Django here; see docs/architecture.md.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from prongsai.thai.dates import format_thai_date
from prongsai.thai.digits import to_arabic_digits, to_thai_digits
from prongsai.thai.text import strip_control

Align = Literal["left", "center", "right", "justify"]

#: The mark put in a status column. Readers also accept "/" and "✔" (see STATUS_MARKS).
TICK = "✓"
STATUS_MARKS = frozenset({"/", "✓", "✔", "√", "☑", "x", "X"})
EMPTY_MARKS = frozenset({"", "-", "–", "—"})


@dataclass
class Cell:
    """One table cell. `text` may hold several lines separated by "\\n"."""

    text: str = ""
    colspan: int = 1
    rowspan: int = 1
    bold: bool = False
    align: Align = "left"

    def __post_init__(self) -> None:
        if self.colspan < 1 or self.rowspan < 1:
            raise ValueError("colspan and rowspan must be at least 1")


@dataclass
class Row:
    cells: list[Cell]
    header: bool = False


@dataclass
class Table:
    """A table with relative column widths; header rows repeat on every page.

    `role` says what the table is in the domain ("measures", "status" or ""), so that
    importers and the linter need not guess from its headings when a builder made it.
    """

    columns: list[float]
    rows: list[Row]
    title: str = ""
    role: str = ""

    def header_rows(self) -> list[Row]:
        return [r for r in self.rows if r.header]

    def body_rows(self) -> list[Row]:
        return [r for r in self.rows if not r.header]

    def grid(self) -> list[list[Cell | None]]:
        """The table as a full grid; a cell covered by another's span is None."""
        width = len(self.columns)
        grid: list[list[Cell | None]] = []
        covered: set[tuple[int, int]] = set()
        for r, row in enumerate(self.rows):
            line: list[Cell | None] = []
            c = 0
            for cell in row.cells:
                while (r, c) in covered:
                    line.append(None)
                    c += 1
                line.append(cell)
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        if dr or dc:
                            covered.add((r + dr, c + dc))
                line.extend([None] * (cell.colspan - 1))
                c += cell.colspan
            while c < width and (r, c) in covered:
                line.append(None)
                c += 1
            grid.append(line)
        return grid


@dataclass
class Paragraph:
    text: str
    indent: bool = True
    align: Align = "justify"
    bold: bool = False
    space_before: bool = True


Block = Paragraph | Table


@dataclass
class Header:
    """The fields of the memo head (form 29)."""

    department: str = ""  # ส่วนราชการ: issuing unit and agency
    telephone: str = ""
    document_number: str = ""  # ที่
    date: dt.date | None = None  # วันที่
    date_text: str = ""  # the date as written, when read from a file
    subject: str = ""  # เรื่อง
    addressee: str = ""  # เรียน

    @property
    def department_line(self) -> str:
        """The ส่วนราชการ line as printed: the unit and agency, then its telephone."""
        return self.department + (f" โทร. {self.telephone}" if self.telephone else "")


@dataclass
class Signature:
    name: str = ""
    position: str = ""  # may hold several lines
    intro: str = ""  # lines above the signing space, e.g. an approval block's wording

    @property
    def name_line(self) -> str:
        """The name under the signing space in parentheses (dots when nobody is named)."""
        return f"({self.name})" if self.name else "(" + "." * 45 + ")"


@dataclass
class Verification:
    """Where a reader checks the memo, printed once at its end with a QR code of `url`.

    `code` is the short verification code of the agency's audit chain head when the memo
    was made ("6F92-B326-3855"); `url` is the public page that carries the published copy.
    Neither is localized: a URL or a hex code with Thai digits can no longer be checked.
    """

    code: str
    url: str

    def lines(self) -> tuple[str, str]:
        """The sentence in two lines: the address, then the code (never split at a hyphen)."""
        return f"ตรวจสอบเอกสารฉบับนี้ได้ที่ {self.url}", f"รหัสตรวจสอบ {self.code}"

    def sentence(self) -> str:
        return " ".join(self.lines())


#: The verification sentence as a reader finds it in a file (so importers can drop it).
VERIFICATION_RE = re.compile(
    r"^\s*ตรวจสอบเอกสารฉบับนี้ได้ที่\s+\S+\s+รหัสตรวจสอบ\s+[0-9A-F]{4}(?:-[0-9A-F]{1,4})+\s*$"
)


class EmblemMissingError(FileNotFoundError):
    """The emblem image named by the deployment setting does not exist."""


@dataclass
class Options:
    thai_digits: bool = True
    emblem_path: str = ""  # PNG/JPEG shown 1.5 cm high in the first-page header
    font_name: str = "TH SarabunPSK"  # the font named in the DOCX (Word on agency PCs)

    def emblem(self) -> Path | None:
        """The emblem image to print (None: no emblem); EmblemMissingError when it is gone,
        so that neither renderer quietly prints a memo without it."""
        if not self.emblem_path:
            return None
        path = Path(self.emblem_path).resolve()
        if not path.is_file():
            raise EmblemMissingError(
                f"emblem image not found: {path} (setting MEMO_EMBLEM_PATH; ไม่พบไฟล์ตราครุฑ)"
            )
        return path


@dataclass
class Memo:
    header: Header
    body: list[Block] = field(default_factory=list)
    signature: Signature | None = None
    options: Options = field(default_factory=Options)
    kind: str = ""  # "implementation", "measures", ... or "" for an imported memo
    agency_name: str = ""  # the document's own agency, e.g. เทศบาลตำบลอุ่มเม่า
    province: str = ""  # the agency's province (Thai name), for the ที่ letter code
    fiscal_year: int | None = None
    # Printed once at the end: where to check the memo, with a QR code of the address.
    verification: Verification | None = None
    # The executive's block under the signature (ความเห็น / เห็นชอบ …) on memos that ask
    # the head of the agency to approve or sign something; None on ordinary memos.
    approval: Signature | None = None

    def tables(self, role: str | None = None) -> list[Table]:
        return [b for b in self.body if isinstance(b, Table) and (role is None or b.role == role)]

    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.body if isinstance(b, Paragraph)]

    def iter_text(self) -> Iterator[tuple[str, str]]:
        """Every text of the memo with a readable place: ("เรื่อง", …), ("ย่อหน้า 2", …)."""
        h = self.header
        yield "ส่วนราชการ", h.department_line
        yield "ที่", h.document_number
        yield "วันที่", h.date_text or (format_date(h.date, self.options) if h.date else "")
        yield "เรื่อง", h.subject
        yield "เรียน", h.addressee
        p_no = t_no = 0
        for block in self.body:
            if isinstance(block, Paragraph):
                p_no += 1
                yield f"ย่อหน้า {p_no}", block.text
            else:
                t_no += 1
                for r, row in enumerate(block.rows, start=1):
                    for c, cell in enumerate(row.cells, start=1):
                        yield f"ตาราง {t_no} แถว {r} ช่อง {c}", cell.text
        if self.signature:
            yield "ลงชื่อ", self.signature.name
            yield "ตำแหน่ง", self.signature.position
        if self.approval:
            yield "ความเห็นผู้บริหาร", self.approval.intro
            yield "ลงชื่อผู้บริหาร", self.approval.name
            yield "ตำแหน่งผู้บริหาร", self.approval.position

    def localized(self) -> Memo:
        """A copy whose digits follow options.thai_digits (URLs and e-mails kept as typed)."""
        digits = localize_digits if self.options.thai_digits else arabize_digits

        def convert(text: str) -> str:
            # Imported or older text may hold characters a DOCX cannot (vertical tab …).
            return digits(strip_control(text))

        def cell(c: Cell) -> Cell:
            return dataclasses.replace(c, text=convert(c.text))

        def block(b: Block) -> Block:
            if isinstance(b, Paragraph):
                return dataclasses.replace(b, text=convert(b.text))
            rows = [dataclasses.replace(r, cells=[cell(c) for c in r.cells]) for r in b.rows]
            return dataclasses.replace(b, rows=rows, title=convert(b.title))

        h = self.header
        header = dataclasses.replace(
            h,
            department=convert(h.department),
            telephone=convert(h.telephone),
            document_number=convert(h.document_number),
            date_text=convert(h.date_text),
            subject=convert(h.subject),
            addressee=convert(h.addressee),
        )

        def signature(s: Signature | None) -> Signature | None:
            if s is None:
                return None
            return Signature(convert(s.name), convert(s.position), convert(s.intro))

        return dataclasses.replace(
            self,
            header=header,
            body=[block(b) for b in self.body],
            signature=signature(self.signature),
            approval=signature(self.approval),
        )


# URLs, e-mail addresses and OIT item codes keep their Arabic digits: a URL with Thai digits
# no longer opens, and item codes such as O42 are written that way by NACC itself.
# An address's local part has at most 64 characters: unbounded, every position of a long
# run of letters (Thai has no spaces between words) would scan to its end for an "@".
_KEEP_RE = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]{1,64}@[\w-]+\.[\w.]+|\bO\d{1,2}\b")


def localize_digits(text: str) -> str:
    """Thai digits everywhere except inside URLs, e-mail addresses and OIT item codes."""
    out: list[str] = []
    pos = 0
    for match in _KEEP_RE.finditer(text):
        out.append(to_thai_digits(text[pos : match.start()]))
        out.append(match.group())
        pos = match.end()
    out.append(to_thai_digits(text[pos:]))
    return "".join(out)


def arabize_digits(text: str) -> str:
    return to_arabic_digits(text)


def format_date(date: dt.date, options: Options) -> str:
    return format_thai_date(date, thai_digits=options.thai_digits)
