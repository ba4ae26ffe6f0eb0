"""Score tables: read a CSV or XLSX of ``code,value`` rows, and write the blank templates.

No models or requests: the ``prongsai score`` command and the import view share it; its
errors are messages translated through Django.

A table has one row per code: indicator codes "1".."10" with a 0-100 score, OIT item codes
"O1"... with 1 (passed) or 0 (failed), and, for an import only, ``total``, ``band`` and
``rating`` with the published figures. Further columns (the template's Thai names) are
ignored; a header row whose first cell starts with "code" or "รหัส" is skipped, and so are
blank rows and rows starting with "#". A row whose value is left empty is a template row not
filled in: it is left out, and the scoring then says what is missing.

CSV: UTF-8 (with or without BOM) or Windows-874 (Thai Excel); comma, semicolon or tab.

Size: a score table has a few dozen rows, so rows are read lazily and a file whose data go
past row MAX_ROWS is refused, as is every row number past Excel's last row (blank rows after
MAX_ROWS are skipped up to there). An XLSX row may carry any row number and openpyxl makes up
the empty rows in between, so without these limits a 5 KB file could expand into millions
of rows. Only the first two columns of an XLSX are read, and every part of the workbook
must stay under MAX_XLSX_PART_BYTES when expanded (openpyxl holds a whole row's cells, and
the shared strings, in memory).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from prongsai.core.errors import ProngsaiError, UploadRejected
from prongsai.core.uploads import XLSX, check_upload, sniff
from prongsai.ita.framework import Framework
from prongsai.ita.scoring import normalise_code
from prongsai.thai.digits import to_arabic_digits

__all__ = [
    "PUBLISHED_CODES",
    "Entry",
    "TableError",
    "TableRow",
    "entry_from_rows",
    "read_score_table",
    "score_pairs",
    "template_csv",
    "template_rows",
    "template_xlsx",
]

#: Rows a score table may use. The largest framework has 56 codes (indicators, OIT items
#: and the published figures); the rest is room for a header, notes and blank rows.
MAX_ROWS = 2000
#: The last row of an Excel sheet: blank rows are skipped up to here, never further.
LAST_ROW = 1_048_576
#: Largest expanded size of any part of an XLSX score table (its sheet takes kilobytes).
MAX_XLSX_PART_BYTES = 4 * 1024 * 1024

_ITEM_CODE = re.compile(r"^O0*([1-9]\d*)$")
_HEADER_WORDS = ("code", "รหัส")
_PASSED_WORDS = {"ผ่าน", "มี", "yes", "y", "true", "pass", "passed", "✓", "✔"}
_FAILED_WORDS = {"ไม่ผ่าน", "ไม่มี", "no", "n", "false", "fail", "failed", "✗", "✘"}

#: Codes of the published figures (import only), with the Thai spellings people use.
PUBLISHED_CODES = {
    "TOTAL": "total",
    "คะแนนรวม": "total",
    "BAND": "band",
    "ระดับ": "band",
    "RATING": "rating",
    "ผล": "rating",
    "ผลการประเมิน": "rating",
}


class TableError(ProngsaiError, ValueError):
    """A file that cannot be read as a score table; nothing was recorded."""


@dataclass(frozen=True)
class TableRow:
    line: int  # line (CSV) or row (XLSX) number in the file, 1-based
    code: str  # normalised: trimmed, upper-case, Thai digits converted, O05 -> O5
    value: str  # trimmed; item words (ผ่าน/ไม่ผ่าน) become "1"/"0"


def _normalise_value(code: str, raw: str) -> str:
    value = raw.strip()
    if _ITEM_CODE.match(code):
        word = value.lower()
        if word in _PASSED_WORDS:
            return "1"
        if word in _FAILED_WORDS:
            return "0"
    return value


def _not_a_table(problem: str) -> TableError:
    return TableError(
        _("%(problem)s (ต้องเป็นไฟล์ CSV หรือ XLSX ที่มีคอลัมน์ รหัส,ค่า)") % {"problem": problem}
    )


def read_score_table(data: bytes, *, max_bytes: int) -> list[TableRow]:
    """Rows of a CSV or XLSX score table, with the values left empty already dropped.

    Raises TableError for an empty, oversized, binary or garbled file,
    a row without a value column, and a code given twice.
    """
    if not data.strip():
        raise TableError(_("ไฟล์ว่างเปล่า"))
    if len(data) > max_bytes:
        mb = max_bytes // (1024 * 1024) or 1
        raise TableError(_("ไฟล์ใหญ่เกิน %(mb)s MB") % {"mb": mb})
    if data.startswith(b"PK\x03\x04"):
        cells = _xlsx_cells(data, max_bytes)
    else:
        cells = _csv_cells(data)
    return _rows(cells)


def _too_long(row: int | None = None) -> TableError:
    if row:
        return TableError(
            _(
                "ตารางยาวเกิน %(max)s แถว (มีข้อมูลที่แถวที่ %(row)s) ตารางคะแนนมีไม่กี่สิบแถว "
                "กรุณาลบแถวที่ไม่ใช้ออกแล้วส่งใหม่"
            )
            % {"max": f"{MAX_ROWS:,}", "row": f"{row:,}"}
        )
    return TableError(
        _("ตารางยาวเกิน %(max)s แถว ตารางคะแนนมีไม่กี่สิบแถว กรุณาลบแถวที่ไม่ใช้ออกแล้วส่งใหม่")
        % {"max": f"{MAX_ROWS:,}"}
    )


def _bounded(cells: Iterable[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    """The rows that hold something, read lazily from `cells`; TableError once data go past
    MAX_ROWS or the row number past LAST_ROW, before either can take much time or memory."""
    kept: list[tuple[int, list[str]]] = []
    for number, values in cells:
        if number > LAST_ROW:
            raise _too_long()
        if not any(v.strip() for v in values):
            continue
        if number > MAX_ROWS:
            raise _too_long(number)
        kept.append((number, values))
    return kept


def _csv_cells(data: bytes) -> list[tuple[int, list[str]]]:
    if b"\x00" in data[:4096]:
        raise _not_a_table(_("ไฟล์นี้ไม่ใช่ไฟล์ข้อความ CSV"))
    if sniff(data) is not None:  # a PDF or an image (ZIP files were handled before)
        raise _not_a_table(_("ไฟล์นี้ไม่ใช่ไฟล์ CSV"))
    for encoding in ("utf-8-sig", "cp874"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise _not_a_table(_("อ่านตัวอักษรในไฟล์ไม่ได้ (รองรับ UTF-8 และ Windows-874)"))
    lines = io.StringIO(text, newline=None)
    first = next((ln for ln in lines if ln.strip() and not ln.lstrip().startswith("#")), "")
    delimiter = max((",", ";", "\t"), key=first.count)
    if first.count(delimiter) == 0:
        raise _not_a_table(_("บรรทัดแรกไม่มีตัวคั่นระหว่างรหัสกับค่า"))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _bounded((reader.line_num, row) for row in reader)
    except csv.Error as error:
        raise _not_a_table(
            _("รูปแบบ CSV ไม่ถูกต้อง บรรทัดที่ %(line)s") % {"line": reader.line_num}
        ) from error


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _xlsx_cells(data: bytes, max_bytes: int) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        check_upload(io.BytesIO(data), max_bytes=max_bytes, allowed=frozenset({XLSX}))
    except UploadRejected as error:
        raise TableError(error.message) from error
    with zipfile.ZipFile(io.BytesIO(data)) as archive:  # opened by check_upload already
        largest = max(info.file_size for info in archive.infolist())
    if largest > MAX_XLSX_PART_BYTES:
        mb = MAX_XLSX_PART_BYTES // (1024 * 1024)
        raise TableError(
            _(
                "ไฟล์ XLSX นี้ใหญ่เกินกว่าจะเป็นตารางคะแนน (ส่วนหนึ่งของไฟล์ขยายแล้วเกิน %(mb)s MB) "
                "กรุณาส่งเฉพาะตารางรหัสกับค่า"
            )
            % {"mb": mb}
        )
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged workbook
        raise TableError(_("เปิดไฟล์ XLSX ไม่ได้")) from error
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(max_col=2, values_only=True)  # lazily; two columns only
        return _bounded(
            (number, [_cell_text(v) for v in row]) for number, row in enumerate(rows, start=1)
        )
    finally:
        workbook.close()


def _rows(cells: Iterable[tuple[int, list[str]]]) -> list[TableRow]:
    rows: list[TableRow] = []
    seen: dict[str, int] = {}
    header_done = False
    for line, raw in cells:
        raw = [c.strip() for c in raw]
        if not any(raw) or raw[0].startswith("#"):
            continue
        if not header_done:
            header_done = True
            if raw[0].lower().startswith(_HEADER_WORDS):
                continue
        code = normalise_code(raw[0])
        value = _normalise_value(code, raw[1] if len(raw) > 1 else "")
        if not code:
            raise TableError(_("แถวที่ %(line)s มีค่าแต่ไม่มีรหัส") % {"line": line})
        if not value:
            continue
        if code in seen:
            raise TableError(
                _("รหัส %(code)s ซ้ำ (แถวที่ %(first)s และ %(line)s)")
                % {"code": code, "first": seen[code], "line": line}
            )
        seen[code] = line
        rows.append(TableRow(line, code, value))
    return rows


def score_pairs(rows: Sequence[TableRow]) -> list[tuple[str, str]]:
    """(code, value) pairs for :func:`prongsai.ita.scoring.score_from_codes`."""
    return [(r.code, r.value) for r in rows]


# -- rows of an import: scores, items and published figures ---------------------------------


@dataclass
class Entry:
    """What an imported table gives for one agency-year."""

    indicator_scores: dict[str, str] = field(default_factory=dict)
    item_results: dict[str, bool] = field(default_factory=dict)
    published_total: Decimal | None = None
    published_band: str | None = None  # None: not in the file
    published_rating: str | None = None


def entry_from_rows(framework: Framework, rows: Sequence[TableRow]) -> Entry:
    """Sort rows into indicator scores, OIT items and published figures.

    Every unknown code and unreadable item value is reported together (TableError); the
    scores themselves are checked when the result is recorded.
    """
    entry = Entry()
    problems: list[str] = []
    for row in rows:
        published = PUBLISHED_CODES.get(row.code)
        if published == "total":
            entry.published_total = _published_total(row, problems)
        elif published == "band":
            entry.published_band = row.value.upper()
        elif published == "rating":
            entry.published_rating = row.value
        elif framework.has_indicator(row.code):
            entry.indicator_scores[row.code] = to_arabic_digits(row.value)
        elif framework.has_item(row.code):
            if to_arabic_digits(row.value) in ("1", "1.0"):
                entry.item_results[row.code] = True
            elif to_arabic_digits(row.value) in ("0", "0.0"):
                entry.item_results[row.code] = False
            else:
                problems.append(
                    _(
                        "แถวที่ %(line)s: ผลของข้อ %(code)s ต้องเป็น 1 (ผ่าน) หรือ 0 (ไม่ผ่าน) "
                        "(ได้ “%(value)s”)"
                    )
                    % {"line": row.line, "code": row.code, "value": row.value}
                )
        else:
            problems.append(
                _("แถวที่ %(line)s: รหัส %(code)s ไม่มีในกรอบการประเมินปี %(year)s")
                % {"line": row.line, "code": row.code, "year": framework.year}
            )
    if problems:
        raise TableError("\n".join(problems))
    return entry


def _published_total(row: TableRow, problems: list[str]) -> Decimal | None:
    try:
        value = Decimal(to_arabic_digits(row.value))
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or not 0 <= value <= 100:
        problems.append(
            _("แถวที่ %(line)s: คะแนนรวมต้องเป็นตัวเลข 0 ถึง 100 (ได้ “%(value)s”)")
            % {"line": row.line, "value": row.value}
        )
        return None
    return value


# -- templates --------------------------------------------------------------------------------

HEADER = ("code (รหัส)", "value (ค่า)", "ชื่อ", "วิธีกรอก")


def template_rows(framework: Framework) -> list[tuple[str, str, str, str]]:
    """Every code of the year with its Thai name, values left blank to fill in."""
    rows: list[tuple[str, str, str, str]] = []
    for indicator in framework.indicators:
        hint = f"{indicator.tool}: คะแนน 0–100"
        if framework.is_item_scored(indicator.code):
            hint += " (หรือกรอกผลรายข้อ OIT ด้านล่างแทน)"
        rows.append((indicator.code, "", f"ตัวชี้วัดที่ {indicator.code} {indicator.name_th}", hint))
    for item in framework.items:
        sub = framework.sub_indicator(item.sub_indicator)
        rows.append(
            (
                item.code,
                "",
                item.name_th,
                f"OIT {sub.code} {sub.name_th}: 1 = ผ่าน, 0 = ไม่ผ่าน",
            )
        )
    rules = framework.rules
    rows.append(("total", "", "คะแนนรวมที่ประกาศ (ถ้ามี)", "ตัวเลข 0–100 ทศนิยม 2 ตำแหน่ง"))
    if rules.bands:
        codes = ", ".join(b.code for b in rules.bands)
        rows.append(("band", "", "ระดับที่ประกาศ (ถ้ามี)", codes))
    labels = [r.label_th for r in rules.ratings] or (
        [rules.pass_rule.label_th, rules.pass_rule.fail_label_th] if rules.pass_rule else []
    )
    if labels:
        rows.append(("rating", "", "ผลที่ประกาศ (ถ้ามี)", " / ".join(labels)))
    return rows


def template_csv(framework: Framework) -> bytes:
    """The template as CSV in UTF-8 with a BOM, so that Excel shows the Thai names."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(template_rows(framework))
    return out.getvalue().encode("utf-8-sig")


def template_xlsx(framework: Framework) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = f"ITA {framework.year}"
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    scores = DataValidation(type="decimal", operator="between", formula1="0", formula2="100")
    items = DataValidation(type="whole", operator="between", formula1="0", formula2="1")
    for code, name, label, hint in template_rows(framework):
        sheet.append((code, name, label, hint))
        cell = f"B{sheet.max_row}"
        if framework.has_indicator(code) or code == "total":
            scores.add(cell)
        elif framework.has_item(code):
            items.add(cell)
    for validation in (scores, items):
        validation.showErrorMessage = True
        validation.error = _("ค่าไม่ถูกต้อง")  # one language: the downloader's
        sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCD", (12, 10, 60, 45)):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
