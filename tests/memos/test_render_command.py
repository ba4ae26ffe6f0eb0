"""`prongsai render`: the demo agency's memos as files from the command line."""

import io

import docx
import pypdfium2 as pdfium
import pytest
from django.core.management import CommandError, call_command
from tests.pending_catalogue import refusal


def render(tmp_path, *args):
    out = tmp_path / "memo.out"
    call_command(
        "render",
        "--agency",
        "ummao",
        "--year",
        "2565",
        "--output",
        str(out),
        *args,
        stderr=io.StringIO(),
    )
    return out.read_bytes()


def pdf_text(data: bytes) -> str:
    doc = pdfium.PdfDocument(data)
    try:
        return "".join(page.get_textpage().get_text_range() for page in doc)
    finally:
        doc.close()


def test_implementation_pdf(demo, tmp_path):
    data = render(tmp_path, "--kind", "implementation", "--format", "pdf", "--as-of", "2022-03-31")
    assert data.startswith(b"%PDF-")
    text = "".join(pdf_text(data).split())
    assert "๓๑มีนาคม๒๕๖๕" in text
    assert "ดำเนินการเสร็จเรียบร้อยแล้ว" in text


def test_implementation_docx(demo, tmp_path):
    data = render(tmp_path, "--kind", "implementation", "--format", "docx", "--as-of", "2022-03-31")
    document = docx.Document(io.BytesIO(data))
    assert len(document.tables) == 2
    assert len(document.tables[0].rows) == 7


def test_measures_docx_and_pdf(demo, tmp_path):
    assert render(tmp_path, "--kind", "measures", "--format", "docx").startswith(b"PK")
    assert render(tmp_path, "--kind", "measures", "--format", "pdf").startswith(b"%PDF-")


def test_arabic_digits(demo, tmp_path):
    data = render(tmp_path, "--format", "pdf", "--as-of", "2022-03-31", "--arabic-digits")
    assert "31 มีนาคม 2565" in pdf_text(data)


@pytest.mark.parametrize(
    ("args", "thai", "english"),
    [
        (["--agency", "nowhere"], "ไม่พบหน่วยงาน", "no such agency"),
        (["--kind", "budget"], "ไม่รู้จักชนิดเอกสาร", "unknown document kind"),
        (["--format", "odt"], "ไม่รู้จักรูปแบบไฟล์", "unknown format"),
        (["--as-of", "31/03/2565"], "วันที่ไม่ถูกต้อง", "invalid date"),
    ],
)
def test_clear_errors_in_thai_or_english(demo, tmp_path, args, thai, english):
    base = {"--agency": "ummao", "--kind": "implementation", "--format": "pdf"}
    base.update(dict(zip(args[::2], args[1::2], strict=True)))
    argv = [x for pair in base.items() for x in pair]
    found = refusal(
        CommandError,
        lambda: call_command("render", *argv, "--year", "2565", "--output", str(tmp_path / "x")),
    )
    assert found.th.startswith(thai) and found.en.startswith(english)
    assert not (tmp_path / "x").exists()
