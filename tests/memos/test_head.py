"""The memo's head and signer: the defaults (dated inside the fiscal year, never the day of
rendering) and the values an agency stored, in the model, the DOCX and the PDF."""

import datetime as dt
import io

import docx
import pytest

from prongsai.demo.agency import YEAR
from prongsai.imports.lint import lint_file
from prongsai.memos.builders import implementation as build_implementation
from prongsai.memos.builders import measures as build_measures
from prongsai.memos.head import MemoHead, monitoring_date
from prongsai.memos.model import TICK
from prongsai.memos.service import build_memo, default_head, memo_date, render_memo

HEAD = MemoHead(
    date=dt.date(2022, 4, 5),
    number="๒๕๐",
    subject="รายงานผลการดำเนินการตามมาตรการ รอบ ๖ เดือน",
    addressee="นายกเทศมนตรีตำบลอุ่มเม่า (ผ่านปลัดเทศบาล)",
    signer_name="นางสาวใจดี ซื่อตรง",
    signer_title="หัวหน้าสำนักปลัดเทศบาล รักษาราชการแทนปลัดเทศบาล",
)


def squeeze(text: str) -> str:
    return "".join(text.split())


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    return squeeze("\n".join(p.text for p in document.paragraphs))


@pytest.mark.parametrize(
    ("kind", "fiscal_year", "expected"),
    [
        # The half-year report: the end of the half-year it covers.
        ("implementation", 2565, dt.date(2022, 3, 31)),
        ("implementation", 2570, dt.date(2027, 3, 31)),
        # The measures: the first weekday of the fiscal year (1 Oct 2021 was a Friday) …
        ("measures", 2565, dt.date(2021, 10, 1)),
        # … or the Monday after (1 Oct 2022 was a Saturday, 1 Oct 2023 a Sunday).
        ("measures", 2566, dt.date(2022, 10, 3)),
        ("measures", 2567, dt.date(2023, 10, 2)),
    ],
)
def test_monitoring_date_lies_inside_the_fiscal_year(kind, fiscal_year, expected):
    assert monitoring_date(kind, fiscal_year) == expected


def test_defaults_come_from_the_agency_and_the_year(demo):
    head = default_head(demo, YEAR, "measures")
    assert head == MemoHead(
        date=dt.date(2021, 10, 1),
        number="",
        subject="มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๕",
        addressee=demo.head_title,
        signer_name=demo.signer_name,
        signer_title=demo.signer_position,
    )


@pytest.mark.parametrize("kind", ["implementation", "measures"])
def test_without_a_date_a_past_years_memo_keeps_its_own_year(demo, kind):
    memo = build_memo(demo, YEAR, kind, today=dt.date(2026, 12, 2))
    assert memo.header.date == monitoring_date(kind, YEAR)
    assert memo_date(demo, YEAR, kind) == monitoring_date(kind, YEAR)


def test_the_status_is_read_as_of_the_memos_date(demo):
    memo = build_implementation.build(demo, YEAR, today=dt.date(2026, 12, 2))
    text = "\n".join(p.text for p in memo.paragraphs())
    assert "ข้อมูล ณ วันที่ ๓๑ มีนาคม ๒๕๖๕" in text
    (status,) = memo.tables("status")
    assert any(TICK in c.text for r in status.body_rows() for c in r.cells[3:])  # done ones


def test_a_date_still_to_come_reads_the_status_as_of_today(demo):
    # Building the year's report in January: dated 31 March, its data as of that day.
    memo = build_implementation.build(demo, YEAR, today=dt.date(2022, 1, 15))
    assert memo.header.date == dt.date(2022, 3, 31)
    text = "\n".join(p.text for p in memo.paragraphs())
    assert "ข้อมูล ณ วันที่ ๑๕ มกราคม ๒๕๖๕" in text
    (status,) = memo.tables("status")
    # The demo reported everything on 31 March: nothing had started on 15 January.
    assert all(TICK in r.cells[2].text for r in status.body_rows())


@pytest.mark.parametrize("builder", [build_implementation.build, build_measures.build])
def test_the_head_given_is_the_head_printed(demo, builder):
    memo = builder(demo, YEAR, head=HEAD)
    h = memo.header
    assert h.date == HEAD.date
    assert h.document_number == "กส ๗๓๖๐๑/๒๕๐"
    assert h.subject == HEAD.subject
    assert h.addressee == HEAD.addressee
    assert memo.signature is not None
    assert (memo.signature.name, memo.signature.position) == (
        HEAD.signer_name,
        HEAD.signer_title,
    )


def test_blank_fields_keep_their_defaults_and_digits_follow_the_memo(demo):
    memo = build_implementation.build(
        demo, YEAR, head=MemoHead(number="250"), thai_digits=False, as_of=dt.date(2022, 3, 31)
    )
    assert memo.header.document_number == "กส 73601/250"
    assert memo.header.addressee == demo.head_title
    assert memo.signature is not None
    assert memo.signature.position == demo.signer_position


def test_a_date_given_as_of_dates_a_memo_without_a_stored_date(demo):
    as_of = dt.date(2022, 2, 28)
    assert build_memo(demo, YEAR, "implementation", as_of=as_of).header.date == as_of
    # … and a head given with its own date keeps it, the data as of `as_of`.
    memo = build_memo(demo, YEAR, "implementation", as_of=as_of, head=HEAD)
    assert memo.header.date == HEAD.date
    assert "ข้อมูล ณ วันที่ ๒๘ กุมภาพันธ์ ๒๕๖๕" in "\n".join(p.text for p in memo.paragraphs())


def test_the_head_is_in_the_docx(demo):
    file = render_memo(demo, YEAR, "implementation", "docx", head=HEAD)
    assert file.filename == "ummao-2565-implementation-2022-04-05.docx"
    text = docx_text(file.content)
    for expected in (
        "กส๗๓๖๐๑/๒๕๐",
        "๕เมษายน๒๕๖๕",
        HEAD.subject,
        "เรียน" + HEAD.addressee,
        f"({HEAD.signer_name})",
        HEAD.signer_title,
    ):
        assert squeeze(expected) in text, expected


def test_the_head_is_in_the_pdf(demo, pdf_reader):
    file = render_memo(demo, YEAR, "measures", "pdf", head=HEAD)
    text = squeeze(" ".join(line for page in pdf_reader.pages(file.content) for line, _ in page))
    for expected in (
        "กส๗๓๖๐๑/๒๕๐",
        "๕เมษายน๒๕๖๕",
        HEAD.subject,
        HEAD.addressee,
        f"({HEAD.signer_name})",
        HEAD.signer_title,
    ):
        assert squeeze(expected) in text, expected


@pytest.mark.parametrize("kind", ["implementation", "measures"])
def test_a_past_years_memo_rendered_today_lints_clean(demo, kind):
    """Rendered with no date, the FY 2565 memo is dated in 2565, so prongsai's own linter,
    reading the file back, finds no year in it that does not fit."""
    file = render_memo(demo, YEAR, kind, "docx")
    findings = lint_file(file.content, file.filename)
    assert [f for f in findings if f.code == "year_mismatch"] == []
    assert file.filename.endswith(f"-{monitoring_date(kind, YEAR).isoformat()}.docx")
