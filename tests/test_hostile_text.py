"""Attacks with hostile text, each of which froze a page, a render or an import, or stored
what it should not. The slow ones took minutes before the fix; here each runs on 100,000
characters and must simply finish (no assertion on time: a regression hangs the run).
"""

import datetime as dt
import io
import zipfile

import pytest
from django.utils import timezone

from prongsai.assessments.services import record_result
from prongsai.core import limits
from prongsai.core.errors import UploadRejected, ValidationFailed
from prongsai.core.uploads import check_upload
from prongsai.demo.agency import AS_OF, YEAR
from prongsai.imports import mapping
from prongsai.imports.lint import MAX_MISSPELLINGS, lint_file, lint_memo
from prongsai.imports.parse import assemble, parse_file
from prongsai.imports.parse.assemble import signature_name
from prongsai.measures import services
from prongsai.measures.forms import MeasureForm, StatusForm
from prongsai.measures.models import Measure, StatusUpdate
from prongsai.memos import wordbreak
from prongsai.memos.model import Header, Memo, Paragraph, localize_digits
from prongsai.memos.service import build_memo, render_memo
from prongsai.public import services_cases, services_reports
from prongsai.public.forms import FeedbackForm
from prongsai.public.models import Case
from prongsai.registry.services import add_division
from prongsai.thai.dates import format_be_numeric_date
from tests.public.helpers import membership_of, submit

N = 100_000

# ---------------------------------------------------------------- linear text passes


@pytest.mark.parametrize("text", ["A" * N, "๑" * N, "1." * (N // 2), "(" + "a.1" * (N // 3)])
def test_digit_localisation_of_long_runs_without_at_sign(text):
    assert localize_digits(text) == localize_digits(text)  # finishes (was minutes)


def test_digit_localisation_still_keeps_addresses():
    text = "ติดต่อ abc123@x1.go.th https://a.b/1 ข้อ O42 ปี 2565 (a1@b.co)"
    assert localize_digits(text) == ("ติดต่อ abc123@x1.go.th https://a.b/1 ข้อ O42 ปี ๒๕๖๕ (a1@b.co)")


@pytest.mark.parametrize("unit", ["1", "๑", "A", "a ", "ก ๆ ", "พ.ศ. ", "ก" * 499 + " "])
def test_word_breaking_of_long_lines(unit):
    line = (unit * N)[:N]
    tokens = wordbreak.line_tokens(line)
    joined = "".join(t if isinstance(t, str) else t[0] for t in tokens)
    assert joined.replace(" ", "") == line.replace(" ", "")


def test_long_real_text_is_split_into_the_same_words():
    step = (
        "ผู้บริหารหน่วยงานควรแสดงนโยบายเจตจำนงว่าจะบริหารงานด้วยความซื่อสัตย์สุจริต "
        "และต่อสาธารณชนผ่านทางเว็บไซต์ของหน่วยงานหรือสื่ออื่น ๆ ทั้งหมด"
    )
    long_line = " ".join([step] * 40)  # cut into pieces before newmm sees it
    assert wordbreak.split_words(long_line) == wordbreak._tokenizer()(long_line)


HEAD = (
    "บันทึกข้อความ\nส่วนราชการ สำนักปลัด เทศบาลตำบลอุ่มเม่า\n"
    "ที่ กส ๗๓๖๐๑/๑ วันที่ ๓๑ มีนาคม ๒๕๖๕\nเรื่อง รายงานผล ประจำปีงบประมาณ พ.ศ. ๒๕๖๕\n"
)


def _head(line):
    state = assemble._HeadState()
    assemble._read_head_line(line, state)
    return state.header


# Each was quadratic (or cubic) in the run of spaces or letters; seconds to minutes at
# 100,000 characters (the signature line: 47 s at 5,000).
HOSTILE_MEMOS = {
    "ที่ line": lambda: _head("ที่ กส" + "\t" * N + "x"),  # lazy number, optional "\s+วันที่"
    "โทร": lambda: _head("ส่วนราชการ x" + " " * N + "y"),  # "\s*โทร" searched at every space
    "signature": lambda: assemble._split_signature([Paragraph("(" + " " * N + "x")]),
    "letter code": lambda: lint_memo(Memo(Header(document_number="กส" + " " * N + "x"))),
    "fiscal year": lambda: lint_memo(Memo(Header(subject="ปีงบประมาณ" + "\t" * N + "x"))),
    "score": lambda: lint_memo(Memo(Header(), [Paragraph("คะแนน" + " " * N + "x")])),
    "province": lambda: lint_memo(
        Memo(Header(document_number="กส ๑", department="ทต.อุ่มเม่า จังหวัด" + "ก" * N))
    ),
    "years × scores": lambda: lint_memo(
        Memo(Header(subject="ปีงบประมาณ ๒๕๖๕"), [Paragraph("ปี 2564 คะแนน 80 " * (N // 17))])
    ),
    "misspellings": lambda: lint_memo(Memo(Header(), [Paragraph("ศรีษะ " * (N // 6))])),
}


@pytest.mark.parametrize("attack", HOSTILE_MEMOS, ids=list(HOSTILE_MEMOS))
def test_reading_and_linting_hostile_memo_text(attack):
    result = HOSTILE_MEMOS[attack]()
    if isinstance(result, list):  # lint findings
        assert sum(f.code == "misspelling" for f in result) <= MAX_MISSPELLINGS


def test_a_hostile_text_file_is_read_and_linted():
    data = (HEAD + "จังหวัด" + "ก" * N + "\n" + "ศรีษะ " * (N // 6) + "\n").encode()
    assert parse_file(data, "memo.txt").header.subject.startswith("รายงานผล")
    assert len(lint_file(data, "memo.txt")) <= MAX_MISSPELLINGS + 10


def test_document_number_and_signature_lines_still_read():
    text = HEAD.replace("๑ วันที่", "๑ \t  วันที่")
    memo = parse_file(text.encode(), "memo.txt")
    assert memo.header.document_number == "กส ๗๓๖๐๑/๑"
    assert memo.header.date == dt.date(2022, 3, 31)
    assert signature_name(" ( นางสาวสมศรี ใจดี )  ") == "นางสาวสมศรี ใจดี"
    assert signature_name("(   ......   )").strip() == "......"  # a dotted place to sign by hand
    assert signature_name("(นาย" + "ก" * 81 + ")") is None  # longer than any name
    assert signature_name("(นายสมชาย ๑๒๓)") is None  # digits: not a name
    assert signature_name("(ไม่ใช่ชื่อ)") is None


def test_pairing_many_rows_falls_back_to_order():
    rows = [
        mapping.StatusRow(None, f"มาตรการที่ {i}", "", [], None, "", None, i)  # type: ignore[arg-type]
        for i in range(300)
    ]
    measures = [mapping.ImportedMeasure(None, f"มาตรการที่ {i}") for i in reversed(range(300))]
    paired = mapping.pair_rows(measures, rows)
    assert paired[150] in (None, 150)  # in place only: never 300 × 300 comparisons


def test_an_import_of_hundreds_of_measures_is_refused():
    lines = "\n".join(f"{i}\tมาตรการที่ {i}\tขั้นตอน\tสำนักปลัด" for i in range(1, 202))
    memo = parse_file((HEAD + lines).encode(), "memo.txt")
    if mapping.measure_table_rows(memo) or mapping.status_rows(memo):
        with pytest.raises(ValidationFailed):
            mapping.recover(memo)
    assert lint_memo(memo) is not None


def test_upload_with_a_huge_relationships_part():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/_rels/document.xml.rels", "<Relationship " * 70_000)
    # Was ~15 minutes of regular-expression search; now read by the XML parser, which
    # refuses the part at once (and the ratio check before it).
    with pytest.raises(UploadRejected):
        check_upload(io.BytesIO(buffer.getvalue()), max_bytes=10_000_000)


# ---------------------------------------------------------------- memos of stored text


def _first_measure(demo):
    return Measure.objects.filter(agency=demo, fiscal_year=YEAR).order_by("number").first()


def test_memo_with_long_stored_title_and_note_renders(demo, coordinator):
    # Text stored before the limits existed (or by another road) must not freeze the memo.
    measure = _first_measure(demo)
    Measure.objects.filter(pk=measure.pk).update(title="A" * N)
    StatusUpdate.objects.create(  # updates are append-only: a newer one with a long note
        measure=measure, status="done", note="A" * 40_000, reported_on=AS_OF, created_by=coordinator
    )
    memo = build_memo(demo, YEAR, "implementation", as_of=AS_OF)
    assert any("A" * 1000 in text for _where, text in memo.localized().iter_text())
    docx = render_memo(demo, YEAR, "implementation", "docx", as_of=AS_OF)
    assert docx.content.startswith(b"PK")
    pdf = render_memo(demo, YEAR, "measures", "pdf", as_of=AS_OF)  # was 354 s
    assert pdf.content.startswith(b"%PDF-")


# ---------------------------------------------------------------- limits and cleaning


def _create(demo, coordinator, **fields):
    values = {
        "actor": coordinator,
        "agency": demo,
        "fiscal_year": YEAR,
        "title": "มาตรการทดสอบ",
        "steps": ["ขั้นตอน"],
        "divisions": list(demo.divisions.all()[:1]),
    }
    return services.create_measure(**{**values, **fields})


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "A" * (limits.MEASURE_TITLE + 1)),
        ("title", "\x01\x02\x0b\u200b\u202e"),
        ("steps", ["A" * (limits.MEASURE_STEP + 1)]),
        ("steps", ["ขั้นตอน"] * (limits.MEASURE_STEPS + 1)),
        ("monitoring", "A" * (limits.MEASURE_MONITORING + 1)),
        ("indicator_codes", ["O" * (limits.INDICATOR_CODE + 1)]),
        ("indicator_codes", ["O1"] * (limits.INDICATOR_CODES + 1)),
    ],
)
def test_measure_text_limits(demo, coordinator, field, value):
    count = Measure.objects.count()
    with pytest.raises(ValidationFailed) as error:
        _create(demo, coordinator, **{field: value})
    assert error.value.field == field and str(error.value)
    assert Measure.objects.count() == count


def test_an_edit_cannot_empty_a_measure(demo, coordinator):
    measure = _first_measure(demo)
    for changes in ({"title": "\x01\x02\x0b"}, {"steps": ["\x01\n\x02", "\u200b"]}):
        with pytest.raises(ValidationFailed) as error:
            services.update_measure(
                actor=coordinator, measure=measure, expected_version=measure.version, **changes
            )
        assert error.value.field in changes
    measure.refresh_from_db()
    assert measure.title and measure.steps


def test_measure_text_is_cleaned(demo, coordinator):
    measure = _create(
        demo,
        coordinator,
        title="\u202eมาตรการ\u200b\x07ใหม่ ",
        steps=["ขั้น\u2066ตอน", "\x01"],
        monitoring="บรรทัด ๑\r\nบรรทัด ๒\x0c",
    )
    assert (measure.title, measure.steps) == ("มาตรการใหม่", ["ขั้นตอน"])
    assert measure.monitoring == "บรรทัด ๑\nบรรทัด ๒"


def test_status_date_bounds(demo, coordinator):
    measure = _first_measure(demo)  # fiscal year 2565: from 1 October 2021
    report = {"actor": coordinator, "measure": measure, "status": "done"}
    count = StatusUpdate.objects.count()
    for bad in (dt.date(2999, 12, 31), timezone.localdate() + dt.timedelta(days=1)):
        with pytest.raises(ValidationFailed) as error:
            services.report_status(**report, reported_on=bad)
        assert error.value.field == "reported_on"
    with pytest.raises(ValidationFailed):
        services.report_status(**report, reported_on=dt.date(2020, 9, 30))
    assert StatusUpdate.objects.count() == count
    services.report_status(**report, reported_on=dt.date(2020, 10, 1))  # a year before
    services.report_status(**report, reported_on=timezone.localdate())
    services.report_status(**report)  # today by default


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("note", "A" * (limits.STATUS_NOTE + 1)),
        ("links", ["https://example.org/" + "a" * limits.EVIDENCE_URL]),
        ("links", [f"https://example.org/{i}" for i in range(limits.EVIDENCE_LINKS + 1)]),
    ],
)
def test_status_text_limits(demo, coordinator, field, value):
    with pytest.raises(ValidationFailed) as error:
        services.report_status(
            actor=coordinator, measure=_first_measure(demo), status="done", **{field: value}
        )
    assert error.value.field == field


def test_forms_show_the_limits_next_to_the_field(demo):
    form = MeasureForm(
        {"title": "A" * (limits.MEASURE_TITLE + 1), "steps": "\u200b\n\x01"},
        agency=demo,
        fiscal_year=2565,
    )
    assert not form.is_valid() and {"title", "steps"} <= set(form.errors)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    status = StatusForm(
        {"status": "done", "reported_on": format_be_numeric_date(tomorrow)}, fiscal_year=2570
    )
    assert not status.is_valid() and "reported_on" in status.errors
    feedback = FeedbackForm({"kind": "comment", "subject": "\u200b\u200c\u2060", "body": "x"})
    assert not feedback.is_valid() and "subject" in feedback.errors


def test_complaint_text_is_cleaned_and_invisible_subjects_refused(demo):
    case, _receipt = services_cases.submit_feedback(
        agency=demo,
        kind="complaint",
        subject="\u202egpj.exe\x00 ภาพ",
        body="บรรทัด ๑\r\n\tบรรทัด ๒\x1b[31m\ufffe\U0010ffff",
        contact="\u2066080\u2069",
    )
    assert case.subject == "gpj.exe ภาพ" and case.contact == "080"
    assert case.messages.get().body == "บรรทัด ๑\n\tบรรทัด ๒[31m"
    count = Case.objects.count()
    for subject in ("\u200b\u200b\u200b", "\u3164", "A" * (limits.CASE_SUBJECT + 1)):
        with pytest.raises(ValidationFailed) as error:
            services_cases.submit_feedback(agency=demo, kind="comment", subject=subject, body="x")
        assert error.value.field == "subject"
    assert Case.objects.count() == count
    with pytest.raises(ValidationFailed):
        services_cases.sender_reply(case=case, body="\x01\u200d\u202e")


def test_officer_reply_and_report_comment(demo, complaint_officer, coordinator, executive):
    case, _receipt = services_cases.submit_feedback(
        agency=demo, kind="comment", subject="เรื่อง", body="ข้อความ"
    )
    officer = membership_of(complaint_officer)
    with pytest.raises(ValidationFailed):
        services_cases.reply(membership=officer, case=case, body="A" * (limits.CASE_BODY + 1))
    message = services_cases.reply(membership=officer, case=case, body="ตอบ\u202e\x00กลับ")
    assert message.body == "ตอบกลับ"
    report = submit(coordinator)
    decide = {"membership": membership_of(executive), "report": report, "approve": False}
    for comment in ("\u200b\x01", "A" * (limits.REPORT_COMMENT + 1)):
        with pytest.raises(ValidationFailed):
            services_reports.decide_report(
                **decide, comment=comment, expected_version=report.version
            )
    returned = services_reports.decide_report(
        **decide, comment="แก้\u2067ไข", expected_version=report.version
    )
    assert returned.decisions.order_by("-pk").first().comment == "แก้ไข"


def test_registry_and_results_clean_their_text(demo, coordinator):
    division = add_division(actor=coordinator, agency=demo, name="\u202eกอง\u200bใหม่\x00")
    assert division.name == "กองใหม่"
    with pytest.raises(ValidationFailed):
        add_division(actor=coordinator, agency=demo, name="\u200b\x01")
    result = record_result(
        actor=coordinator, agency=demo, fiscal_year=2566, published_total="90", note="ที่มา\x00\u202e"
    )
    assert result.note == "ที่มา"
    with pytest.raises(ValidationFailed) as error:
        record_result(
            actor=coordinator,
            agency=demo,
            fiscal_year=2566,
            published_total="90",
            note="A" * (limits.RESULT_NOTE + 1),
        )
    assert error.value.field == "note"
