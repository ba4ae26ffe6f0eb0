"""`prongsai render`: the demo agency's memos as files from the command line."""

import io

import docx
import pypdfium2 as pdfium
import pytest
from django.core.management import CommandError, call_command


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


def render_error(tmp_path, args):
    base = {"--agency": "ummao", "--kind": "implementation", "--format": "pdf", "--year": "2565"}
    base.update(dict(zip(args[::2], args[1::2], strict=True)))
    argv = [x for pair in base.items() for x in pair]
    with pytest.raises(CommandError) as info:
        call_command("render", *argv, "--output", str(tmp_path / "x"))
    assert not (tmp_path / "x").exists()
    return str(info.value)


def test_an_unknown_agency_is_named(demo, tmp_path):
    message = render_error(tmp_path, ["--agency", "nowhere"])
    assert message == "ไม่พบหน่วยงาน “nowhere”"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        # argparse refuses the value and lists what it accepts.
        (["--kind", "budget"], ["--kind", "'budget'", "implementation", "measures"]),
        (["--format", "odt"], ["--format", "'odt'", "pdf", "docx"]),
        (["--as-of", "31/03/2565"], ["--as-of", "วันที่ไม่ถูกต้อง", "'31/03/2565'"]),
        (["--year", "2022"], ["--year", "ปีงบประมาณไม่ถูกต้อง", "'2022'"]),
    ],
)
def test_bad_options_are_refused_before_anything_is_written(db, tmp_path, args, expected):
    message = render_error(tmp_path, args)
    assert all(part in message for part in expected), message


def test_the_format_may_be_written_in_capitals(demo, tmp_path):
    assert render(tmp_path, "--format", "DOCX")[:2] == b"PK"


def _set_measures_head(**fields):
    from prongsai.agencies.models import Membership
    from prongsai.memos.head import MemoHead
    from prongsai.public.services_heads import set_report_head

    coordinator = Membership.objects.select_related("agency", "user").get(
        user__username="ummao-coordinator"
    )
    set_report_head(
        membership=coordinator,
        fiscal_year=2565,
        kind="measures",
        head=MemoHead(**fields),
        expected_version=0,
    )


@pytest.mark.parametrize("kind", ["implementation", "measures"])
def test_without_as_of_the_memo_is_dated_in_its_own_year_and_lints_clean(demo, tmp_path, kind):
    from prongsai.imports.lint import lint_file
    from prongsai.imports.parse import parse_file
    from prongsai.memos.head import monitoring_date

    data = render(tmp_path, "--kind", kind, "--format", "docx")
    assert parse_file(data, "memo.docx").header.date == monitoring_date(kind, 2565)
    assert [f for f in lint_file(data, "memo.docx") if f.code == "year_mismatch"] == []


def test_the_reports_stored_head_is_used_and_as_of_overrides_its_date(demo, tmp_path):
    import datetime as dt

    _set_measures_head(date=dt.date(2021, 11, 15), number="๔๒", signer_name="นางสาวใจดี ซื่อตรง")
    text = "".join(pdf_text(render(tmp_path, "--kind", "measures", "--format", "pdf")).split())
    assert "๑๕พฤศจิกายน๒๕๖๔" in text and "กส๗๓๖๐๑/๔๒" in text
    assert "(นางสาวใจดีซื่อตรง)" in text
    args = ("--kind", "measures", "--format", "pdf", "--as-of", "2022-03-31")
    text = "".join(pdf_text(render(tmp_path, *args)).split())
    assert "๓๑มีนาคม๒๕๖๕" in text and "๑๕พฤศจิกายน" not in text
    assert "(นางสาวใจดีซื่อตรง)" in text and "กส๗๓๖๐๑/๔๒" in text
