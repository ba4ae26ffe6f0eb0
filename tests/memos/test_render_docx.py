"""The DOCX read back with python-docx: tables, ticks, fonts and the Word settings."""

import io
import re

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm

from prongsai.demo.agency import MEASURES, YEAR
from prongsai.memos import rowfit
from prongsai.memos.builders import implementation as build_implementation
from prongsai.memos.model import TICK, EmblemMissingError, Table
from prongsai.memos.render_docx import render_docx
from prongsai.thai.digits import has_arabic_digit, has_thai_digit

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# The verification line keeps its address and code as typed (Arabic digits, hex).
VERIFICATION = re.compile(
    r"ตรวจสอบเอกสารฉบับนี้ได้ที่\s+\S+\s+รหัสตรวจสอบ\s+[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}"
)


@pytest.fixture
def document(implementation):
    return docx.Document(io.BytesIO(render_docx(implementation)))


def cell_texts(table):
    """Each row's distinct cells (merged cells once), text as python-docx reads it."""
    out = []
    for row in table.rows:
        seen, texts = set(), []
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            texts.append(cell.text)
        out.append(texts)
    return out


def all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


def test_measures_table_holds_the_six_measures_and_their_divisions(document):
    measures, _status = document.tables
    rows = cell_texts(measures)
    assert rows[0] == ["มาตรการ", "ขั้นตอนหรือวิธีการ", "ผู้รับผิดชอบ", "การกำกับติดตาม"]
    assert len(rows) == 7
    for row, (title, _steps, divisions, *_rest) in zip(rows[1:], MEASURES, strict=True):
        assert row[0].endswith(title)
        assert row[2].split("\n") == divisions
        assert row[3] == "รายงานความก้าวหน้าและสรุปผล ณ ๓๑ มีนาคม ๒๕๖๕"


def test_status_table_one_tick_per_row_with_the_note(document):
    _measures, status = document.tables
    rows = cell_texts(status)
    assert rows[0] == ["มาตรการ", "ขั้นตอนหรือวิธีการ", "สถานะการดำเนินการ"]
    assert rows[1][-3:] == ["ยังไม่ดำเนินการ", "อยู่ระหว่างดำเนินการ", "ดำเนินการเสร็จเรียบร้อยแล้ว"]
    body = rows[2:]
    assert len(body) == 6
    expected = {"not_started": 0, "in_progress": 1, "done": 2}
    for row, spec in zip(body, MEASURES, strict=True):
        marks = [i for i, text in enumerate(row[2:]) if TICK in text]
        assert marks == [expected[spec[4]]]
        assert row[0].endswith(spec[0])
    assert body[2][4] == f"{TICK}\n(ตรวจสอบในเว็บไซต์ของหน่วยงาน)"


def test_merged_header_cells(document):
    status = document.tables[1]
    tcs = status.rows[0]._tr.findall(qn("w:tc"))
    spans = [tc.find(qn("w:tcPr")).find(qn("w:gridSpan")) for tc in tcs]
    assert spans[-1] is not None and spans[-1].get(qn("w:val")) == "3"
    v_merge = tcs[0].find(qn("w:tcPr")).find(qn("w:vMerge"))
    assert v_merge is not None and v_merge.get(qn("w:val")) == "restart"


def test_header_rows_repeat_and_only_tall_rows_split(implementation, document):
    """A row splits over pages in Word only where the PDF splits it (rowfit.breakable)."""
    specs = [block for block in implementation.body if isinstance(block, Table)]
    for table, spec, header_rows in zip(document.tables, specs, (1, 2), strict=True):
        breakable = rowfit.breakable(spec)
        for n, row in enumerate(table.rows):
            tr_pr = row._tr.find(qn("w:trPr"))
            assert (tr_pr.find(qn("w:cantSplit")) is None) == breakable[n]
            assert (tr_pr.find(qn("w:tblHeader")) is not None) == (n < header_rows)
    # the demo's memo has rows of both kinds
    assert {b for spec in specs for b in rowfit.breakable(spec)} == {True, False}


def test_every_run_names_the_font_in_the_complex_script_slot(document):
    runs = [r for p in document.paragraphs for r in p.runs]
    runs += [
        r
        for t in document.tables
        for row in t.rows
        for c in row.cells
        for p in c.paragraphs
        for r in p.runs
    ]
    assert len(runs) > 50
    for run in runs:
        fonts = run._r.rPr.find(qn("w:rFonts"))
        expected = "Segoe UI Symbol" if run.text == TICK else "TH SarabunPSK"
        for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            assert fonts.get(qn(slot)) == expected, run.text
        assert run._r.rPr.find(qn("w:szCs")) is not None


def _size_of(run) -> tuple[str, str, str]:
    rpr = run._r.rPr
    return (
        rpr.find(qn("w:szCs")).get(qn("w:val")),
        rpr.find(qn("w:sz")).get(qn("w:val")),
        rpr.find(qn("w:bCs")).get(qn("w:val")),
    )


def test_sizes_heading_labels_body(document):
    section = document.sections[0]
    assert section.different_first_page_header_footer
    heading = [
        r
        for t in section.first_page_header.tables
        for row in t.rows
        for c in row.cells
        for p in c.paragraphs
        for r in p.runs
        if r.text == "บันทึกข้อความ"
    ]
    assert len(heading) == 1 and _size_of(heading[0]) == ("58", "58", "1")
    labels = {r.text: _size_of(r) for p in document.paragraphs[:3] for r in p.runs}
    for label in ("ส่วนราชการ", "ที่", "วันที่", "เรื่อง"):
        assert labels[label] == ("40", "40", "1")
    body = [p for p in document.paragraphs if p.text.startswith("ตามที่")][0]
    assert all(_size_of(r) == ("32", "32", "0") for r in body.runs)
    normal = document.styles["Normal"].element.rPr
    assert normal.find(qn("w:szCs")).get(qn("w:val")) == "32"
    assert normal.find(qn("w:lang")).get(qn("w:bidi")) == "th-TH"


def test_page_setup(document):
    section = document.sections[0]
    assert abs(section.left_margin - Cm(3)) < Cm(0.01)
    assert abs(section.right_margin - Cm(2)) < Cm(0.01)
    assert abs(section.page_width - Cm(21)) < Cm(0.01)
    children = [el.tag for el in section._sectPr]
    num = section._sectPr.find(qn("w:pgNumType"))
    assert num is not None and num.get(qn("w:fmt")) == "thaiNumbers"
    assert children.index(qn("w:pgNumType")) < children.index(qn("w:cols"))
    assert section._sectPr.find(qn("w:titlePg")) is not None


def test_thai_distributed_justification_and_indent(document):
    body = [p for p in document.paragraphs if p.text.startswith("ตามที่")][0]
    jc = body._p.pPr.find(qn("w:jc"))
    assert jc.get(qn("w:val")) == "thaiDistribute"
    assert abs(body.paragraph_format.first_line_indent - Cm(2.5)) < Cm(0.01)


def test_page_number_field_between_hyphens(document):
    header = document.sections[0].header
    xml = header._element.xml
    assert "PAGE" in xml
    assert header.paragraphs[0].text.startswith("-") and header.paragraphs[0].text.endswith("-")


def test_emblem_in_first_page_header_at_1_5_cm(document):
    header = document.sections[0].first_page_header
    extents = header._element.findall(
        ".//" + "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent"
    )
    assert len(extents) == 1
    assert abs(int(extents[0].get("cy")) - Cm(1.5)) < Cm(0.01)


def test_dotted_leaders_in_the_header_fields(document):
    first = document.paragraphs[0]
    tabs = first._p.pPr.find(qn("w:tabs")).findall(qn("w:tab"))
    assert any(t.get(qn("w:leader")) == "dot" for t in tabs)


def test_thai_digits_throughout(document):
    full = all_text(document)
    text = VERIFICATION.sub("", full)
    assert text != full  # the verification line was there, and only it was taken out
    assert not has_arabic_digit(text)
    assert "๓๑ มีนาคม ๒๕๖๕" in text


def test_arabic_digits_when_asked(demo, as_of):
    memo = build_implementation.build(demo, YEAR, as_of=as_of, thai_digits=False)
    document = docx.Document(io.BytesIO(render_docx(memo)))
    assert not has_thai_digit(all_text(document))


def test_font_name_is_an_option(implementation):
    implementation.options.font_name = "TH SarabunIT๙"
    document = docx.Document(io.BytesIO(render_docx(implementation)))
    run = document.paragraphs[0].runs[0]
    assert run._r.rPr.find(qn("w:rFonts")).get(qn("w:cs")) == "TH SarabunIT๙"


def test_measures_memo_has_the_approval_block(measures_memo):
    document = docx.Document(io.BytesIO(render_docx(measures_memo)))
    assert len(document.tables) == 1
    texts = [p.text for p in document.paragraphs]
    assert "ความเห็นของนายกเทศมนตรีตำบลอุ่มเม่า" in texts
    assert texts.count("นายกเทศมนตรีตำบลอุ่มเม่า") == 1


def test_missing_emblem_is_a_clear_error(implementation, tmp_path):
    implementation.options.emblem_path = str(tmp_path / "none.png")
    with pytest.raises(EmblemMissingError, match="MEMO_EMBLEM_PATH"):
        render_docx(implementation)
