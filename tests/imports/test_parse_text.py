"""The text parser on the seed (a Word memo exported as text) and on bad input."""

import datetime as dt
from pathlib import Path
from typing import NamedTuple

import pytest
from tests.pending_catalogue import in_english

from prongsai.imports.parse import ParseError, decode_text, parse_file
from prongsai.imports.parse.assemble import is_page_artefact
from prongsai.imports.parse.text import parse_text
from prongsai.memos.model import Paragraph, Table

DATA = Path(__file__).resolve().parent.parent / "data"
SEED = DATA / "seed-ummao-2565.txt"


@pytest.fixture(scope="module")
def seed():
    return parse_file(SEED)


def test_header_fields(seed):
    h = seed.header
    assert h.department == "สำนักปลัด เทศบาลตำบลอุ่มเม่า"
    assert h.telephone == "๐-43601525"
    assert h.document_number == "สท 824๐๑/205"
    assert h.date_text == "๓1 มีนาคม ๒๕65"
    assert h.date == dt.date(2022, 3, 31)
    assert h.subject == "รายงานผลการดำเนินการตามมาตรการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    assert h.addressee == "นายกเทศมนตรีตำบลอุ่มเม่า"


def test_identity_from_the_text(seed):
    assert seed.agency_name == "เทศบาลตำบลอุ่มเม่า"
    # "ของเทศบาลตำบลอุ่มเม่า อำเภอยางตลาด จังหวัดกาฬสินธุ์", not the Sukhothai of the copied text
    assert seed.province == "กาฬสินธุ์"
    assert seed.fiscal_year == 2565
    assert seed.signature is None  # the seed has none


def test_two_tables_continued_across_pages_are_merged(seed):
    tables = seed.tables()
    assert [t.role for t in tables] == ["measures", "status"]
    measures, status = tables
    assert len(measures.columns) == 4
    assert len(measures.header_rows()) == 1  # the heading repeated on page 2 is dropped
    assert len(measures.body_rows()) == 6
    assert len(status.columns) == 5
    assert len(status.header_rows()) == 2  # and the two on page 4
    assert len(status.body_rows()) == 6


def test_page_artefacts_are_dropped(seed):
    texts = [b.text for b in seed.body if isinstance(b, Paragraph)]
    assert not any(t.strip() in ("-๒-", "-๓-", "-๔-", "/ผลการ...") for t in texts)
    assert not any(set(t.strip()) == {"."} for t in texts)  # the dotted line under เรื่อง
    everything = "\n".join(text for _, text in seed.iter_text())
    assert "-๓-" not in everything and "/ผลการ..." not in everything


def test_cells_keep_their_lines_and_the_tick_with_its_note(seed):
    measures, status = seed.tables()
    first = measures.body_rows()[0].cells
    assert (
        first[0].text == "(๑)ให้ความรู้เรื่อง\nการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ"
    )
    assert first[2].text.split("\n") == ["สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษาฯ"]
    third = status.body_rows()[2].cells
    assert [c.text.split("\n")[0].strip() for c in third[2:]] == ["-", "-", "/"]
    assert third[4].text.split("\n")[1] == "(ตรวจสอบในเว็ปไซด์ของหน่วยงาน)"


def test_body_paragraphs_in_order(seed):
    texts = [b.text for b in seed.body if isinstance(b, Paragraph)]
    assert texts[0].startswith("ตามที่สำนักปลัด")
    assert texts[-1] == "ของเทศบาลตำบลอุ่มเม่า อำเภอยางตลาด จังหวัดกาฬสินธุ์"
    assert isinstance(seed.body[-1], Table)


@pytest.mark.parametrize(
    ("line", "artefact"),
    [
        ("-๒-", True),
        ("- ๓๙ -", True),
        ("-12-", True),
        ("/ผลการ...", True),
        ("/๕. มาตรการ…", True),
        ("....................................", True),
        ("-", False),
        ("/", False),
        ("(ตรวจสอบในเว็บไซต์ของหน่วยงาน)", False),
        ("ตามที่สำนักปลัด ได้รายงาน...", False),
    ],
)
def test_page_artefact_lines(line, artefact):
    assert is_page_artefact(line) is artefact


# ------------------------------------------------------------------ encodings


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp874", "tis_620"])
def test_the_seed_reads_the_same_in_every_encoding(encoding, seed):
    text = SEED.read_text("utf-8")
    memo = parse_file(text.encode(encoding), "seed.txt")
    assert memo.header == seed.header
    assert [t.role for t in memo.tables()] == ["measures", "status"]
    assert memo.tables()[0].rows[1].cells[0].text == seed.tables()[0].rows[1].cells[0].text


def test_utf16_without_bom_is_read():
    text = SEED.read_text("utf-8")
    assert decode_text(text.encode("utf-16-le")) == text


def test_crlf_line_ends(seed):
    text = SEED.read_text("utf-8").replace("\n", "\r\n")
    memo = parse_file(text.encode("utf-8"), "seed.txt")
    assert memo.header == seed.header
    assert len(memo.tables()[1].body_rows()) == 6


# ------------------------------------------------------------------ bad input


class Refusal(NamedTuple):
    th: str  # the message in Thai (the default language)
    en: str  # the same refusal with English active


def _rejects(data: bytes, filename: str = "memo.txt", **kwargs) -> Refusal:
    with pytest.raises(ParseError) as thai:
        parse_file(data, filename, **kwargs)
    with in_english(), pytest.raises(ParseError) as english:
        parse_file(data, filename, **kwargs)
    refusal = Refusal(str(thai.value), str(english.value))
    # One language each: Thai by default, English when English is active.
    assert refusal.th != refusal.en and " / " not in refusal.th
    return refusal


def test_empty_file():
    assert "empty" in _rejects(b"").en
    assert "empty" in _rejects(b"  \n\t\n").en


def test_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 5000)
    with pytest.raises(ParseError, match="^ไฟล์ใหญ่เกิน 0.00390625 MB$"):
        parse_file(path, max_bytes=4096)
    assert "larger than" in _rejects(b"x" * 5000, max_bytes=4096).en


def test_the_size_limit_comes_from_settings(settings):
    settings.UPLOAD_MAX_BYTES = 2048
    assert "larger than" in _rejects(SEED.read_bytes()).en


def test_binary_data():
    assert "not a text file" in _rejects(bytes(range(256)) * 4).en


def test_text_that_is_no_memo():
    assert "no memo header" in _rejects("สวัสดีครับ นี่ไม่ใช่บันทึกข้อความ\n".encode()).en


def test_known_binary_formats_say_what_they_are():
    assert "PDF" in _rejects(b"%PDF-1.7\n...").en
    assert ".doc" in _rejects(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "old.doc").en
    encrypted = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64 + "EncryptionInfo".encode("utf-16-le")
    )
    assert "password" in _rejects(encrypted, "secret.docx").en
    assert "image" in _rejects(b"\x89PNG\r\n\x1a\n" + b"\0" * 20, "x.png").en
    assert "RTF" in _rejects(b"{\\rtf1\\ansi hello}", "x.rtf").en


def test_a_text_file_named_docx_is_not_a_docx():
    assert "not a DOCX" in _rejects(SEED.read_bytes(), "memo.docx").en


def test_missing_file(tmp_path):
    with pytest.raises(ParseError, match="^ไม่พบไฟล์ .*nothing.txt$"):
        parse_file(tmp_path / "nothing.txt")
    with pytest.raises(ParseError, match="เป็นโฟลเดอร์ ไม่ใช่ไฟล์"):
        parse_file(tmp_path)


def test_tab_indented_paragraphs_are_not_a_table():
    text = (
        "บันทึกข้อความ\nส่วนราชการ สำนักปลัด องค์การบริหารส่วนตำบลบ้านหว้า\n"
        "ที่ ขก ๗๘๐๐๒/๑\nวันที่ ๑ ตุลาคม ๒๕๖๖\nเรื่อง ทดสอบ\nเรียน นายกองค์การบริหารส่วนตำบลบ้านหว้า\n"
        "\tตามที่องค์การบริหารส่วนตำบลบ้านหว้าได้ดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสแล้วนั้น\n"
        "\tจึงเรียนมาเพื่อโปรดทราบและพิจารณาดำเนินการต่อไปตามที่เห็นสมควรด้วย จักขอบคุณยิ่ง\n"
    )
    memo = parse_text(text)
    assert not memo.tables()
    assert [p.text[:6] for p in memo.paragraphs()] == ["ตามที่", "จึงเรี"]


def test_header_on_one_line_with_tabs():
    text = (
        "ส่วนราชการ\tสำนักปลัด เทศบาลตำบลโพธิ์กลาง\tโทร. ๐ ๔๔๒๑ ๓๓๔๕\n"
        "ที่\tนม ๕๒๒๐๑/๓๓\t\tวันที่\t๒๙ มีนาคม ๒๕๖๗\n"
        "เรื่อง\tรายงานผล\nเรียน\tนายกเทศมนตรีตำบลโพธิ์กลาง\nตามที่...\n"
    )
    h = parse_text(text).header
    assert (h.document_number, h.date) == ("นม ๕๒๒๐๑/๓๓", dt.date(2024, 3, 29))
    assert h.telephone == "๐ ๔๔๒๑ ๓๓๔๕"


def test_damaged_utf8_is_not_read_as_tis620():
    data = SEED.read_bytes()
    broken = data[:500] + b"\xff" + data[500:]
    error = _rejects(broken)
    assert "damaged UTF-8 text at byte" in error.en


def test_tis620_is_not_mistaken_for_damaged_utf8():
    text = SEED.read_text("utf-8")
    assert parse_file(text.encode("tis_620"), "seed.txt").header.document_number == "สท 824๐๑/205"
