"""Memo → PDF with Typst, Laksaman Compat and Python-side word boxes.

Why this stack: it is fast, installs with pip alone, never breaks a line inside a Thai word
(with the word boxes of prongsai.memos.wordbreak), and leaves a text layer that PDFium and
poppler read back correctly.

Two passes: pass 1 lays the memo out; its page texts (read in-process with pypdfium2) give
the first words of every page, which pass 2 prints at the foot of the page before as the
continuation marker ("/ผลการประเมิน..."). The markers sit in the footer, so pass 2
paginates exactly like pass 1.

Justified paragraphs share each line's slack between its words (Word's Thai distributed
alignment, the last line left), and table rows taller than rowfit.SPLIT_ROW_LINES lines may
split over pages under the repeated header. The memo ends with its verification line and
the QR code of its address.

The Typst source is typst/memo.typ; every text reaches it as JSON in sys.inputs, so no
user text is ever parsed as Typst markup.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from prongsai.memos import fonts, rowfit
from prongsai.memos.model import (
    Block,
    Cell,
    Memo,
    Paragraph,
    Signature,
    Table,
    Verification,
    format_date,
)
from prongsai.memos.qr import qr_png
from prongsai.memos.wordbreak import Token, first_words, text_tokens

TEMPLATE = Path(__file__).resolve().parent / "typst" / "memo.typ"

# Page geometry of memo.typ in PDF points (1 cm = 28.3465 pt): the body area, without the
# page-number header and the footer.
_CM = 72 / 2.54
_TOP_MARGIN = 2.5 * _CM
_BOTTOM_MARGIN = 2.0 * _CM
# Characters of the next page handed to the segmenter for its first words.
_CATCHWORD_CONTEXT = 120


@dataclass
class _Engine:
    """A Typst compiler kept warm between renders (fonts loaded once) and its lock."""

    compiler: Any
    lock: threading.Lock


_engines: dict[str, _Engine] = {}
_engines_lock = threading.Lock()


def _engine(root: Path) -> _Engine:
    key = str(root)
    engine = _engines.get(key)
    if engine is None:
        with _engines_lock:
            engine = _engines.get(key)
            if engine is None:
                import typst

                compiler = typst.Compiler(
                    root=str(root),
                    font_paths=[str(fonts.font_dir())],
                    ignore_system_fonts=True,
                )
                engine = _engines[key] = _Engine(compiler, threading.Lock())
    return engine


@cache
def _template() -> bytes:
    return TEMPLATE.read_bytes()


# ---------------------------------------------------------------------------- data


def _lines(text: str, max_cells: int | None = None) -> list[list[Token]]:
    if not text:
        return []
    return text_tokens(text) if max_cells is None else text_tokens(text, max_cells)


def _cell(cell: Cell, chars: int) -> dict[str, Any]:
    return {
        "lines": _lines(cell.text, max(chars - 2, 4)),
        "colspan": cell.colspan,
        "rowspan": cell.rowspan,
        "bold": cell.bold,
        "align": cell.align,
    }


def _table(table: Table) -> dict[str, Any]:
    rows = []
    for row, widths, split in zip(
        table.rows, rowfit.cell_chars(table), rowfit.breakable(table), strict=True
    ):
        rows.append(
            {
                "header": row.header,
                "cells": [
                    _cell(cell, chars) for cell, chars in zip(row.cells, widths, strict=True)
                ],
                "breakable": split,
            }
        )
    return {"type": "table", "title": _lines(table.title), "columns": table.columns, "rows": rows}


def _block(block: Block) -> dict[str, Any]:
    if isinstance(block, Paragraph):
        return {
            "type": "par",
            "lines": _lines(block.text),
            "indent": block.indent,
            "align": block.align,
            "bold": block.bold,
            "space_before": block.space_before,
        }
    return _table(block)


def _signature(sig: Signature | None) -> dict[str, Any] | None:
    if sig is None:
        return None
    name = sig.name_line
    return {
        "intro": _lines(sig.intro),
        "name": text_tokens(name)[0],
        "position": _lines(sig.position),
    }


def _verification(v: Verification | None) -> dict[str, Any] | None:
    if v is None:
        return None
    # The PNG travels as a list of byte values (Typst's bytes(array)); one pixel a module,
    # drawn without smoothing, so the embedded image is the QR matrix itself.
    address, code = v.lines()
    return {"lines": [*_lines(address), [code]], "qr": list(qr_png(v.url))}


def document_data(memo: Memo, emblem: str = "") -> dict[str, Any]:
    """The JSON that memo.typ lays out (`memo` already localized)."""
    h = memo.header
    department = h.department_line
    date = h.date_text or (format_date(h.date, memo.options) if h.date else "")
    return {
        "title": h.subject,
        "author": memo.agency_name,
        "thai_digits": memo.options.thai_digits,
        "emblem": emblem,
        "header": {
            "department": _lines(department),
            "number": _lines(h.document_number),
            "date": _lines(date),
            "subject": _lines(h.subject),
            "addressee": _lines(h.addressee),
        },
        "body": [_block(b) for b in memo.body],
        "signature": _signature(memo.signature),
        "approval": _signature(memo.approval),
        "verification": _verification(memo.verification),
    }


# ---------------------------------------------------------------------------- catchwords


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _strip_prefix(text: str, prefix: str) -> str | None:
    """`text` without `prefix`, both compared ignoring whitespace; None if no match."""
    want = _squeeze(prefix)
    if not want:
        return text
    i = 0
    for pos, ch in enumerate(text):
        if ch.isspace():
            continue
        if ch != want[i]:
            return None
        i += 1
        if i == len(want):
            return text[pos + 1 :]
    return None


def _header_cells(memo: Memo) -> list[list[str]]:
    """The cell texts of each table's repeated header rows."""
    out = []
    for table in memo.tables():
        cells = [c.text for row in table.header_rows() for c in row.cells if c.text.strip()]
        if cells:
            out.append(cells)
    return out


def _strip_header(text: str, cells: list[str]) -> str | None:
    """`text` without a leading repeat of a table header (its cells in any order)."""
    left = list(cells)
    while left:
        for cell in left:
            rest = _strip_prefix(text, cell)
            if rest is not None:
                text = rest
                left.remove(cell)
                break
        else:
            return None
    return text


def page_body_texts(pdf: bytes, first: int = 0) -> list[str]:
    """The text of each page's body area (no page number, no footer), via PDFium.

    Pages before `first` (0-based) are left out: loading a page's text is the costly part.
    """
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        texts = []
        for index in range(first, len(doc)):
            page = doc[index]
            width, height = page.get_size()
            textpage = page.get_textpage()
            texts.append(
                textpage.get_text_bounded(
                    left=0, bottom=_BOTTOM_MARGIN, right=width, top=height - _TOP_MARGIN + 1
                )
            )
            textpage.close()
            page.close()
        return texts
    finally:
        doc.close()


def catchwords(pdf: bytes, memo: Memo) -> dict[str, str]:
    """{"1": "/ผลการประเมิน...", …}: for every page but the last, the next page's first words."""
    headers = _header_cells(memo)
    out: dict[str, str] = {}
    for number, text in enumerate(page_body_texts(pdf, first=1), start=1):
        for cells in headers:  # a table continued on this page repeats its header first
            rest = _strip_header(text, cells)
            if rest is not None:
                text = rest
                break
        words = first_words(text.lstrip()[:_CATCHWORD_CONTEXT])
        if words:
            out[str(number)] = f"/{words}..."
    return out


# ---------------------------------------------------------------------------- render


def _emblem(memo: Memo) -> tuple[Path, str]:
    """The Typst root directory and the emblem's name inside it ("" for no emblem)."""
    path = memo.options.emblem()
    if path is None:
        return TEMPLATE.parent, ""
    return path.parent, path.name


def _compile(
    engine: _Engine,
    data: str,
    catchwords: dict[str, str],
    timestamp: dt.datetime,
    *,
    tags: bool = True,
) -> bytes:
    # The catchwords travel apart from the memo's data, so that pass 2 hands Typst the
    # same data string as pass 1 and its memoized layout is reused.
    inputs = {"data": data, "catchwords": json.dumps(catchwords, ensure_ascii=False)}
    with engine.lock:
        pdf = engine.compiler.compile(
            input=_template(),
            format="pdf",
            sys_inputs=inputs,
            timestamp=timestamp,
            pdf_tags=tags,
        )
    assert isinstance(pdf, bytes)
    return pdf


def render_pdf(memo: Memo) -> bytes:
    """The memo as PDF bytes: Thai digits per memo.options, page numbers, catchwords."""
    memo = memo.localized()
    root, emblem = _emblem(memo)
    engine = _engine(root)
    data = json.dumps(document_data(memo, emblem), ensure_ascii=False)
    # A fixed creation date (the memo's own) keeps the output reproducible.
    day = memo.header.date or dt.date(2000, 1, 1)
    timestamp = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
    # Pass 1 is only read for its page texts: untagged, which is quicker to write and read.
    draft = _compile(engine, data, {}, timestamp, tags=False)
    return _compile(engine, data, catchwords(draft, memo), timestamp)
