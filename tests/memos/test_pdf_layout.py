"""The PDF laid out as the DOCX is: justified paragraphs, phrase-level line breaks, tall
rows split over pages, and the verification line with its QR code once at the end."""

import dataclasses
import io

import pypdfium2 as pdfium
import pytest
from docx import Document

from prongsai.imports.parse.assemble import is_page_artefact
from prongsai.memos import linecheck, wordbreak
from prongsai.memos.model import Cell, Paragraph, Row, Table, Verification
from prongsai.memos.phrases import join_phrases
from prongsai.memos.qr import BORDER, qr_matrix, qr_png
from prongsai.memos.render_docx import render_docx
from prongsai.memos.render_pdf import catchwords, page_body_texts, render_pdf

_CM = 72 / 2.54
RIGHT_MARGIN = 21 * _CM - 2 * _CM  # x of the text block's right edge
LEFT = 3 * _CM
INDENTED = LEFT + 2.5 * _CM


def _paragraph_lines(lines):
    """The body paragraphs of a page as lists of line boxes: an indented line starts one,
    a line at the left margin goes on with it, anything else (a table) ends them."""
    paragraphs = []
    for text, box in lines:
        if abs(box[0] - INDENTED) < 4:
            paragraphs.append([(text, box)])
        elif paragraphs and abs(box[0] - LEFT) < 4 and not text.startswith("มาตรการส่งเสริม"):
            paragraphs[-1].append((text, box))
        elif paragraphs:
            break
    return paragraphs


PROSE = (
    "สำนักปลัดได้วิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
    "(Integrity and Transparency Assessment: ITA) ประจำปีงบประมาณ พ.ศ. ๒๕๖๔ ได้ ๘๕.๕๐ คะแนน "
    "และจัดทำมาตรการเพื่อให้ผู้รับบริการได้รับบริการอย่างเท่าเทียมกัน ไม่เลือกปฏิบัติ "
)


def _assert_justified(pdf, pdf_reader, at_least):
    paragraphs = [p for p in _paragraph_lines(pdf_reader.pages(pdf)[0]) if len(p) > 1]
    full = [line for p in paragraphs for line in p[:-1]]
    assert len(full) >= at_least
    for text, box in full:  # every line but a paragraph's last reaches the right margin
        assert RIGHT_MARGIN - 9 < box[2] <= RIGHT_MARGIN + 1, text
    assert any(p[-1][1][2] < RIGHT_MARGIN - 60 for p in paragraphs)  # last lines stay left


def test_paragraphs_are_justified_with_the_last_line_left(
    implementation, measures_memo, pdf_reader
):
    pdf = render_pdf(measures_memo)
    _assert_justified(pdf, pdf_reader, 4)
    # Nothing was added to the text: the paragraphs read back as written.
    text = pdf_reader.squeeze("".join(page_body_texts(pdf)))
    for block in measures_memo.localized().paragraphs():
        assert pdf_reader.squeeze(block.text) in text
    lengths = [1, 2, 3, 1, 2]
    memo = dataclasses.replace(implementation, body=[Paragraph(PROSE * n) for n in lengths])
    _assert_justified(render_pdf(memo), pdf_reader, 12)


@pytest.mark.parametrize(
    "text, kept",
    [
        ("การให้บริการแก่ผู้รับบริการ", ["ผู้รับบริการ", "การให้บริการ"]),
        ("ปฏิบัติงานด้วยความซื่อสัตย์สุจริต", ["ความซื่อสัตย์สุจริต"]),
        ("คุณธรรมและความโปร่งใส", ["ความโปร่งใส"]),
        ("บริการอย่างเท่าเทียมกัน ไม่เลือกปฏิบัติ", ["ไม่เลือกปฏิบัติ"]),
        ("ผ่านสื่อสังคมออนไลน์", ["สื่อสังคมออนไลน์"]),
        ("ตามข้อ O31 ได้ร้อยละ ๘๕ คือ ๘๕.๕๐ คะแนน", ["ข้อ O31", "ร้อยละ ๘๕", "๘๕.๕๐ คะแนน"]),
        ("ณ ๓๑ มีนาคม ๒๕๖๕", ["ณ ๓๑ มีนาคม ๒๕๖๕"]),
    ],
)
def test_phrases_stay_together(text, kept):
    pieces = join_phrases(wordbreak.split_words(text))
    assert "".join(pieces) == text
    for phrase in kept:
        assert phrase in pieces, pieces


def test_phrases_stay_short_enough_for_their_column():
    pieces = join_phrases(wordbreak.split_words("ไม่เลือกปฏิบัติ"), max_cells=6)
    assert "ไม่เลือกปฏิบัติ" not in pieces and "".join(pieces) == "ไม่เลือกปฏิบัติ"
    # and a word inside another is never taken for a reference ("หัวข้อ ๓" keeps หัวข้อ)
    assert "หัวข้อ" in "".join(join_phrases(wordbreak.split_words("หัวข้อ ๓")))


def test_fewer_line_ends_split_a_phrase(implementation, measures_memo, monkeypatch, capsys):
    def count() -> tuple[int, int]:
        weak = wraps = 0
        for memo in (implementation, measures_memo):
            pdf = render_pdf(memo)
            weak += len(linecheck.weak_breaks(pdf))
            wraps += sum(1 for _ in linecheck.wraps(pdf))
        return weak, wraps

    after, wraps = count()
    monkeypatch.setattr(wordbreak, "PHRASE_RULES", False)
    before, _ = count()
    with capsys.disabled():
        print(f"\nline ends splitting a phrase: before {before}, after {after} ({wraps} wraps)")
    assert wraps > 200  # the count really looked at many line ends
    assert before >= 30
    assert after * 5 <= before


def test_the_weak_break_check_sees_a_split_phrase():
    assert linecheck.splits_phrase("ด้วยความ", "ซื่อสัตย์สุจริต")
    assert linecheck.splits_phrase("ผู้รับ", "บริการ")
    assert linecheck.splits_phrase("ตามข้อ", "O31")
    assert not linecheck.splits_phrase("ด้วยความซื่อสัตย์สุจริต", "และ")
    assert not linecheck.splits_phrase("ดำเนิ", "นการ")  # inside a word: another check's


def _tall_row_memo(implementation):
    steps = "\n".join(
        f"{i}. จัดประชุมชี้แจงผู้รับบริการและผู้มีส่วนได้ส่วนเสียเรื่องการเปิดเผยข้อมูล" for i in range(1, 41)
    )
    header = Row([Cell("มาตรการ", bold=True), Cell("ขั้นตอนหรือวิธีการ", bold=True)], header=True)
    table = Table(
        columns=[4, 12],
        rows=[header, Row([Cell("(๑) มาตรการเปิดเผยข้อมูล"), Cell(steps)])],
        role="measures",
    )
    return dataclasses.replace(implementation, body=[Paragraph("บทนำ"), table])


def test_a_tall_row_splits_over_pages_with_the_header_repeated(implementation, pdf_reader):
    memo = _tall_row_memo(implementation)
    pdf = render_pdf(memo)
    bodies = [pdf_reader.squeeze(t) for t in page_body_texts(pdf)]
    assert len(bodies) >= 2
    # Page 1 is filled by the row's first steps (no blank foot), page 2 goes on with the rest
    # under the repeated header.
    assert "๑.จัดประชุม" in bodies[0] and "๔๐.จัดประชุม" not in bodies[0]
    assert bodies[1].startswith("มาตรการขั้นตอนหรือวิธีการ")
    assert "๔๐.จัดประชุม" in bodies[-1]
    # The continuation marker at the foot of page 1 names page 2's first words.
    marks = catchwords(pdf, memo.localized())
    assert marks["1"].startswith("/")
    first_step = next(line for line in bodies[1].split("มาตรการขั้นตอนหรือวิธีการ", 1)[1:])
    assert pdf_reader.squeeze(marks["1"][1:].rstrip(".")) in first_step[:80]
    assert pdf_reader.breaks_inside_words(pdf)[1] == []


def test_a_short_row_moves_whole(implementation, pdf_reader):
    memo = _tall_row_memo(implementation)
    table = memo.body[1]
    short = Row([Cell("(๒) มาตรการสั้น"), Cell("ขั้นตอนเดียว\nขั้นตอนที่สอง")])
    memo.body[1] = dataclasses.replace(table, rows=[table.rows[0], short] * 1 + [short] * 30)
    pdf = render_pdf(memo)
    for body in page_body_texts(pdf):
        squeezed = pdf_reader.squeeze(body)
        # a short row is never cut: each page holds whole pairs of its two steps
        assert squeezed.count("ขั้นตอนเดียว") == squeezed.count("ขั้นตอนที่สอง")


def _qr_image(pdf: bytes):
    doc = pdfium.PdfDocument(pdf)
    try:
        last = doc[len(doc) - 1]
        images = [o for o in last.get_objects() if o.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE]
        bitmap = images[-1].get_bitmap(render=False)
        width, height, stride, channels = (
            bitmap.width,
            bitmap.height,
            bitmap.stride,
            bitmap.n_channels,
        )
        data = bytes(bitmap.buffer)
        dark = [
            [data[y * stride + x * channels] < 128 for x in range(width)] for y in range(height)
        ]
        return dark, len(doc)
    finally:
        doc.close()


def test_the_verification_line_once_at_the_end_with_its_qr_code(implementation, pdf_reader):
    check = implementation.verification
    assert isinstance(check, Verification)
    pdf = render_pdf(implementation)
    pages = [pdf_reader.squeeze(t) for t in page_body_texts(pdf)]
    sentence = pdf_reader.squeeze(check.sentence())
    assert sentence.startswith("ตรวจสอบเอกสารฉบับนี้ได้ที่http")
    assert sentence in pages[-1] and not any(sentence in p for p in pages[:-1])
    assert all("ตรวจสอบประวัติ" not in p for p in pages)  # the old footer is gone
    # The QR code reads as the address: the embedded image is its matrix, module by module.
    dark, _ = _qr_image(pdf)
    matrix = qr_matrix(check.url)
    size = len(matrix) + 2 * BORDER
    assert len(dark) == len(dark[0]) == size
    inner = [row[BORDER : BORDER + len(matrix)] for row in dark[BORDER : BORDER + len(matrix)]]
    assert inner == matrix
    assert not any(any(row) for row in dark[:BORDER])  # the quiet zone is blank
    assert qr_matrix(check.url + "x") != matrix  # the comparison can fail


def test_the_docx_ends_with_the_same_verification(implementation):
    check = implementation.verification
    document = Document(io.BytesIO(render_docx(implementation)))
    last = document.paragraphs[-1]
    assert " ".join(last.text.split()) == check.sentence()
    blips = last._p.xpath(".//a:blip/@r:embed")
    assert len(blips) == 1
    assert document.part.related_parts[blips[0]].blob == qr_png(check.url, scale=8)
    # Only there: no footer carries it, and no other paragraph.
    section = document.sections[0]
    for footer in (section.footer, section.first_page_footer):
        assert "ตรวจสอบ" not in "".join(p.text for p in footer.paragraphs)
    assert sum("รหัสตรวจสอบ" in p.text for p in document.paragraphs) == 1
    # An importer reading the file back takes it for what it is, not for body text.
    assert is_page_artefact(last.text)


def _row_flags(docx: bytes):
    from docx.oxml.ns import qn

    table = Document(io.BytesIO(docx)).tables[0]
    flags = []
    for row in table.rows:
        tr_pr = row._tr.find(qn("w:trPr"))
        flags.append(
            (tr_pr.find(qn("w:tblHeader")) is not None, tr_pr.find(qn("w:cantSplit")) is not None)
        )
    return flags


def test_the_docx_splits_the_rows_the_pdf_splits(implementation):
    """Word gets the PDF's rule: a tall row may split (no cantSplit), a short one moves
    whole, the header repeats."""
    memo = _tall_row_memo(implementation)
    table = memo.body[1]
    short = Row([Cell("(๒) มาตรการสั้น"), Cell("ขั้นตอนเดียว\nขั้นตอนที่สอง")])
    memo.body[1] = dataclasses.replace(table, rows=[*table.rows, short])
    # (header, cantSplit) per row: the header never splits, the 40 steps may, the short not
    assert _row_flags(render_docx(memo)) == [(True, True), (False, False), (False, True)]
