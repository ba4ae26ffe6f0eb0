"""The memo linter on the seed, on DOCX memos of other agencies (clean and with planted
errors) and on every memo prongsai generates."""

import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from prongsai.demo.agency import AS_OF, YEAR
from prongsai.imports.lint import CODES, band_problem, lint_file, lint_memo, rules_for
from prongsai.imports.parse import parse_file
from prongsai.memos.model import TICK, Cell, Header, Memo, Paragraph, Row, Table
from prongsai.memos.render_docx import render_docx
from prongsai.memos.service import BUILDERS

DATA = Path(__file__).resolve().parent.parent / "data"
sys.path.insert(0, str(DATA))
from make_docx_fixtures import PLANTED  # noqa: E402

SEED = DATA / "seed-ummao-2565.txt"
CLEAN_DOCX = ["clean-khonkaen.docx", "merged-nakhonratchasima.docx", "long-20pages.docx"]


def codes(findings):
    return {f.code for f in findings}


@pytest.fixture(scope="module")
def seed_findings():
    return lint_file(SEED)


def test_the_seed_shows_all_the_errors_of_a_copied_template(seed_findings):
    assert {"mixed_digits", "province_code", "foreign_agency", "year_mismatch", "misspelling"} <= (
        codes(seed_findings)
    )


def test_seed_mixed_digits(seed_findings):
    numbers = {
        f.message.split("“")[1].split("”")[0] for f in seed_findings if f.code == "mixed_digits"
    }
    assert {"๓1", "824๐๑/205", "๒๕๖5", "๒๕65", "๐-43601525"} <= numbers
    date = [f for f in seed_findings if f.code == "mixed_digits" and f.where == "วันที่"]
    assert {f.excerpt for f in date} == {"๓1 มีนาคม ๒๕65"}


def test_seed_province_code(seed_findings):
    (finding,) = [f for f in seed_findings if f.code == "province_code"]
    assert finding.where == "ที่" and finding.excerpt == "สท 824๐๑/205"
    assert "สุโขทัย" in finding.message and "กาฬสินธุ์" in finding.message and "กส" in finding.message
    assert "Sukhothai" in finding.message_en and "Kalasin" in finding.message_en


def test_seed_foreign_agency(seed_findings):
    (finding,) = [f for f in seed_findings if f.code == "foreign_agency"]
    assert "องค์การบริหารส่วนตำบลสามเรือน" in finding.excerpt
    assert "เทศบาลตำบลอุ่มเม่า" in finding.message
    assert finding.where.startswith("ย่อหน้า")


def test_seed_year_mismatch_is_the_2562_result(seed_findings):
    (finding,) = [f for f in seed_findings if f.code == "year_mismatch"]
    assert "๒๕๖๒" in finding.excerpt and "๒๕๖๔" in finding.message
    assert "2562" in finding.message_en and "2564" in finding.message_en


def test_seed_misspellings(seed_findings):
    wrong = [f.message.split("”")[0].lstrip("“") for f in seed_findings if f.code == "misspelling"]
    assert set(wrong) == {"เว็ปไซด์", "ปฎิบัติ"}
    assert wrong.count("เว็ปไซด์") == 7  # in both tables, the three evidence notes included


def test_seed_has_no_band_or_status_finding(seed_findings):
    """82.48 is B under the 2562 rules; every measure has one tick in the status table."""
    assert not codes(seed_findings) & {"band_mismatch", "status_missing"}


def test_findings_have_thai_and_english_messages_and_a_place(seed_findings):
    for f in seed_findings:
        assert f.code in CODES
        assert f.message and f.message_en and f.excerpt and f.where
        assert any("\u0e01" <= ch <= "\u0e5b" for ch in f.message)
        assert any("a" <= ch <= "z" for ch in f.message_en)


# ------------------------------------------------------------------ DOCX of other agencies


@pytest.mark.parametrize("name", CLEAN_DOCX)
def test_clean_memos_have_no_finding(name):
    assert lint_file(DATA / name) == []


def test_every_planted_error_is_found():
    findings = lint_file(DATA / "planted-errors-chiangmai.docx")
    assert codes(findings) == set(CODES)
    for code, text in PLANTED:
        matching = [f for f in findings if f.code == code and text in f.excerpt + f.message]
        assert matching, f"planted {code} ({text}) not found"
    # Nothing else: each finding is one of the planted errors (repeated in both tables).
    for f in findings:
        assert any(f.code == code and text in f.excerpt + f.message for code, text in PLANTED), f


def test_status_missing_names_each_problem():
    findings = [
        f for f in lint_file(DATA / "planted-errors-chiangmai.docx") if f.code == "status_missing"
    ]
    assert sorted(f.message_en.split("”")[-1].strip() for f in findings) == [
        "has more than one status ticked",
        "has no row in the status table",
        "has no status ticked",
    ]
    assert {f.where for f in findings} == {"ตาราง 2 แถว 4", "ตาราง 2 แถว 6", "ตาราง 1 แถว 5"}


# ------------------------------------------------------------------ documents prongsai makes


@pytest.mark.parametrize("kind", sorted(BUILDERS))
@pytest.mark.parametrize("previous", [None, (82.48, "B"), (95.0, "AA")])
def test_every_generated_memo_is_clean(demo, kind, previous):
    memo = BUILDERS[kind](demo, YEAR, as_of=AS_OF, previous_result=previous)
    assert lint_memo(memo) == []
    # ... and so is the DOCX it renders, read back.
    assert lint_memo(parse_file(render_docx(memo), "memo.docx")) == []


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_generated_memos_with_arabic_digits_are_clean(demo, kind):
    memo = BUILDERS[kind](demo, YEAR, as_of=AS_OF, thai_digits=False)
    assert lint_memo(memo) == []


def test_a_generated_memo_citing_another_year_is_caught(demo):
    memo = BUILDERS["implementation"](demo, YEAR, as_of=AS_OF, previous_result=(82.48, "B"))
    for block in memo.body:
        if isinstance(block, Paragraph):
            block.text = block.text.replace("๒๕๖๔", "๒๕๖๒")
    assert "year_mismatch" in codes(lint_memo(memo))


# ------------------------------------------------------------------ the rules one by one


def _memo(*paragraphs, number="กส ๗๓๖๐๑/๑", date=dt.date(2022, 3, 31), tables=()):
    return Memo(
        header=Header(
            department="สำนักปลัด เทศบาลตำบลอุ่มเม่า",
            document_number=number,
            date=date,
            subject="รายงานผล",
            addressee="นายกเทศมนตรีตำบลอุ่มเม่า",
        ),
        body=[Paragraph(p) for p in paragraphs] + list(tables),
        agency_name="เทศบาลตำบลอุ่มเม่า",
        province="กาฬสินธุ์",
    )


def test_mixed_digits_only_within_one_number():
    assert lint_memo(_memo("ข้อ ๑ มี 2 ส่วน ปี ๒๕๖๕")) == []
    (f,) = lint_memo(_memo("วันที่ ๓๑/๐3/๒๕๖๕"))
    assert f.code == "mixed_digits" and "๓๑/๐3/๒๕๖๕" in f.message


def test_province_code_of_a_ministry_or_without_province_is_not_judged():
    assert lint_memo(_memo(number="มท ๐๘๐๘.๒/ว ๑๒๓")) == []
    memo = _memo(number="สท ๗๓๖๐๑/๑")
    memo.province = ""
    memo.header.department = "สำนักปลัด"
    assert "province_code" not in codes(lint_memo(memo))


def test_province_code_option_overrides():
    memo = _memo(number="กส ๗๓๖๐๑/๑")
    assert codes(lint_memo(memo, province="สุโขทัย")) == {"province_code"}


def test_foreign_agency_by_abbreviation_and_by_the_head_title():
    findings = lint_memo(_memo("ตามที่ อบต.สามเรือน ได้ดำเนินการ", "เรียน นายกเทศมนตรีตำบลบ้านแป้น"))
    assert [f.code for f in findings] == ["foreign_agency", "foreign_agency"]
    assert "องค์การบริหารส่วนตำบลสามเรือน" in findings[0].message
    assert "เทศบาลตำบลบ้านแป้น" in findings[1].message


def test_own_agency_in_any_form_is_not_foreign():
    memo = _memo(
        "ของเทศบาลตำบลอุ่มเม่าลงวันที่ ๓๑ มีนาคม ๒๕๖๕",
        "ทต.อุ่มเม่า และนายกเทศมนตรีตำบลอุ่มเม่า",
        "องค์กรปกครองส่วนท้องถิ่นทุกแห่ง และเทศบาลตำบลทุกแห่งในจังหวัด",
    )
    assert lint_memo(memo) == []


def test_the_agency_option_decides_which_agency_is_own():
    memo = _memo("ตามที่องค์การบริหารส่วนตำบลสามเรือน ได้ดำเนินการ")
    memo.agency_name = ""
    assert "foreign_agency" in codes(lint_memo(memo))
    found = lint_memo(memo, agency_name="องค์การบริหารส่วนตำบลสามเรือน")
    assert [f.message_en for f in found if f.code == "foreign_agency"] == [
        "the text names เทศบาลตำบลอุ่มเม่า, not the document's own agency (องค์การบริหารส่วนตำบลสามเรือน)"
    ] * 2  # the department line and the addressee


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๔ มีค่าคะแนน ๘๘.๑๐", False),
        ("ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๕ มีค่าคะแนน ๘๘.๑๐", False),
        ("ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๓ มีค่าคะแนน ๘๘.๑๐", True),
        ("ผลการประเมิน ITA ปี ๒๕๖๖ ได้คะแนน ๘๘.๑๐", True),
        ("แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๖", False),
        ("แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๐", True),
        ("ตามระเบียบ พ.ศ. ๒๕๒๖ และ พ.ศ. ๒๕๖๔", False),
        ("เมื่อปี พ.ศ. ๒๕๕๐ ได้จัดตั้ง", False),
    ],
)
def test_year_mismatch(sentence, found):
    assert ("year_mismatch" in codes(lint_memo(_memo(sentence)))) is found


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("ผล ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๔ มีค่าคะแนนเท่ากับ ๘๒.๔๘ อยู่ในระดับ B", False),
        ("ผล ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๔ มีค่าคะแนนเท่ากับ ๘๒.๔๘ อยู่ในระดับ A", True),
        ("ผล ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๔ ได้คะแนน ๙๕.๐๐ คะแนน อยู่ในระดับ AA", False),
        ("ผล ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๔ ได้คะแนน 84.99 อยู่ในระดับ A", True),
        ("ผล ITA ปีงบประมาณ ๒๕๖๔ ได้คะแนน ๘๔.๙๙ (ผ่าน)", True),
        ("ผล ITA ปีงบประมาณ ๒๕๖๔ ได้คะแนน ๘๕.๐๐ (ผ่าน)", False),
        ("คะแนน ๗๐.๐๐ ผลการประเมิน ไม่ผ่าน", False),
        ("คะแนน ๙๐.๐๐ ผลการประเมิน ไม่ผ่าน", True),
        ("ได้คะแนน ๘๐ และเผยแพร่ผ่านเว็บไซต์", False),  # "ผ่าน" as "via" is no rating
    ],
)
def test_band_mismatch(sentence, found):
    assert ("band_mismatch" in codes(lint_memo(_memo(sentence)))) is found


def test_band_rules_per_year():
    assert rules_for(2561) is None  # before the seven bands: not judged
    assert band_problem(2565, Decimal("91.20"), "B")
    assert band_problem(2565, Decimal("91.20"), "A") is None
    assert band_problem(2566, Decimal("92.10"), "ผ่าน") is None
    assert band_problem(2566, Decimal("84.00"), "ผ่าน")
    assert band_problem(2567, Decimal("96.00"), "ผ่านดีเยี่ยม") is None
    assert band_problem(2567, Decimal("80.00"), "ผ่านดี")
    assert band_problem(2567, Decimal("80.00"), "ต้องปรับปรุง") is None
    assert band_problem(2567, Decimal("96.00"), "ต้องปรับปรุง")
    assert band_problem(2567, Decimal("65.00"), "ต้องปรับปรุงโดยด่วน") is None


def test_years_without_rules_of_their_own_borrow_the_frameworks():
    from prongsai.ita.framework import available_years, load_framework

    def bands(year):
        return [(b.code, b.minimum, b.maximum) for b in load_framework(year).rules.bands]

    first, last = available_years()[0], available_years()[-1]
    with_bands = [y for y in available_years() if bands(y)]
    # Before the first framework: the earliest bands; after 2565, the last ones, by habit.
    assert list(rules_for(first - 1).bands) == bands(with_bands[0])
    assert list(rules_for(last).bands) == bands(with_bands[-1])
    # After the last framework: its rating levels, no longer an old year's.
    labels = [r.label_th for r in load_framework(last).rules.ratings]
    assert [label for label, _, _ in rules_for(last + 1).ratings] == labels
    assert band_problem(last + 1, Decimal("80.00"), "ต้องปรับปรุง") is None
    assert band_problem(last + 1, Decimal("60.00"), "ต้องปรับปรุง")


def _status_table(*marks):
    head = Row(
        [
            Cell("มาตรการ"),
            Cell("ยังไม่ดำเนินการ"),
            Cell("อยู่ระหว่างดำเนินการ"),
            Cell("ดำเนินการเสร็จเรียบร้อยแล้ว"),
        ],
        header=True,
    )
    rows = [Row([Cell(f"มาตรการที่ {i}"), *(Cell(m) for m in row)]) for i, row in enumerate(marks, 1)]
    return Table(columns=[1, 1, 1, 1], rows=[head, *rows], role="status")


def test_status_rows_need_exactly_one_tick():
    table = _status_table(("", TICK, ""), ("-", "-", "-"), ("/", "", "✓"), ("", "", "✔\n(ภาพถ่าย)"))
    findings = lint_memo(_memo(tables=[table]))
    assert [(f.code, f.where) for f in findings] == [
        ("status_missing", "ตาราง 1 แถว 3"),
        ("status_missing", "ตาราง 1 แถว 4"),
    ]


def test_measures_are_paired_with_status_rows_worded_differently():
    measures = Table(
        columns=[1, 1, 1, 1],
        rows=[
            Row(
                [Cell("มาตรการ"), Cell("ขั้นตอนหรือวิธีการ"), Cell("ผู้รับผิดชอบ"), Cell("การกำกับติดตาม")],
                header=True,
            ),
            Row([Cell("(๑) ควรมีมาตรการลดขั้นตอนในการให้บริการ"), Cell("-"), Cell("กองคลัง"), Cell("")]),
            Row([Cell("(๒) การเผยแพร่ข้อมูลข่าวสาร"), Cell("-"), Cell("กองคลัง"), Cell("")]),
        ],
        role="measures",
    )
    status = _status_table(("", "", TICK))
    status.rows[1].cells[0].text = "มีมาตรการลดขั้นตอนในการให้บริการ"
    findings = lint_memo(_memo(tables=[measures, status]))
    assert [(f.code, f.where, f.excerpt) for f in findings] == [
        ("status_missing", "ตาราง 1 แถว 3", "การเผยแพร่ข้อมูลข่าวสาร")
    ]
