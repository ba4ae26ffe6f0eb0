"""The PDF read back: text layer, line breaks between Thai words, page numbers, catchwords."""

import dataclasses
import re

import pypdfium2 as pdfium
import pytest

from prongsai.demo.agency import MEASURES, YEAR
from prongsai.memos import fonts, wordbreak
from prongsai.memos.builders import implementation as build_implementation
from prongsai.memos.model import Cell, EmblemMissingError, Paragraph, Row, Table
from prongsai.memos.render_pdf import page_body_texts, render_pdf
from prongsai.thai.digits import has_arabic_digit, has_thai_digit

# The verification line keeps its address and code as typed (Arabic digits, hex).
VERIFICATION = re.compile(
    r"ตรวจสอบเอกสารฉบับนี้ได้ที่\s+\S+\s+รหัสตรวจสอบ\s+[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}"
)
CATCHWORD = re.compile(r"(?:^|\s)/(\S.*)\.\.\.$")


@pytest.fixture
def pdf(implementation):
    return render_pdf(implementation)


def full_text(pdf: bytes) -> str:
    doc = pdfium.PdfDocument(pdf)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in doc)
    finally:
        doc.close()


def test_is_a_pdf_with_the_fonts_embedded(pdf):
    assert pdf.startswith(b"%PDF-")
    assert b"LaksamanCompat" in pdf
    assert b"DejaVuSans" in pdf  # the tick


def test_text_layer_holds_titles_agency_and_date(pdf, pdf_reader, demo):
    text = pdf_reader.squeeze(full_text(pdf))
    pages = [pdf_reader.squeeze(t) for t in page_body_texts(pdf)]
    for title, *_ in MEASURES:
        wanted = pdf_reader.squeeze(title)
        assert wanted in text or pdf_reader.split_over_pages(wanted, pages), title
    assert "เทศบาลตำบลอุ่มเม่า" in text
    assert pdf_reader.squeeze(demo.full_name) in text
    assert "๓๑มีนาคม๒๕๖๕" in text
    assert "บันทึกข้อความ" in text
    for heading in ("ยังไม่ดำเนินการ", "อยู่ระหว่างดำเนินการ", "ดำเนินการเสร็จเรียบร้อยแล้ว"):
        assert heading in text
    assert text.count("✓") == 6


def test_every_paragraph_and_cell_extracts_verbatim(implementation, pdf, pdf_reader):
    text = pdf_reader.squeeze(full_text(pdf))
    # The page bodies without page numbers and catchwords, read one after the other: a line
    # that runs over a page break reads whole here.
    pages = [pdf_reader.squeeze(t) for t in page_body_texts(pdf)]
    body = "".join(pages)
    over_a_break = in_split_rows = 0
    for place, value in implementation.localized().iter_text():
        for line in value.split("\n"):
            wanted = pdf_reader.squeeze(line)
            if wanted in text or wanted in body:
                over_a_break += bool(wanted) and not any(wanted in page for page in pages)
                continue
            # A cell of a tall row split over two pages: its head ends one page, its rest
            # follows the header repeated on the next (the other cells' heads in between).
            assert place.startswith("ตาราง"), (place, wanted)
            assert pdf_reader.split_over_pages(wanted, pages), (place, wanted)
            in_split_rows += 1
    assert in_split_rows >= 1  # the demo memo does split a tall table row


def test_a_justified_paragraph_over_a_page_break_reads_whole(implementation, pdf_reader):
    text = "ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ข้อ O31 ร้อยละ ๘๕ "
    paragraphs = [f"({letter}) " + text * 6 for letter in "กขคงจฉชซ"]
    memo = dataclasses.replace(implementation, body=[Paragraph(p) for p in paragraphs])
    pdf = render_pdf(memo)
    pages = [pdf_reader.squeeze(t) for t in page_body_texts(pdf)]
    body = "".join(pages)
    wanted = [pdf_reader.squeeze(p) for p in paragraphs]
    assert all(w in body for w in wanted)
    assert any(not any(w in page for page in pages) for w in wanted)  # one runs over a break
    assert pdf_reader.breaks_inside_words(pdf)[1] == []


def test_no_line_ends_inside_a_thai_word(pdf, pdf_reader):
    count, bad = pdf_reader.breaks_inside_words(pdf)
    assert count > 50  # the check really looked at many Thai-to-Thai line wraps
    assert bad == []


def test_the_word_check_catches_a_break_inside_a_word(pdf_reader):
    assert not pdf_reader.is_word_boundary("กำหนดผู้รับผิด", "ชอบโครงการ")
    assert not pdf_reader.is_word_boundary("ดำเนิ", "นการ")
    assert pdf_reader.is_word_boundary("กำหนดผู้รับผิดชอบ", "โครงการ")


def test_page_numbers_from_page_two(pdf, pdf_reader):
    pages = pdf_reader.pages(pdf)
    assert len(pages) >= 3
    assert not any(re.fullmatch(r"-\S+-", line.strip()) for line, _ in pages[0])
    thai = "๐๑๒๓๔๕๖๗๘๙"
    for number, lines in enumerate(pages[1:], start=2):
        top = max(lines, key=lambda item: item[1][3])[0].strip()
        assert top == f"-{thai[number]}-"


def test_catchword_at_the_foot_of_every_page_but_the_last(implementation, pdf, pdf_reader):
    pages = pdf_reader.pages(pdf)
    bodies = page_body_texts(pdf)
    for number, lines in enumerate(pages, start=1):
        markers = [CATCHWORD.search(line.strip()) for line, _ in lines]
        markers = [m for m in markers if m]
        if number == len(pages):
            assert markers == []
            continue
        assert len(markers) == 1, number
        words = markers[0].group(1)
        # The catchword repeats the first words of the next page (after a repeated header).
        nxt = pdf_reader.squeeze(bodies[number])
        assert pdf_reader.squeeze(words) in nxt[:200], (number, words)
        bottom = min(lines, key=lambda item: item[1][1])
        assert CATCHWORD.search(bottom[0].strip())


def test_thai_digits_throughout(pdf):
    full = full_text(pdf)
    text = VERIFICATION.sub("", full)
    assert text != full  # the verification line was there, and only it was taken out
    assert not has_arabic_digit(text), re.findall(r".{0,20}\d.{0,20}", text)


def test_arabic_digits_when_asked(demo, as_of):
    memo = build_implementation.build(demo, YEAR, as_of=as_of, thai_digits=False)
    text = full_text(render_pdf(memo))
    assert not has_thai_digit(text)
    assert "31 มีนาคม 2565" in text
    assert "-2-" in text


def test_user_text_is_not_typst_markup(implementation, pdf_reader):
    hostile = '#set page(fill: red) *bold* $x^y$ ] ) } #read("/etc/passwd") <lbl> @ref \\ `raw`'
    memo = dataclasses.replace(
        implementation,
        body=[
            Paragraph(hostile),
            Table(columns=[1], rows=[Row([Cell(hostile)])]),
        ],
    )
    text = full_text(render_pdf(memo))
    assert text.count("#set page(fill: red) *bold* $x^y$") == 2
    assert "root:" not in text


def test_emblem_on_the_first_page(pdf):
    doc = pdfium.PdfDocument(pdf)
    try:
        images = [o for o in doc[0].get_objects() if o.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE]
        assert len(images) == 1
    finally:
        doc.close()


def test_missing_emblem_is_a_clear_error(implementation, tmp_path):
    implementation.options.emblem_path = str(tmp_path / "none.png")
    with pytest.raises(EmblemMissingError, match="MEMO_EMBLEM_PATH"):
        render_pdf(implementation)


def test_measures_memo_renders(measures_memo, pdf_reader):
    pdf = render_pdf(measures_memo)
    text = pdf_reader.squeeze(full_text(pdf))
    assert "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานประจำปีงบประมาณพ.ศ.๒๕๖๕" in text
    assert "ความเห็นของนายกเทศมนตรีตำบลอุ่มเม่า" in text
    assert pdf_reader.breaks_inside_words(pdf)[1] == []


def test_missing_debian_font_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr(fonts, "LAKSAMAN_DIR", tmp_path)
    fonts.font_dir.cache_clear()
    try:
        with pytest.raises(fonts.FontMissingError, match="apt-get install fonts-tlwg-laksaman-ttf"):
            fonts.font_dir()
    finally:
        monkeypatch.undo()
        fonts.font_dir.cache_clear()


def test_word_tokens():
    tokens = wordbreak.line_tokens("ประจำปีงบประมาณ พ.ศ. ๒๕๖๕ และสื่ออื่น ๆ ระบบ IT ของ ป.ป.ช.")
    assert "พ.ศ. ๒๕๖๕" in tokens
    assert "สื่ออื่น ๆ" in tokens  # ๆ stays with its word (here a phrase: สื่อ binds อื่น)
    assert "ป.ป.ช." in tokens
    assert [" ระบบ "] not in tokens and "ระบบ" in tokens
    assert any(isinstance(t, list) and "IT" in t[0] for t in tokens)
    assert "".join(t if isinstance(t, str) else t[0] for t in tokens) == (
        "ประจำปีงบประมาณ พ.ศ. ๒๕๖๕ และสื่ออื่น ๆ ระบบ IT ของ ป.ป.ช."
    )


def test_first_words():
    assert wordbreak.first_words("ผลการประเมินคุณธรรม") == "ผลการประเมิน"
    assert wordbreak.first_words("  (๔) ผู้บริหารหน่วยงาน") == "(๔) ผู้บริหาร"
    assert wordbreak.first_words("") == ""
