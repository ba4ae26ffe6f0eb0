"""Score tables (CSV/XLSX reading, templates) and published-vs-computed checks: pure Python."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from tests.pending_catalogue import refusal

from prongsai.assessments.compare import check_published, rating_candidates
from prongsai.assessments.tables import (
    TableError,
    entry_from_rows,
    read_score_table,
    template_csv,
    template_rows,
    template_xlsx,
)
from prongsai.ita.framework import load_framework
from prongsai.ita.scoring import score

MB = 1024 * 1024


def read(text: str | bytes):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return read_score_table(data, max_bytes=MB)


def test_codes_are_normalised():
    rows = read("code,value\n o05 ,1\n๑๐, ๘๕\no42,ไม่ผ่าน\n")
    assert [(r.code, r.value) for r in rows] == [("O5", "1"), ("10", "๘๕"), ("O42", "0")]
    assert [r.line for r in rows] == [2, 3, 4]


def test_comment_and_value_without_code():
    assert read("# a note\n1,90\n")[0].code == "1"
    found = refusal(TableError, lambda: read("1,90\n,80\n"))
    assert found.th == "แถวที่ 2 มีค่าแต่ไม่มีรหัส"
    assert found.en == "row 2 has a value but no code"


def test_oversized_file_is_refused():
    found = refusal(TableError, lambda: read_score_table(b"1,90\n" * 300, max_bytes=1024))
    assert found == ("ไฟล์ใหญ่เกิน 1 MB", "the file is larger than 1 MB")


def test_a_zip_that_is_not_xlsx_is_refused():
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(TableError, match="^ไม่ใช่ไฟล์ Office$"):
        read(buffer.getvalue())


def test_entry_sorts_scores_items_and_published_figures():
    framework = load_framework(2565)
    rows = read("1,๘๒.๔๘\nO42,0\nO1,1\ntotal,82.48\nband,b\nrating,ไม่ผ่าน\n")
    entry = entry_from_rows(framework, rows)
    assert entry.indicator_scores == {"1": "82.48"}
    assert entry.item_results == {"O42": False, "O1": True}
    assert entry.published_total == Decimal("82.48")
    assert entry.published_band == "B" and entry.published_rating == "ไม่ผ่าน"


def test_entry_reports_every_problem_with_its_row():
    rows = read("O99,1\nO1,yes please\ntotal,120\n")
    found = refusal(TableError, lambda: entry_from_rows(load_framework(2565), rows))
    assert found.en.splitlines() == [
        "row 1: code O99 is not in the 2565 framework",
        "row 2: the result of item O1 must be 1 (passed) or 0 (failed) (got “yes please”)",
        "row 3: the total must be a number from 0 to 100 (got “120”)",
    ]
    assert found.th.splitlines()[0] == "แถวที่ 1: รหัส O99 ไม่มีในกรอบการประเมินปี 2565"
    assert len(found.th.splitlines()) == 3


@pytest.mark.parametrize("year", [2564, 2565, 2566, 2567, 2568, 2569])
def test_templates_list_every_code_with_thai_names(year):
    framework = load_framework(year)
    rows = template_rows(framework)
    codes = [r[0] for r in rows]
    assert codes[:10] == [i.code for i in framework.indicators]
    assert codes[10 : 10 + len(framework.items)] == [i.code for i in framework.items]
    assert "total" in codes and ("band" in codes) == bool(framework.rules.bands)
    o1 = next(r for r in rows if r[0] == "O1")
    assert o1[2] == framework.item("O1").name_th
    csv_rows = list(csv.reader(io.StringIO(template_csv(framework).decode("utf-8-sig"))))
    assert csv_rows[1:] == [list(r) for r in rows]
    sheet = load_workbook(io.BytesIO(template_xlsx(framework))).active
    assert [c.value for c in sheet["A"]][1:] == codes


def test_an_unfilled_template_has_no_scores():
    assert read(template_csv(load_framework(2565))) == []
    assert read(template_xlsx(load_framework(2565))) == []


# -- published figures against the rules -----------------------------------------------------


def test_entered_total_and_band_against_the_computed_ones():
    framework = load_framework(2565)
    result = score(framework, {str(n): "82.48" for n in range(1, 11)})
    assert check_published(framework, result, total=Decimal("82.48"), band="B") == []
    found = check_published(framework, result, total=Decimal("85.00"), band="A", rating="ผ่าน")
    assert [(d.field, d.entered, d.computed) for d in found] == [
        ("total", "85.00", "82.48"),
        ("band", "A", "B"),
        ("rating", "ผ่าน", "ไม่ผ่าน"),
    ]
    assert "ไม่ตรงกับคะแนนรวมที่คำนวณตามเกณฑ์ปี 2565" in found[0].th
    assert "differs from 82.48 computed under the 2565 rules" in found[0].en


def test_published_only_band_checked_against_the_published_total():
    framework = load_framework(2565)
    assert check_published(framework, None, total=Decimal("82.48"), band="B") == []
    (found,) = check_published(framework, None, total=Decimal("82.48"), band="A")
    assert (found.field, found.computed) == ("band", "B")
    assert check_published(None, None, total=Decimal("50"), band="A") == []


def test_2567_rating_with_only_a_total():
    rules = load_framework(2567).rules
    assert rating_candidates(rules, Decimal("96")) == ("ผ่านดีเยี่ยม", "ผ่านดี", "ผ่าน")
    assert rating_candidates(rules, Decimal("80")) == ("ต้องปรับปรุง",)
    framework = load_framework(2567)
    assert check_published(framework, None, total=Decimal("92"), rating="ผ่านดี") == []
    (found,) = check_published(framework, None, total=Decimal("80"), rating="ผ่าน")
    assert found.field == "rating" and found.computed == "ต้องปรับปรุง"


def test_2567_rating_against_computed_tools():
    framework = load_framework(2567)
    indicators = {str(n): "100" for n in range(1, 6)} | {"6": "85.11", "7": "85.11", "8": "81.78"}
    result = score(framework, indicators | {"9": "98.6", "10": "98.6"})
    (found,) = check_published(framework, result, total=Decimal("94.64"), rating="ผ่านดี")
    assert (found.entered, found.computed) == ("ผ่านดี", "ผ่าน")


# --- size limits: a small file must not expand into millions of rows ---------------------


def xlsx_with_rows(rows: str, *, dimension: str = "", stored: bool = False) -> bytes:
    """An XLSX whose first sheet holds `rows` (the <row> elements, written by hand so that
    their numbers can be anything) without a <dimension> unless one is given."""
    import zipfile

    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    source = zipfile.ZipFile(buffer)
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + (f'<dimension ref="{dimension}"/>' if dimension else "")
        + f"<sheetData>{rows}</sheetData></worksheet>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
                archive.writestr(info.filename, sheet, compress_type=method)
            else:
                archive.writestr(info.filename, source.read(info.filename))
    return out.getvalue()


def row(number: int, *values: str) -> str:
    cells = "".join(
        f'<c r="{column}{number}" t="inlineStr"><is><t>{value}</t></is></c>'
        for column, value in zip("ABCDEFGH", values)
    )
    return f'<row r="{number}">{cells}</row>'


def test_an_xlsx_row_numbered_100_million_is_refused_quickly(monkeypatch):
    """The reviewer's 5 KB file: openpyxl makes up every empty row before row 100,000,000.
    They are read lazily and reading stops at Excel's last row, with a clear error; the
    rows openpyxl hands out are counted, so that reading on (as before) fails at once
    instead of filling the memory."""
    import time

    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    from prongsai.assessments.tables import LAST_ROW

    handed_out = 0
    cells_by_row = ReadOnlyWorksheet._cells_by_row

    def counted(*args, **kwargs):
        nonlocal handed_out
        for cells in cells_by_row(*args, **kwargs):
            handed_out += 1
            assert handed_out <= LAST_ROW + 1, "read on past Excel's last row"
            yield cells

    monkeypatch.setattr(ReadOnlyWorksheet, "_cells_by_row", counted)
    data = xlsx_with_rows(row(1, "code", "value") + row(100_000_000, "1", "90"))
    assert len(data) < 10_000
    started = time.monotonic()
    with pytest.raises(TableError) as info:
        read(data)
    assert time.monotonic() - started < 20  # about half a second
    assert handed_out == LAST_ROW + 1
    assert str(info.value).startswith("ตารางยาวเกิน 2,000 แถว ")


def test_data_past_the_row_limit_is_refused_with_its_row():
    data = xlsx_with_rows(row(1, "code", "value") + row(2, "1", "90") + row(5000, "2", "80"))
    found = refusal(TableError, lambda: read(data))
    assert "(มีข้อมูลที่แถวที่ 5,000)" in found.th
    assert "longer than 2,000 rows (row 5,000 holds data)" in found.en
    with pytest.raises(TableError, match=r"^ตารางยาวเกิน 2,000 แถว \(มีข้อมูลที่แถวที่ 3,002\)"):
        read("code,value\n" + "\n" * 3000 + "1,90\n")


def test_blank_rows_after_the_table_are_skipped():
    """Formatting applied far below the table leaves empty rows in the file: not an error."""
    styled = '<row r="40000"><c r="A40000" s="0"/><c r="B40000" s="0"/></row>'
    rows = read(xlsx_with_rows(row(1, "code", "value") + row(2, "1", "90") + styled))
    assert [(r.line, r.code, r.value) for r in rows] == [(2, "1", "90")]
    assert [r.code for r in read("1,90\n" + "\n" * 50_000)] == ["1"]


def test_a_csv_of_millions_of_blank_lines_is_refused_quickly():
    import time

    started = time.monotonic()
    with pytest.raises(TableError) as info:
        read_score_table(b"code,value\n" + b"\n" * 2_000_000, max_bytes=10 * MB)
    assert time.monotonic() - started < 20
    assert str(info.value).startswith("ตารางยาวเกิน 2,000 แถว ")


def test_wide_rows_and_a_huge_declared_size_cost_nothing():
    """Only the first two columns are read; a lying <dimension> does not widen the rows."""
    wide = row(2, "1", "90") + '<row r="3"><c r="XFD3"><v>7</v></c></row>'
    data = xlsx_with_rows(row(1, "code", "value") + wide, dimension="A1:XFD3")
    assert [(r.code, r.value) for r in read(data)] == [("1", "90")]


def test_an_xlsx_part_too_large_for_a_score_table_is_refused():
    many_cells = "".join(f'<c r="C2"><v>{n}</v></c>' for n in range(300_000))
    data = xlsx_with_rows(row(1, "code", "value") + f'<row r="2">{many_cells}</row>', stored=True)
    with pytest.raises(TableError) as info:
        read_score_table(data, max_bytes=10 * MB)
    assert str(info.value).startswith("ไฟล์ XLSX นี้ใหญ่เกินกว่าจะเป็นตารางคะแนน")


@pytest.mark.parametrize("year", [2564, 2565, 2566, 2567, 2568, 2569])
def test_every_template_fits_well_within_the_row_limit(year):
    from prongsai.assessments.tables import MAX_ROWS

    assert len(template_rows(load_framework(year))) + 1 < MAX_ROWS // 10
