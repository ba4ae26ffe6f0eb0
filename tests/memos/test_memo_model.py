"""The memo model: grids with spans, digit localisation, the approval block."""

import datetime as dt

import pytest

from prongsai.memos.model import (
    TICK,
    Cell,
    Header,
    Memo,
    Options,
    Paragraph,
    Row,
    Signature,
    Table,
    localize_digits,
)


def status_table() -> Table:
    return Table(
        columns=[3, 6, 2, 2, 2],
        rows=[
            Row(
                [Cell("มาตรการ", rowspan=2), Cell("ขั้นตอน", rowspan=2), Cell("สถานะ", colspan=3)],
                header=True,
            ),
            Row([Cell("ยังไม่"), Cell("ระหว่าง"), Cell("เสร็จ")], header=True),
            Row([Cell("(1) ก"), Cell("ข"), Cell("-"), Cell(TICK), Cell("-")]),
        ],
        role="status",
    )


def test_grid_places_spanned_cells():
    grid = status_table().grid()
    assert [len(line) for line in grid] == [5, 5, 5]
    assert grid[0][2] is not None and grid[0][2].text == "สถานะ"
    assert grid[0][3] is None and grid[0][4] is None
    assert grid[1][0] is None and grid[1][1] is None
    assert [c.text for c in grid[1][2:] if c] == ["ยังไม่", "ระหว่าง", "เสร็จ"]


def test_header_and_body_rows():
    table = status_table()
    assert len(table.header_rows()) == 2
    assert len(table.body_rows()) == 1


def test_cell_rejects_zero_span():
    with pytest.raises(ValueError, match="at least 1"):
        Cell("x", colspan=0)


def memo(thai: bool) -> Memo:
    return Memo(
        header=Header(
            department="สำนักปลัด เทศบาลตำบลอุ่มเม่า",
            telephone="0-4360-1525",
            document_number="กส 73601/",
            date=dt.date(2022, 3, 31),
            subject="เรื่องทดสอบ ปี 2565",
            addressee="นายก",
        ),
        body=[Paragraph("ดูที่ https://example.go.th/ita/2565 ข้อ O42 ปี 2565"), status_table()],
        signature=Signature("นาย ก", "ตำแหน่ง 1"),
        approval=Signature("นาย ข", "นายก", intro="ความเห็น ข้อ 1"),
        options=Options(thai_digits=thai),
    )


def test_localized_uses_thai_digits_but_keeps_urls_and_item_codes():
    m = memo(thai=True).localized()
    assert m.header.telephone == "๐-๔๓๖๐-๑๕๒๕"
    assert m.header.document_number == "กส ๗๓๖๐๑/"
    text = m.paragraphs()[0].text
    assert "https://example.go.th/ita/2565" in text
    assert "O42" in text
    assert text.endswith("ปี ๒๕๖๕")
    assert m.tables()[0].rows[2].cells[0].text == "(๑) ก"
    assert m.approval is not None and m.approval.intro == "ความเห็น ข้อ ๑"
    assert m.signature is not None and m.signature.position == "ตำแหน่ง ๑"


def test_localized_arabic_digits():
    m = memo(thai=True).localized()
    m.options.thai_digits = False
    back = m.localized()
    assert back.header.telephone == "0-4360-1525"
    assert back.approval is not None and back.approval.intro == "ความเห็น ข้อ 1"


def test_iter_text_includes_approval_block():
    places = dict(memo(thai=True).iter_text())
    assert places["ลงชื่อผู้บริหาร"] == "นาย ข"
    assert places["ความเห็นผู้บริหาร"] == "ความเห็น ข้อ 1"
    assert places["วันที่"] == "๓๑ มีนาคม ๒๕๖๕"


def test_localize_digits_of_plain_text():
    assert localize_digits("ณ 31 มีนาคม 2565") == "ณ ๓๑ มีนาคม ๒๕๖๕"
