"""The DOCX parser on memos made the way Word makes them, and on damaged DOCX files."""

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import NamedTuple

import pytest
from docx import Document
from tests.pending_catalogue import in_english

from prongsai.imports.parse import ParseError, parse_file
from prongsai.imports.tables import owner_grid

DATA = Path(__file__).resolve().parent.parent / "data"
CLEAN = DATA / "clean-khonkaen.docx"
MERGED = DATA / "merged-nakhonratchasima.docx"


@pytest.fixture(scope="module")
def clean():
    return parse_file(CLEAN)


@pytest.fixture(scope="module")
def merged():
    return parse_file(MERGED)


def test_header_with_tabs_and_date_on_the_number_line(clean):
    h = clean.header
    assert h.department == "สำนักปลัด องค์การบริหารส่วนตำบลบ้านหว้า"
    assert h.telephone == "๐ ๔๓๒๖ ๑๑๒๒"
    assert h.document_number == "ขก ๗๘๐๐๒/๒๑๘"
    assert h.date == dt.date(2023, 4, 28)
    assert h.subject.endswith("ประจำปีงบประมาณ พ.ศ. ๒๕๖๖")
    assert h.addressee == "นายกองค์การบริหารส่วนตำบลบ้านหว้า"
    assert (clean.agency_name, clean.province, clean.fiscal_year) == (
        "องค์การบริหารส่วนตำบลบ้านหว้า",
        "ขอนแก่น",
        2566,
    )


def test_signature(clean, merged):
    assert clean.signature.name == "นางสาวสมศรี ใจงาม"
    assert clean.signature.position == "ปลัดองค์การบริหารส่วนตำบลบ้านหว้า"
    assert merged.signature.position.split("\n") == [
        "หัวหน้าสำนักปลัดเทศบาล",
        "ปฏิบัติหน้าที่ปลัดเทศบาลตำบลโพธิ์กลาง",
    ]
    # The signature's paragraphs are not body paragraphs.
    assert not any("ใจงาม" in p.text for p in clean.paragraphs())


def test_page_number_field_in_the_page_header_is_not_body_text(clean):
    assert not any(p.text.strip("-๒ ") == "" for p in clean.paragraphs())


def test_status_header_merged_cells(clean):
    status = clean.tables("status")[0]
    head1, head2 = status.header_rows()
    assert [(c.text, c.colspan, c.rowspan) for c in head1.cells] == [
        ("มาตรการ", 1, 2),
        ("ขั้นตอนหรือวิธีการ", 1, 2),
        ("สถานะการดำเนินการ", 3, 1),
    ]
    assert [c.text for c in head2.cells] == [
        "ยังไม่ดำเนินการ",
        "อยู่ระหว่างดำเนินการ",
        "ดำเนินการเสร็จเรียบร้อยแล้ว",
    ]
    assert all(len(line) == 5 for line in owner_grid(status))


def test_vertically_merged_body_cells(merged):
    table = merged.tables("measures")[0]
    first = table.body_rows()[0].cells
    assert [c.text for c in first[:2]] == ["๑", "ควรมีมาตรการลดขั้นตอนการให้บริการประชาชน"]
    divisions, monitoring = first[3], first[4]
    assert divisions.text == "สำนักปลัดเทศบาล\nกองคลัง" and divisions.rowspan == 2
    assert monitoring.rowspan == 3
    grid = owner_grid(table)
    assert grid[2][3] is divisions and grid[3][4] is monitoring


def test_cell_paragraphs_are_lines(clean):
    row = clean.tables("measures")[0].body_rows()[0]
    assert row.cells[1].text.split("\n") == [
        "- ปรับปรุงข้อมูลบนเว็บไซต์ของหน่วยงานให้เป็นปัจจุบันทุกเดือน",
        "- ประชาสัมพันธ์ผลการดำเนินงานทางเฟซบุ๊กของหน่วยงาน",
    ]


def test_a_table_split_in_two_on_the_next_page_is_merged():
    """Clerks often end a table at the page foot and start a new one with the same heading."""
    doc = Document()
    for text in ("ส่วนราชการ สำนักปลัด เทศบาลตำบลอุ่มเม่า", "ที่ กส ๗๓๖๐๑/๑", "เรื่อง ทดสอบ", "เรียน นายก"):
        doc.add_paragraph(text)
    heads = ["มาตรการ", "ขั้นตอนหรือวิธีการ", "ผู้รับผิดชอบ", "การกำกับติดตาม"]
    for part in range(2):
        table = doc.add_table(rows=2, cols=4)
        for c, head in enumerate(heads):
            table.cell(0, c).text = head
        for c in range(4):
            table.cell(1, c).text = f"({part + 1}) ข้อ {c}" if c == 0 else "สำนักปลัด"
        doc.add_paragraph("-๒-" if part == 0 else "จึงเรียนมาเพื่อโปรดทราบ")
    buffer = io.BytesIO()
    doc.save(buffer)
    memo = parse_file(buffer.getvalue(), "split.docx")
    tables = memo.tables("measures")
    assert len(tables) == 1
    assert len(tables[0].header_rows()) == 1 and len(tables[0].body_rows()) == 2


def test_tracked_deletions_are_not_text():
    doc = Document()
    p = doc.add_paragraph("ส่วนราชการ สำนักปลัด ")
    deleted = p._p.makeelement(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}del", {}
    )
    run = p.add_run("องค์การบริหารส่วนตำบลสามเรือน")._r
    run.getparent().remove(run)
    deleted.append(run)
    p._p.append(deleted)
    p.add_run("เทศบาลตำบลอุ่มเม่า")
    doc.add_paragraph("ที่ กส ๗๓๖๐๑/๑")
    buffer = io.BytesIO()
    doc.save(buffer)
    memo = parse_file(buffer.getvalue(), "tracked.docx")
    assert memo.header.department == "สำนักปลัด เทศบาลตำบลอุ่มเม่า"


# ------------------------------------------------------------------ damaged files


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


class Refusal(NamedTuple):
    th: str  # the message in Thai (the default language)
    en: str  # the same refusal with English active


def _rejects(data: bytes, filename: str = "memo.docx") -> Refusal:
    with pytest.raises(ParseError) as thai:
        parse_file(data, filename)
    with in_english(), pytest.raises(ParseError) as english:
        parse_file(data, filename)
    refusal = Refusal(str(thai.value), str(english.value))
    # One language each: Thai by default, English when English is active.
    assert refusal.th != refusal.en and " / " not in refusal.th
    return refusal


def test_truncated_docx():
    data = CLEAN.read_bytes()
    for cut in (len(data) // 2, 1000, 30):
        error = _rejects(data[:cut])
        assert "ZIP" in error.en or "DOCX" in error.en


def test_zip_bomb():
    bomb = _zip(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b"\0" * (20 * 1024 * 1024),
        }
    )
    assert len(bomb) < 100_000
    assert "bomb" in _rejects(bomb).th + _rejects(bomb).en


def test_encrypted_zip_entries():
    data = bytearray(CLEAN.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        pos = data.find(signature)
        while pos != -1:
            data[pos + offset] |= 1
            pos = data.find(signature, pos + 4)
    assert "encrypted" in _rejects(bytes(data)).en


def test_a_zip_that_is_no_docx():
    assert "Office" in _rejects(_zip({"hello.txt": b"hi"})).en
    xlsx = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
    assert "DOCX" in _rejects(xlsx).en


def test_a_docx_with_broken_xml():
    data = _zip(
        {
            "[Content_Types].xml": _clean_part("[Content_Types].xml"),
            "_rels/.rels": _clean_part("_rels/.rels"),
            "word/document.xml": b"<w:document><w:body><w:p>",
            "word/_rels/document.xml.rels": _clean_part("word/_rels/document.xml.rels"),
        }
    )
    # Refused by the upload checks' XML parser before python-docx opens the package.
    assert "เสียหาย" in _rejects(data).th


def _clean_part(name: str) -> bytes:
    with zipfile.ZipFile(CLEAN) as archive:
        return archive.read(name)


def test_macros_are_refused():
    data = _zip(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b"<w:document/>",
            "word/vbaProject.bin": b"\0" * 100,
        }
    )
    assert "macro" in _rejects(data).en


def test_a_head_laid_out_in_a_borderless_table():
    doc = Document()
    doc.add_paragraph("บันทึกข้อความ")
    head = doc.add_table(rows=3, cols=4)
    for r, cells in enumerate(
        [
            ("ส่วนราชการ", "สำนักปลัด เทศบาลตำบลอุ่มเม่า", "", ""),
            ("ที่", "กส ๗๓๖๐๑/๑๒", "วันที่", "๓๑ มีนาคม ๒๕๖๕"),
            ("เรื่อง", "รายงานผล", "", ""),
        ]
    ):
        for c, text in enumerate(cells):
            head.cell(r, c).text = text
    doc.add_paragraph("เรียน นายกเทศมนตรีตำบลอุ่มเม่า")
    doc.add_paragraph("ตามที่...")
    buffer = io.BytesIO()
    doc.save(buffer)
    memo = parse_file(buffer.getvalue(), "memo.docx")
    h = memo.header
    assert (h.department, h.document_number, h.date) == (
        "สำนักปลัด เทศบาลตำบลอุ่มเม่า",
        "กส ๗๓๖๐๑/๑๒",
        dt.date(2022, 3, 31),
    )
    assert h.subject == "รายงานผล" and h.addressee == "นายกเทศมนตรีตำบลอุ่มเม่า"
    assert not memo.tables() and memo.paragraphs()[0].text == "ตามที่..."
