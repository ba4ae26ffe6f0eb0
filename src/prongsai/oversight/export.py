"""The oversight tables as CSV and XLSX, streamed: the CSV line by line, the XLSX written by
openpyxl's write-only workbook into a temporary file that is then sent in chunks, so neither
builds the whole file in memory (the national list of every agency included)."""

import csv
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.http import FileResponse, StreamingHttpResponse
from django.utils import translation
from openpyxl import Workbook

from prongsai.oversight.selectors import Row
from prongsai.oversight.tables import Column, cells

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: Any, *, xlsx: bool = False) -> Any:
    """A cell value a spreadsheet shows as typed: text that would start a formula gets a
    leading apostrophe; decimals become numbers in XLSX (in CSV they keep their 2 places)."""
    if isinstance(value, Decimal) and xlsx:
        return float(value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _header(cols: Sequence[Column]) -> list[str]:
    # Exports are Thai whatever the language of the screen they were asked from.
    with translation.override("th"):
        return ["code", *(str(c.label) for c in cols)]


def _lines(rows: Iterable[Row], cols: Sequence[Column], *, xlsx: bool) -> Iterator[list[Any]]:
    yield _header(cols)
    for row in rows:
        yield [_safe(row.code), *(_safe(v, xlsx=xlsx) for v in cells(row, cols))]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(rows: Iterable[Row], cols: Sequence[Column], name: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def stream() -> Iterator[str]:
        yield "\ufeff"  # so that Excel reads the Thai as UTF-8
        for line in _lines(rows, cols, xlsx=False):
            yield writer.writerow(["" if v is None else v for v in line])

    response = StreamingHttpResponse(stream(), content_type=CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


ProgressCallback = Callable[[int], None]
EVERY = 500  # rows between two progress reports of a file written by a job


def _counting(rows: Iterable[Row], counted: ProgressCallback | None) -> Iterator[Row]:
    n = 0
    for row in rows:
        yield row
        n += 1
        if counted is not None and n % EVERY == 0:
            counted(n)


def write_csv(
    path: Path, rows: Iterable[Row], cols: Sequence[Column], counted: ProgressCallback | None = None
) -> None:
    """The CSV of `rows` into `path`, line by line (a background job's file)."""
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        for line in _lines(_counting(rows, counted), cols, xlsx=False):
            writer.writerow(["" if v is None else v for v in line])


def write_xlsx(
    path: Path, rows: Iterable[Row], cols: Sequence[Column], counted: ProgressCallback | None = None
) -> None:
    """The XLSX of `rows` into `path`, through openpyxl's write-only workbook."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(path.name.split(".")[0][:31])
    for line in _lines(_counting(rows, counted), cols, xlsx=True):
        sheet.append(line)
    workbook.save(path)


def xlsx_response(rows: Iterable[Row], cols: Sequence[Column], name: str) -> FileResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(name[:31])
    for line in _lines(rows, cols, xlsx=True):
        sheet.append(line)
    spool = tempfile.TemporaryFile()  # removed when the response closes it
    workbook.save(spool)
    spool.seek(0)
    response = FileResponse(spool, as_attachment=True, filename=f"{name}.xlsx")
    response["Content-Type"] = XLSX_TYPE
    response["X-Content-Type-Options"] = "nosniff"
    return response
