"""The builders: the demo agency's memos from the database, status as of a date."""

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve

from prongsai.audit.sentences import verification_code
from prongsai.audit.services import chain_head
from prongsai.demo.agency import MEASURES, WEBSITE_NOTE, YEAR
from prongsai.measures.models import Measure
from prongsai.measures.services import create_measure, report_status
from prongsai.memos.builders import implementation as build_implementation
from prongsai.memos.builders import measures as build_measures
from prongsai.memos.model import TICK
from prongsai.thai.digits import has_arabic_digit, has_thai_digit

STATUS_COLUMN = {"not_started": 2, "in_progress": 3, "done": 4}
DEMO_STATUS = [m[4] for m in MEASURES]


def ticks(table):
    """For each body row of a status table: the grid columns holding a tick."""
    grid = table.grid()
    out = []
    for row, line in zip(table.rows, grid, strict=True):
        if row.header:
            continue
        out.append([c for c, cell in enumerate(line) if cell and TICK in cell.text])
    return out


def test_header_and_identity(demo, implementation, as_of):
    h = implementation.header
    assert h.department == "สำนักปลัด เทศบาลตำบลอุ่มเม่า"
    assert h.telephone == "๐-๔๓๖๐-๑๕๒๕"
    assert h.document_number.startswith("กส ๗๓๖๐๑/")
    assert h.date == as_of
    assert h.subject == ("รายงานผลการดำเนินการตามมาตรการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน")
    assert h.addressee == "นายกเทศมนตรีตำบลอุ่มเม่า"
    assert implementation.kind == "implementation"
    assert implementation.agency_name == "เทศบาลตำบลอุ่มเม่า"
    assert implementation.province == "กาฬสินธุ์"
    assert implementation.fiscal_year == YEAR
    # Where to check it: the agency's public page of the year, a real route of the site.
    check = implementation.verification
    assert check.code == verification_code(chain_head(demo))
    assert check.url == f"{settings.SITE_URL.rstrip('/')}/p/{demo.slug}/{YEAR}/"
    match = resolve(urlsplit(check.url).path)
    assert match.view_name == "public:year" and match.kwargs == {"slug": demo.slug, "year": YEAR}
    assert implementation.signature is not None
    assert implementation.signature.position == "หัวหน้าสำนักปลัดเทศบาล"


def test_measures_table(implementation):
    (table,) = implementation.tables("measures")
    header = [c.text for c in table.header_rows()[0].cells]
    assert header == ["มาตรการ", "ขั้นตอนหรือวิธีการ", "ผู้รับผิดชอบ", "การกำกับติดตาม"]
    rows = table.body_rows()
    assert len(rows) == 6
    thai_numbers = "๑๒๓๔๕๖"
    for n, (row, spec) in enumerate(zip(rows, MEASURES, strict=True)):
        title, steps, divisions = spec[0], spec[1], spec[2]
        assert row.cells[0].text == f"({thai_numbers[n]}) {title}"
        for step in steps:
            assert step in row.cells[1].text
        assert row.cells[2].text.split("\n") == divisions
        assert row.cells[3].text == "รายงานความก้าวหน้าและสรุปผล ณ ๓๑ มีนาคม ๒๕๖๕"
    assert rows[1].cells[1].text.startswith("- ควรปรับปรุงกระบวนงาน")  # several steps: a list


def test_status_table_one_tick_per_measure_with_the_note_under_it(implementation):
    (table,) = implementation.tables("status")
    head = table.header_rows()
    assert [c.text for c in head[0].cells] == ["มาตรการ", "ขั้นตอนหรือวิธีการ", "สถานะการดำเนินการ"]
    assert head[0].cells[2].colspan == 3
    assert [c.text for c in head[1].cells] == [
        "ยังไม่ดำเนินการ",
        "อยู่ระหว่างดำเนินการ",
        "ดำเนินการเสร็จเรียบร้อยแล้ว",
    ]
    assert ticks(table) == [[STATUS_COLUMN[s]] for s in DEMO_STATUS]
    done = table.body_rows()[2].cells[4].text
    assert done == f"{TICK}\n({WEBSITE_NOTE})"


def test_status_as_of_a_date_comes_from_the_history(demo, coordinator, as_of):
    measure = Measure.objects.get(agency=demo, fiscal_year=YEAR, number=1)
    later = as_of + dt.timedelta(days=30)
    report_status(
        actor=coordinator,
        measure=measure,
        status="done",
        note="จัดอบรมแล้ว",
        reported_on=later,
        links=["https://ummao.go.th/ita/o42-2565"],
    )
    before = build_implementation.build(demo, YEAR, as_of=as_of - dt.timedelta(days=1))
    assert ticks(before.tables("status")[0]) == [[STATUS_COLUMN["not_started"]]] * 6
    on_day = build_implementation.build(demo, YEAR, as_of=as_of)
    assert ticks(on_day.tables("status")[0])[0] == [STATUS_COLUMN["in_progress"]]
    after = build_implementation.build(demo, YEAR, as_of=later)
    (table,) = after.tables("status")
    assert ticks(table)[0] == [STATUS_COLUMN["done"]]
    cell = table.body_rows()[0].cells[4].text
    # The evidence link keeps its Arabic digits: a link with Thai digits no longer opens.
    assert cell == f"{TICK}\n(จัดอบรมแล้ว)\nhttps://ummao.go.th/ita/o42-2565"
    assert after.header.date == later


def test_default_date_is_the_years_monitoring_date_not_today(demo):
    memo = build_implementation.build(demo, YEAR)
    assert memo.header.date == dt.date(2022, 3, 31) != dt.date.today()


def test_previous_result_cites_the_agency_itself(demo, other_agency, as_of):
    memo = build_implementation.build(demo, YEAR, as_of=as_of, previous_result=(82.48, "B"))
    text = "\n".join(p.text for p in memo.paragraphs())
    assert (
        "ประจำปีงบประมาณ พ.ศ. ๒๕๖๔ ของเทศบาลตำบลอุ่มเม่า อำเภอยางตลาด จังหวัดกาฬสินธุ์ "
        "มีค่าคะแนนเท่ากับ ๘๒.๔๘ คะแนน อยู่ในระดับ B"
    ) in text
    everything = "\n".join(t for _, t in memo.iter_text())
    assert other_agency.name not in everything
    assert "สามเรือน" not in everything and "สุโขทัย" not in everything


def test_no_previous_result_no_score_sentence(implementation):
    text = "\n".join(p.text for p in implementation.paragraphs())
    assert "มีค่าคะแนนเท่ากับ" not in text
    assert "ระดับ" not in text


def test_thai_digits_throughout(implementation):
    for place, text in implementation.iter_text():
        assert not has_arabic_digit(text), place


def test_arabic_digits_when_asked(demo, as_of):
    memo = build_implementation.build(demo, YEAR, as_of=as_of, thai_digits=False)
    assert not memo.options.thai_digits
    for place, text in memo.iter_text():
        assert not has_thai_digit(text), place
    assert memo.tables("measures")[0].body_rows()[0].cells[0].text.startswith("(1) ")


def test_measures_memo(demo, measures_memo):
    assert measures_memo.kind == "measures"
    assert measures_memo.header.subject == (
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๕"
    )
    assert [t.role for t in measures_memo.tables()] == ["measures"]
    assert len(measures_memo.tables()[0].body_rows()) == 6
    approval = measures_memo.approval
    assert approval is not None
    assert approval.position == demo.head_title
    assert "อนุมัติ" in approval.intro
    for place, text in measures_memo.iter_text():
        assert not has_arabic_digit(text), place


def test_measures_memo_previous_result(demo, as_of):
    memo = build_measures.build(demo, YEAR, as_of=as_of, previous_result=(91.5, "A"))
    text = "\n".join(p.text for p in memo.paragraphs())
    assert "พ.ศ. ๒๕๖๔ ของเทศบาลตำบลอุ่มเม่า" in text
    assert "๙๑.๕๐ คะแนน อยู่ในระดับ A" in text


def test_an_empty_year_builds(demo, as_of):
    memo = build_implementation.build(demo, 2570, as_of=as_of)
    assert [len(t.body_rows()) for t in memo.tables()] == [0, 0]


def _queries(agency, as_of):
    with CaptureQueriesContext(connection) as ctx:
        build_implementation.build(agency, YEAR, as_of=as_of)
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_measures(demo, coordinator, as_of):
    before = _queries(demo, as_of)
    division = demo.divisions.first()
    for n in range(3):
        measure = create_measure(
            actor=coordinator,
            agency=demo,
            fiscal_year=YEAR,
            title=f"มาตรการเพิ่ม {n}",
            steps=["ขั้นตอน"],
            divisions=[division],
        )
        report_status(
            actor=coordinator,
            measure=measure,
            status="done",
            reported_on=as_of,
            links=[f"https://ummao.go.th/{n}"],
        )
    assert _queries(demo, as_of) == before <= 8
