"""The implementation report opens by citing the memo that set the measures: with its date
("ลงวันที่ …"), the item and its subject when they are known, and lint-clean either way."""

import datetime as dt

import pytest

from prongsai.demo.agency import YEAR
from prongsai.imports.lint import lint_memo
from prongsai.imports.parse import parse_file
from prongsai.memos.builders import implementation as build_implementation
from prongsai.memos.builders.common import Citation
from prongsai.memos.render_docx import render_docx
from prongsai.memos.service import build_memo

DATED = dt.date(2021, 11, 15)
MEASURES_SUBJECT = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๕"


def opening(memo) -> str:
    return memo.paragraphs()[0].text


def test_without_a_citation_the_opening_is_the_agencies_wording(implementation):
    text = opening(implementation)
    assert "ตามบันทึกข้อความ เรื่อง รายงานการวิเคราะห์ผลการประเมินคุณธรรม" in text
    assert "ลงวันที่" not in text and "ไว้ในข้อ" not in text


def test_the_citation_carries_the_date_the_item_and_the_subject(demo, as_of):
    memo = build_implementation.build(
        demo, YEAR, as_of=as_of, cites=Citation(dated=DATED, item="6")
    )
    text = opening(memo)
    assert text.endswith(
        "ให้ดีขึ้น ไว้ในข้อ ๖ ตามบันทึกข้อความ เรื่อง "
        f"{MEASURES_SUBJECT} ของเทศบาลตำบลอุ่มเม่า ลงวันที่ ๑๕ พฤศจิกายน ๒๕๖๔ มีรายละเอียดดังนี้"
    )
    assert lint_memo(memo) == []
    read_back = parse_file(render_docx(memo), "memo.docx")
    assert "ลงวันที่ ๑๕ พฤศจิกายน ๒๕๖๔" in opening(read_back)
    assert lint_memo(read_back) == []


@pytest.mark.parametrize("thai", [True, False])
def test_a_date_alone_and_a_subject_of_its_own(demo, as_of, thai):
    cites = Citation(dated=DATED, subject="มาตรการของเทศบาล ปี 2565")
    memo = build_implementation.build(demo, YEAR, as_of=as_of, cites=cites, thai_digits=thai)
    text = opening(memo)
    date = "๑๕ พฤศจิกายน ๒๕๖๔" if thai else "15 พฤศจิกายน 2564"
    year = "๒๕๖๕" if thai else "2565"
    assert f"เรื่อง มาตรการของเทศบาล ปี {year} ของเทศบาลตำบลอุ่มเม่า ลงวันที่ {date} มี" in text
    assert "ไว้ในข้อ" not in text
    assert lint_memo(memo) == []


def test_build_memo_gives_the_citation_to_the_implementation_report_only(demo, as_of):
    cites = Citation(dated=DATED)
    report = build_memo(demo, YEAR, "implementation", as_of=as_of, cites=cites)
    assert "ลงวันที่ ๑๕ พฤศจิกายน ๒๕๖๔" in opening(report)
    measures = build_memo(demo, YEAR, "measures", as_of=as_of, cites=cites)
    assert measures.header.subject == MEASURES_SUBJECT
    assert all("ลงวันที่" not in p.text for p in measures.paragraphs())
