"""The measures memo opens with the analysis of the agency's own previous result."""

from prongsai.imports.lint import lint_memo
from prongsai.memos.service import build_memo


def paragraphs(memo):
    return " ".join(p.text for p in memo.paragraphs())


def test_measures_memo_cites_previous_result_and_weaknesses(demo):
    memo = build_memo(demo, 2565, "measures", thai_digits=False)
    text = paragraphs(memo)
    assert "ประจำปีงบประมาณ พ.ศ. 2564 ของเทศบาลตำบลอุ่มเม่า" in text
    assert "อยู่ในระดับ A" in text
    assert "ตัวชี้วัดที่ 10 การป้องกันการทุจริต" in text
    # the failed item with the most points at stake comes first among the items
    assert text.index("ข้อ O42") < text.index("ข้อ O31")
    assert lint_memo(memo) == []


def test_measures_memo_without_result_has_no_analysis(demo):
    memo = build_memo(demo, 2567, "measures")
    assert "ประเด็นที่ต้องปรับปรุง" not in paragraphs(memo)
    assert lint_memo(memo) == []


def test_memo_is_thai_even_from_an_english_screen(demo):
    from django.utils import translation

    with translation.override("en"):
        memo = build_memo(demo, 2565, "implementation")
    status_table = memo.tables("status")[0]
    headings = [c.text for row in status_table.header_rows() for c in row.cells]
    assert "ดำเนินการเสร็จเรียบร้อยแล้ว" in headings and "Done" not in headings
