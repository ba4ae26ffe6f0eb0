"""Memo → DOCX with python-docx, for Word on an agency PC (editable).

Thai is a complex script, so Word takes the font of Thai runs from w:rFonts/@w:cs, the size
from w:szCs and bold from w:bCs; every run names the font in all four slots. Body paragraphs
use Thai distributed justification (w:jc="thaiDistribute"); the header fields are tab
leaders; the emblem and the heading sit in the first-page header; pages 2+ carry "-๒-" at the top
(w:pgNumType w:fmt="thaiNumbers"); table header rows repeat and rows never split.

Catchwords ("/ผลการ...") are not written: Word paginates the file itself, and staff add
them by hand where Word breaks the pages.

The font table, the embedded metric clone that keeps the layout where TH SarabunPSK is
missing, and the document properties are in docx_package.py.

The status tick is the character ✓ (U+2713) in Segoe UI Symbol, which Windows has had
since Windows 7; no TH Sarabun font has it. LibreOffice on Linux lacks Segoe UI Symbol and
takes ✓ from the next font that has it (DejaVu Sans, or its own OpenSymbol), which
bench/bench_docx_layout.py checks in the converted PDF. Word's own way, a w:sym of
Wingdings 2 "P", shows in both too, but is no character: the memo read back (import, lint,
search, copy) would lose its status marks.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import io
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from prongsai.memos import docx_package, rowfit
from prongsai.memos.model import (
    TICK,
    Align,
    Cell,
    Memo,
    Paragraph,
    Signature,
    Table,
    format_date,
    localize_digits,
)
from prongsai.memos.qr import qr_png

BODY_PT = 16
LABEL_PT = 20
HEADING_PT = 29
VERIFICATION_PT = 14
SYMBOL_FONT = "Segoe UI Symbol"  # ✓ is missing from the TH Sarabun fonts (see above)
TEXT_WIDTH_CM = 16.0  # A4 21 cm − left 3 cm − right 2 cm
SYMBOLS = frozenset({TICK, "✔", "☑", "☐"})

_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.THAI_JUSTIFY,
}


# ---------------------------------------------------------------------------- runs


# Child order of w:rPr in the schema; Word rejects a file whose elements are out of order.
_RPR_ORDER = {
    qn(f"w:{tag}"): i
    for i, tag in enumerate(
        "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint"
        " noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u"
        " effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath".split()
    )
}


def _set_rpr(rpr: Any, font: str, size_pt: float, bold: bool) -> None:
    """Font in all four rFonts slots, size in sz and szCs, bold in b and bCs, Thai as the
    complex-script language."""
    for tag in ("w:rFonts", "w:b", "w:bCs", "w:sz", "w:szCs", "w:lang"):
        old = rpr.find(qn(tag))
        if old is not None:
            rpr.remove(old)
    fonts = OxmlElement("w:rFonts")
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), font)
    rpr.append(fonts)
    for tag, value in (
        ("w:b", "1" if bold else "0"),
        ("w:bCs", "1" if bold else "0"),
        ("w:sz", str(round(size_pt * 2))),
        ("w:szCs", str(round(size_pt * 2))),
    ):
        el = OxmlElement(tag)
        el.set(qn("w:val"), value)
        rpr.append(el)
    # Thai is the complex-script language: Word and LibreOffice shape and break it as Thai.
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "en-US")
    lang.set(qn("w:bidi"), "th-TH")
    rpr.append(lang)
    children = sorted(rpr, key=lambda el: _RPR_ORDER.get(el.tag, len(_RPR_ORDER)))
    for el in children:
        rpr.append(el)  # re-appending moves the element: children end up in schema order


@functools.cache
def _rpr_template(font: str, size_pt: float, bold: bool) -> Any:
    rpr = OxmlElement("w:rPr")
    _set_rpr(rpr, font, size_pt, bold)
    return rpr


def _run(
    p: DocxParagraph, text: str, *, font: str, size: float = BODY_PT, bold: bool = False
) -> Run:
    run = p.add_run(text)
    # A copy of a prepared w:rPr: the same XML as _set_rpr, built once per style.
    run._r.insert(0, copy.deepcopy(_rpr_template(font, size, bold)))
    return run


def _text(
    p: DocxParagraph, text: str, *, font: str, size: float = BODY_PT, bold: bool = False
) -> None:
    """`text` as runs; "\\n" becomes a line break, ✓ gets the symbol font."""
    for i, line in enumerate(text.split("\n")):
        if i:
            _run(p, "", font=font, size=size, bold=bold).add_break()
        chunk = ""
        for ch in line:
            if ch in SYMBOLS:
                if chunk:
                    _run(p, chunk, font=font, size=size, bold=bold)
                    chunk = ""
                _run(p, ch, font=SYMBOL_FONT, size=size, bold=False)
            else:
                chunk += ch
        if chunk:
            _run(p, chunk, font=font, size=size, bold=bold)


def _page_field(p: DocxParagraph, font: str) -> None:
    """A PAGE field; the section's thaiNumbers format shows it in Thai digits in Word."""
    for kind, instr in (
        ("begin", None),
        (None, " PAGE "),
        ("separate", None),
        (None, "2"),
        ("end", None),
    ):
        run = _run(p, "", font=font)
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif instr == " PAGE ":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = instr
            run._r.append(el)
        else:
            run.text = instr or ""


# ---------------------------------------------------------------------------- document


def _styles(doc: DocxDocument, font: str) -> None:
    normal: Any = doc.styles["Normal"]
    rpr = normal.element.get_or_add_rPr()
    _set_rpr(rpr, font, BODY_PT, False)
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    # docDefaults too, so that table styles and Word's own additions inherit the font.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    d_rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr")) if defaults is not None else None
    if d_rpr is not None:
        _set_rpr(d_rpr, font, BODY_PT, False)


def _section(doc: DocxDocument) -> Section:
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2)
    section.header_distance = Cm(1.5)
    section.footer_distance = Cm(1.0)
    section.different_first_page_header_footer = True
    # Page numbers in Thai digits; Word requires w:pgNumType before w:cols in w:sectPr.
    sect = section._sectPr
    num = OxmlElement("w:pgNumType")
    num.set(qn("w:fmt"), "thaiNumbers")
    cols = sect.find(qn("w:cols"))
    if cols is not None:
        cols.addprevious(num)
    else:
        sect.append(num)
    return section


def _no_borders(table: DocxTable) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    # Schema order: tblBorders comes before shd, tblLayout, tblCellMar and tblLook.
    later = [tbl_pr.find(qn(f"w:{t}")) for t in ("shd", "tblLayout", "tblCellMar", "tblLook")]
    following = next((el for el in later if el is not None), None)
    if following is not None:
        following.addprevious(borders)
    else:
        tbl_pr.append(borders)


def _first_page_header(section: Section, memo: Memo, font: str) -> None:
    """Emblem 1.5 cm | "บันทึกข้อความ" bold 29 pt centred | spacer, without borders."""
    header = section.first_page_header
    table = header.add_table(1, 3, Cm(TEXT_WIDTH_CM))
    _no_borders(table)
    table.autofit = False
    widths = (Cm(2.5), Cm(TEXT_WIDTH_CM - 5), Cm(2.5))
    # The grid (w:gridCol) and the cells (w:tcW) agree; Word lays out by the grid.
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for cell, width in zip(table.rows[0].cells, widths, strict=True):
        cell.width = width
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
    emblem = memo.options.emblem()
    if emblem is not None:
        picture = _run(table.cell(0, 0).paragraphs[0], "", font=font)
        picture.add_picture(str(emblem), height=Cm(1.5))
    heading = table.cell(0, 1).paragraphs[0]
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    heading.paragraph_format.line_spacing = Pt(35)
    _text(heading, "บันทึกข้อความ", font=font, size=HEADING_PT, bold=True)
    # The header's own empty paragraph goes after the table (a header must end with a
    # paragraph), so that the emblem starts at the header distance, 1.5 cm from the top.
    trailing = header.paragraphs[0]
    trailing._p.addprevious(table._tbl)
    _run(trailing, "", font=font, size=8)


def _page_header(section: Section, font: str) -> None:
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, "-", font=font)
    _page_field(p, font)
    _run(p, "-", font=font)


def _verification(doc: DocxDocument, memo: Memo, font: str) -> None:
    """Once, at the end: the QR code of the verification address, then the sentence."""
    v = memo.verification
    if v is None:
        return
    if doc.paragraphs:  # never alone on a last page: it goes with the signature above
        doc.paragraphs[-1].paragraph_format.keep_with_next = True
    p = doc.add_paragraph()
    p.paragraph_format.space_before = Pt(18)
    p.paragraph_format.keep_together = True
    # Eight pixels a module, so Word's smoothing of a scaled picture keeps the edges sharp.
    picture = _run(p, "", font=font, size=VERIFICATION_PT)
    picture.add_picture(io.BytesIO(qr_png(v.url, scale=8)), width=Cm(2.2))
    address, code = v.lines()
    # The address and the code under the QR code (the PDF sets them beside it), in one
    # paragraph, so that importers see one line of text and no table.
    _text(p, f"\n{address}\n{code}", font=font, size=VERIFICATION_PT)


def _field(doc: DocxDocument) -> DocxParagraph:
    p = doc.add_paragraph()
    p.paragraph_format.tab_stops.add_tab_stop(
        Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
    )
    return p


def _memo_head(doc: DocxDocument, memo: Memo, font: str) -> None:
    h = memo.header
    p = _field(doc)
    _run(p, "ส่วนราชการ", font=font, size=LABEL_PT, bold=True)
    department = h.department_line
    _text(p, f"  {department}\t", font=font)

    p = _field(doc)
    p.paragraph_format.tab_stops.add_tab_stop(Cm(8), WD_TAB_ALIGNMENT.LEFT, WD_TAB_LEADER.DOTS)
    _run(p, "ที่", font=font, size=LABEL_PT, bold=True)
    _text(p, f"  {h.document_number}\t", font=font)
    _run(p, "วันที่", font=font, size=LABEL_PT, bold=True)
    date = h.date_text or (format_date(h.date, memo.options) if h.date else "")
    _text(p, f"  {date}\t", font=font)

    p = _field(doc)
    p.paragraph_format.left_indent = Cm(1.4)
    p.paragraph_format.first_line_indent = Cm(-1.4)
    _run(p, "เรื่อง", font=font, size=LABEL_PT, bold=True)
    _text(p, f"  {h.subject}\t", font=font)

    p = doc.add_paragraph()
    p.paragraph_format.space_before = Pt(6)
    _text(p, f"เรียน  {h.addressee}", font=font)


def _paragraph(doc: DocxDocument, block: Paragraph, font: str) -> DocxParagraph:
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.alignment = _ALIGN[block.align]
    if block.space_before:
        fmt.space_before = Pt(6)
    if block.indent:
        fmt.first_line_indent = Cm(2.5)
    _text(p, block.text, font=font, bold=block.bold)
    return p


def _row_props(row: _Row, header: bool, breakable: bool) -> None:
    """A row moves whole to the next page unless it is taller than rowfit allows (then Word
    may split it, as the PDF does); a header row repeats on every page."""
    tr_pr = row._tr.get_or_add_trPr()
    if not breakable:
        tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def _fill(cell: _Cell, spec: Cell, header: bool, font: str) -> None:
    align: Align = spec.align
    lines = spec.text.split("\n")
    for i, line in enumerate(lines):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        p.alignment = _ALIGN["left" if align == "justify" else align]
        _text(p, line, font=font, bold=spec.bold or header)
    if align == "center":
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _table(doc: DocxDocument, block: Table, font: str) -> None:
    if block.title:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_before = Pt(6)
        p.paragraph_format.keep_with_next = True
        _text(p, block.title, font=font, bold=True)
    ncols = len(block.columns)
    table = doc.add_table(rows=len(block.rows), cols=ncols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    total = sum(block.columns)
    widths = [Cm(TEXT_WIDTH_CM * w / total) for w in block.columns]
    for col, width in zip(table.columns, widths, strict=True):
        col.width = width
    for tr in table._tbl.tr_lst:
        for tc, width in zip(tr.tc_lst, widths, strict=True):
            tc.width = width
    # The cells straight from the XML while the grid is still regular (table.cell() walks
    # the whole table on every call); merged afterwards, when covered cells are still empty.
    rows = table.rows
    cells = [[_Cell(tc, table) for tc in tr.tc_lst] for tr in table._tbl.tr_lst]
    merges = []
    splits = rowfit.breakable(block)
    for r, (spec_row, line) in enumerate(zip(block.rows, block.grid(), strict=True)):
        _row_props(rows[r], spec_row.header, splits[r])
        for c, spec in enumerate(line):
            if spec is None:
                continue
            _fill(cells[r][c], spec, spec_row.header, font)
            if spec.colspan > 1 or spec.rowspan > 1:
                merges.append((r, c, r + spec.rowspan - 1, c + spec.colspan - 1))
    for r, c, r2, c2 in merges:
        cells[r][c].merge(cells[r2][c2])


def _signature(doc: DocxDocument, sig: Signature, font: str, keep: bool = True) -> None:
    def line(text: str, align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER) -> None:
        p = doc.add_paragraph()
        p.alignment = align
        p.paragraph_format.left_indent = Cm(7)
        p.paragraph_format.keep_with_next = keep
        p.paragraph_format.keep_together = True
        _text(p, text, font=font)

    for intro in sig.intro.split("\n") if sig.intro else []:
        line(intro, WD_ALIGN_PARAGRAPH.LEFT)
    for _ in range(3):  # room for the pen
        line("")
    line(sig.name_line)
    positions = sig.position.split("\n") if sig.position else []
    for i, position in enumerate(positions):
        line(position)
        if i == len(positions) - 1:
            doc.paragraphs[-1].paragraph_format.keep_with_next = False


def _subject(memo: Memo) -> str:
    """The document's subject property: an official memo of the agency and its year."""
    text = "บันทึกข้อความ"
    if memo.agency_name:
        text += f" {memo.agency_name}"
    if memo.fiscal_year:
        text += f" ประจำปีงบประมาณ พ.ศ. {memo.fiscal_year}"
    return localize_digits(text) if memo.options.thai_digits else text


def render_docx(memo: Memo) -> bytes:
    """The memo as DOCX bytes (digits per memo.options.thai_digits)."""
    memo = memo.localized()
    font = memo.options.font_name
    doc = Document()
    _styles(doc, font)
    section = _section(doc)
    _first_page_header(section, memo, font)
    _page_header(section, font)
    # python-docx's template starts with no paragraph; the head follows.
    _memo_head(doc, memo, font)
    last = len(memo.body) - 1
    for i, block in enumerate(memo.body):
        if isinstance(block, Paragraph):
            p = _paragraph(doc, block, font)
            if i == last and memo.signature is not None:
                p.paragraph_format.keep_with_next = True  # the closing stays with the signature
        else:
            _table(doc, block, font)
    if memo.signature is not None:
        _signature(doc, memo.signature, font)
    if memo.approval is not None:
        p = doc.add_paragraph()
        p.paragraph_format.space_before = Pt(12)
        _signature(doc, memo.approval, font)
    _verification(doc, memo, font)
    docx_package.font_table(doc, font, SYMBOL_FONT)
    docx_package.properties(
        doc,
        title=memo.header.subject,
        subject=_subject(memo),
        author=memo.agency_name,
        now=dt.datetime.now(dt.UTC),
    )
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
