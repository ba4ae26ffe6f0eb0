"""The fiscal year of an imported memo is read from its words, the date only as a fallback,
and the preview says where it was read."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.imports.identity import fiscal_year_reading
from prongsai.imports.mapping import ImportResult, recover
from prongsai.imports.parse import parse_file
from prongsai.imports.parse.text import parse_text
from prongsai.memos.model import Cell, Header, Memo, Paragraph, Row, Table
from prongsai.memos.render_docx import render_docx
from prongsai.memos.service import build_memo
from prongsai.thai.dates import fiscal_year_of

from .test_import_views import _urls, upload_url  # noqa: F401 - the imports' URLs

TODAY = dt.date.today()


@pytest.mark.parametrize("kind", ["implementation", "measures"])
def test_our_own_memo_of_2565_dated_today_is_of_2565(demo, kind):
    """Dated today (fiscal year 2569 or 2570), the memo is about 2565, as its text says."""
    assert fiscal_year_of(TODAY) > 2566
    memo = build_memo(demo, 2565, kind, as_of=TODAY)
    result = recover(parse_file(render_docx(memo), "memo.docx"))
    assert result.date == TODAY
    assert result.fiscal_year == 2565
    # the measures memo says the year in its subject, the report in its paragraphs
    assert result.fiscal_year_source == ("subject" if kind == "measures" else "body")
    assert ImportResult.from_dict(result.to_dict()).fiscal_year_source == result.fiscal_year_source


HEAD = "บันทึกข้อความ\nส่วนราชการ สำนักปลัด เทศบาลตำบลอุ่มเม่า\nที่ กส ๗๓๖๐๑/๑ วันที่ ๑ ธันวาคม ๒๕๖๙\n"


def _reading(subject: str, body: str, heading: str = "มาตรการ") -> tuple[int | None, str]:
    text = f"{HEAD}เรื่อง {subject}\nเรียน นายกเทศมนตรีตำบลอุ่มเม่า\n{body}\n"
    text += f"{heading}\nขั้นตอนหรือวิธีการ\nผู้รับผิดชอบ\n(๑) เผยแพร่ข้อมูล\n- ปรับปรุงเว็บไซต์\nกองคลัง\n"
    return fiscal_year_reading(parse_text(text))


def test_where_the_year_is_read_from():
    report = "รายงานผลการดำเนินการตามมาตรการ"
    assert _reading(f"{report} ประจำปีงบประมาณ พ.ศ. ๒๕๖๕", "ตามที่...") == (2565, "subject")
    assert _reading(report, "มาตรการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ ดังนี้") == (2566, "body")
    assert _reading(report, "ตามที่ได้กำหนดมาตรการไว้") == (2570, "date")
    # a paragraph over the table naming the year is body text
    title = "มาตรการ ปีงบประมาณ ๒๕๖๔"
    assert _reading(report, "ตามที่ได้กำหนดมาตรการไว้", title) == (2564, "body")


def test_the_year_in_a_table_heading():
    heading = Row(cells=[Cell("มาตรการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๔"), Cell("ผู้รับผิดชอบ")], header=True)
    body = Row(cells=[Cell("(๑) เผยแพร่ข้อมูล"), Cell("กองคลัง")])
    memo = Memo(
        header=Header(subject="รายงานผล", date=dt.date(2026, 12, 1)),
        body=[Paragraph("ตามที่ได้กำหนดมาตรการไว้"), Table(columns=[1, 1], rows=[heading, body])],
    )
    assert fiscal_year_reading(memo) == (2564, "table")
    memo.body = memo.body[:1]
    assert fiscal_year_reading(memo) == (2570, "date")
    memo.header.date = None
    assert fiscal_year_reading(memo) == (None, "")


def test_a_cited_result_is_not_the_year_of_the_memo():
    body = (
        "ผลการประเมินคุณธรรมและความโปร่งใส (ITA) ประจำปีงบประมาณ พ.ศ. ๒๕๖๔ มีค่าคะแนนเท่ากับ "
        "๘๕.๔๓ คะแนน จึงกำหนดมาตรการของปีงบประมาณ พ.ศ. ๒๕๖๕ ดังนี้"
    )
    assert _reading("รายงาน", body) == (2565, "body")
    only_cited = "ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๔ มีค่าคะแนนเท่ากับ ๘๕.๔๓ คะแนน"
    assert _reading("รายงาน", only_cited) == (2570, "date")


def test_the_preview_says_where_the_year_was_read(demo, coordinator, as_user):
    memo = build_memo(demo, 2565, "implementation", as_of=TODAY)
    upload = SimpleUploadedFile("memo.docx", render_docx(memo))
    response = as_user(coordinator).post(upload_url(2565), {"file": upload})
    assert response.status_code == 200
    page = response.content.decode()
    assert response.context["result"].fiscal_year == 2565
    assert 'id="year-source"' in page and "อ่านจากเนื้อความ" in page
    assert 'id="other-year"' not in page  # no longer taken for another year's memo
