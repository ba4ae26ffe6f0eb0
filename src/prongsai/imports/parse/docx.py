"""DOCX files (Word 2007+) into the memo model.

python-docx opens the package; the body is then walked in reading order: paragraphs (tabs
and line breaks kept) and tables with their real merged cells, gridSpan → colspan and
vMerge → rowspan, rows marked "repeat as header row" (tblHeader) as header rows. Tracked
deletions, field codes and the VML fallback copies of drawings are skipped; text boxes and
drawings are not part of a memo's text.
"""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _

from prongsai.imports.parse.assemble import RawParagraph, assemble
from prongsai.imports.parse.errors import ParseError
from prongsai.memos.model import Cell, Memo, Row, Table

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (
    W + "p",
    W + "tbl",
    W + "tr",
    W + "tc",
    W + "sdt",
    W + "sdtContent",
)
_T = W + "t"
_TAB = W + "tab"
_BREAKS = frozenset({W + "br", W + "cr"})
_HYPHEN = W + "noBreakHyphen"
_SKIP = frozenset(
    {
        W + "del",
        W + "delText",
        W + "instrText",
        W + "moveFrom",
        W + "rPr",
        W + "pPr",
        W + "tcPr",
        W + "trPr",
        W + "tblPr",
        W + "drawing",
        W + "pict",
        W + "object",
        MC + "AlternateContent",
        W + "footnoteReference",
        W + "commentReference",
    }
)
_VAL = W + "val"


def parse_docx_bytes(data: bytes) -> Memo:
    """A Memo from the bytes of a DOCX (already checked by parse_common.sniff_kind)."""
    from docx import Document

    try:
        document = Document(io.BytesIO(data))
        body = document.element.body
    except Exception as exc:
        # python-docx reports a damaged package with whatever its layers raise (KeyError for
        # a missing part, lxml's XMLSyntaxError, ValueError for a wrong content type ...).
        raise ParseError(_("ไฟล์ DOCX เสียหายหรือไม่ใช่เอกสาร Word")) from exc
    try:
        blocks = list(_blocks(body))
    except (ValueError, TypeError, AttributeError, KeyError, IndexError, RecursionError) as exc:
        raise ParseError(_("โครงสร้างเอกสาร DOCX ผิดปกติ อ่านไม่ได้")) from exc
    return assemble(blocks)


def _children(element: Any) -> Any:
    """Children, with content controls (w:sdt) opened in place."""
    for child in element:
        if child.tag == _SDT:
            for content in child.iterchildren(_SDT_CONTENT):
                yield from _children(content)
        else:
            yield child


def _blocks(body: Any) -> Any:
    for child in _children(body):
        if child.tag == _P:
            yield RawParagraph(paragraph_text(child))
        elif child.tag == _TBL:
            yield read_table(child)


def paragraph_text(element: Any) -> str:
    out: list[str] = []
    _collect(element, out)
    return "".join(out)


def _collect(node: Any, out: list[str]) -> None:
    for child in node:
        tag = child.tag
        if tag == _T:
            out.append(child.text or "")
        elif tag == _TAB:
            out.append("\t")
        elif tag in _BREAKS:
            out.append("\n")
        elif tag == _HYPHEN:
            out.append("-")
        elif tag in _SKIP or not isinstance(tag, str):
            continue
        else:
            _collect(child, out)


def _cell_text(tc: Any) -> str:
    """A cell's paragraphs one a line; a nested table's cells are lines too."""
    lines: list[str] = []
    for child in _children(tc):
        if child.tag == _P:
            lines.append(paragraph_text(child))
        elif child.tag == _TBL:
            for tr in _children(child):
                if tr.tag == _TR:
                    lines.extend(_cell_text(c) for c in _children(tr) if c.tag == _TC)
    return "\n".join(lines).strip("\n")


def _prop(parent: Any, props: str, name: str) -> Any:
    pr = parent.find(W + props)
    return None if pr is None else pr.find(W + name)


def _int_val(element: Any, default: int) -> int:
    if element is None:
        return default
    raw = element.get(_VAL, "")
    return int(raw) if raw.isdigit() else default


def _is_on(element: Any) -> bool:
    return element is not None and element.get(_VAL, "true") not in ("0", "false", "off")


def read_table(tbl: Any) -> Table:
    rows: list[Row] = []
    # The cell that began at each grid column, so that a vMerge continuation can extend it.
    owners: dict[int, Cell] = {}
    for tr in _children(tbl):
        if tr.tag != _TR:
            continue
        cells: list[Cell] = []
        column = _int_val(_prop(tr, "trPr", "gridBefore"), 0)
        if column:
            cells.append(Cell(text="", colspan=min(column, 63)))
        for tc in _children(tr):
            if tc.tag != _TC:
                continue
            span = max(1, min(_int_val(_prop(tc, "tcPr", "gridSpan"), 1), 63))
            merge = _prop(tc, "tcPr", "vMerge")
            owner = owners.get(column)
            if merge is not None and merge.get(_VAL, "continue") == "continue" and owner:
                owner.rowspan += 1
            else:
                cell = Cell(text=_cell_text(tc), colspan=span)
                cells.append(cell)
                owners[column] = cell
            column += span
        rows.append(Row(cells=cells, header=_is_on(_prop(tr, "trPr", "tblHeader"))))
    return Table(columns=_column_widths(tbl, rows), rows=rows)


def _column_widths(tbl: Any, rows: list[Row]) -> list[float]:
    grid = tbl.find(W + "tblGrid")
    widths = []
    if grid is not None:
        for col in grid.iterchildren(W + "gridCol"):
            raw = col.get(W + "w", "")
            widths.append(float(raw) if raw.isdigit() and int(raw) > 0 else 1.0)
    needed = max((sum(c.colspan for c in r.cells) for r in rows), default=1)
    covered = _rowspan_columns(rows)
    needed = max(needed, covered, 1)
    if len(widths) < needed:
        widths.extend([1.0] * (needed - len(widths)))
    return widths


def _rowspan_columns(rows: list[Row]) -> int:
    """The grid width once covered positions of row spans are counted (Table.grid)."""
    width = 0
    table = Table(columns=[1.0], rows=rows)
    for line in table.grid():
        width = max(width, len(line))
    return width
