"""How tall a memo table's rows run, estimated the same way for the PDF and the DOCX.

A row whose tallest cell runs to more than SPLIT_ROW_LINES lines may split over two pages
(its header repeated, as staff split such rows by hand); shorter rows move whole to the next
page. Both renderers ask `breakable` so a memo's rows split alike in Word and in the PDF.
"""

from prongsai.memos.model import Table
from prongsai.memos.phrases import cells as line_cells

_CM = 72 / 2.54
# The text block's width and the room of one character at 16 pt (Laksaman's advances are
# 5-7 pt; the widest taken): how many characters a phrase box may hold in a table column
# without running over its edge.
TEXT_WIDTH_PT = 16 * _CM
CELL_INSET_PT = 8
CHAR_PT = 7
SPLIT_ROW_LINES = 6


def column_chars(table: Table) -> list[int]:
    """The characters a line of each column holds, roughly."""
    total = sum(table.columns) or 1
    return [
        max(int((TEXT_WIDTH_PT * w / total - CELL_INSET_PT) / CHAR_PT), 1) for w in table.columns
    ]


def cell_chars(table: Table) -> list[list[int]]:
    """For each row, the characters a line of each of its cells holds (spans added up)."""
    per_column = column_chars(table)
    found = []
    for row, line in zip(table.rows, table.grid(), strict=True):
        # The column each cell starts in (cells spanned from the rows above are skipped).
        starts = {id(c): i for i, c in enumerate(line) if c is not None}
        found.append(
            [
                sum(per_column[starts.get(id(c), 0) : starts.get(id(c), 0) + c.colspan]) or 1
                for c in row.cells
            ]
        )
    return found


def breakable(table: Table) -> list[bool]:
    """Whether each row may split over two pages (never a header row)."""
    result = []
    for row, widths in zip(table.rows, cell_chars(table), strict=True):
        tallest = 0
        for cell, chars in zip(row.cells, widths, strict=True):
            lines = sum(-(-max(line_cells(text), 1) // chars) for text in cell.text.split("\n"))
            tallest = max(tallest, lines)
        result.append(not row.header and tallest > SPLIT_ROW_LINES)
    return result
