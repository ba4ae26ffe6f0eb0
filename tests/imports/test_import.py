"""Import: a parsed memo mapped to an agency-year, and saved through the services."""

import datetime as dt
from pathlib import Path

import pytest
from tests.pending_catalogue import refusal

from prongsai.agencies.models import Agency, Division, Role
from prongsai.audit.models import AuditEvent
from prongsai.core.errors import ValidationFailed
from prongsai.imports.mapping import ImportedMeasure, ImportResult, recover, save, similarity
from prongsai.imports.parse import parse_file
from prongsai.imports.tables import normalize_division, read_mark, split_number, split_steps
from prongsai.measures.models import Measure, StatusUpdate

DATA = Path(__file__).resolve().parent.parent / "data"
SEED = DATA / "seed-ummao-2565.txt"
DIVISIONS = ["สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา"]


@pytest.fixture(scope="module")
def seed_result():
    return recover(parse_file(SEED))


def test_seed_agency_year(seed_result):
    assert seed_result.agency == "เทศบาลตำบลอุ่มเม่า"
    assert seed_result.document_number == "สท 824๐๑/205"
    assert seed_result.date == dt.date(2022, 3, 31)
    assert seed_result.fiscal_year == 2565
    assert seed_result.warnings == []


def test_seed_six_measures_with_divisions_and_statuses(seed_result):
    measures = seed_result.measures
    assert [m.number for m in measures] == [1, 2, 3, 4, 5, 6]
    assert [m.status for m in measures] == [
        "in_progress",
        "in_progress",
        "done",
        "done",
        "in_progress",
        "done",
    ]
    assert [m.divisions for m in measures] == [
        DIVISIONS,
        DIVISIONS,
        ["กองคลัง"],
        ["สำนักปลัด"],
        DIVISIONS,
        ["สำนักปลัด"],
    ]


def test_seed_titles_steps_monitoring_and_evidence(seed_result):
    first, second, third, _, fifth, _ = seed_result.measures
    assert first.title == "ให้ความรู้เรื่องการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ"
    assert second.title == "ควรมีมาตรการลดขั้นตอนในการให้บริการ"  # paired with "มีมาตรการ…"
    assert second.steps == [
        "ควรปรับปรุงกระบวนงาน เพื่อลดขั้นตอนในการให้บริการและการให้บริการ ณ จุดเดียว "
        "และเพิ่มการให้บริการโดยใช้ระบบ IT",
        "เปิดช่องทางแสดงความคิดเห็นในการเสนอแนะการปฎิบัติงานของเจ้าหน้าที่",  # kept as written
    ]
    assert len(fifth.steps) == 4
    assert first.monitoring == "รายงานความก้าวหน้าและสรุปผล ณ ๓๑ มีนาคม ๒๕๖5"
    assert third.evidence == "ตรวจสอบในเว็ปไซด์ของหน่วยงาน"  # not corrected: lint reports it
    assert first.evidence == ""


def test_seed_json_shape(seed_result):
    data = seed_result.to_dict()
    assert {"agency", "document_number", "date", "fiscal_year", "measures"} <= set(data)
    assert set(data["measures"][0]) == {
        "number",
        "title",
        "steps",
        "divisions",
        "monitoring",
        "status",
        "evidence",
    }
    assert data["date"] == "2022-03-31"
    assert ImportResult.from_dict(data) == seed_result


def test_docx_of_another_agency_with_merged_cells_and_rows_in_another_order():
    result = recover(parse_file(DATA / "merged-nakhonratchasima.docx"))
    assert (result.agency, result.fiscal_year) == ("เทศบาลตำบลโพธิ์กลาง", 2567)
    assert [(m.number, m.status) for m in result.measures] == [
        (1, "in_progress"),
        (2, "done"),
        (3, "done"),
        (4, "not_started"),
    ]
    # The divisions and monitoring cells merged over several rows serve each of them.
    assert [m.divisions for m in result.measures] == [
        ["สำนักปลัดเทศบาล", "กองคลัง"],
        ["สำนักปลัดเทศบาล", "กองคลัง"],
        ["กองคลัง"],
        ["สำนักปลัดเทศบาล"],
    ]
    assert result.measures[2].monitoring == "รายงานความก้าวหน้าและสรุปผล ณ ๓๑ มีนาคม ๒๕๖๗"
    assert result.measures[1].evidence == "ตรวจสอบในเว็บไซต์ของหน่วยงาน"


def test_planted_errors_are_reported_as_warnings_not_guessed():
    result = recover(parse_file(DATA / "planted-errors-chiangmai.docx"))
    statuses = {m.number: m.status for m in result.measures}
    assert statuses == {1: "in_progress", 2: None, 3: "done", 4: None, 5: None}
    assert len(result.warnings) == 2


def test_a_memo_without_tables_cannot_be_imported():
    text = "ส่วนราชการ สำนักปลัด เทศบาลตำบลอุ่มเม่า\nที่ กส ๗๓๖๐๑/๑\nเรื่อง ทดสอบ\nเรียน นายก\n"
    found = refusal(ValidationFailed, lambda: recover(parse_file(text.encode(), "memo.txt")))
    assert found == (
        "ไม่พบตารางมาตรการหรือตารางสถานะในเอกสาร",
        "no measures table and no status table found in the document",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(๒) ควรมีมาตรการ", (2, "ควรมีมาตรการ")),
        ("(๑)ให้ความรู้", (1, "ให้ความรู้")),
        ("3. การเผยแพร่", (3, "การเผยแพร่")),
        ("การดำเนินงาน", (None, "การดำเนินงาน")),
    ],
)
def test_split_number(text, expected):
    assert split_number(text) == expected


def test_split_steps():
    assert split_steps("-จัดทำขั้นตอน\n-สร้างจิตสำนึก\nให้แก่พนักงาน\n- ให้บริการ") == [
        "จัดทำขั้นตอน",
        "สร้างจิตสำนึกให้แก่พนักงาน",
        "ให้บริการ",
    ]
    assert split_steps("๑. ประชุม\n๒. รายงาน") == ["ประชุม", "รายงาน"]


@pytest.mark.parametrize(
    ("name", "normal"),
    [("กองการศึกษาฯ", "กองการศึกษา"), ("  สำนักปลัด ", "สำนักปลัด"), ("- กองช่าง", "กองช่าง")],
)
def test_normalize_division(name, normal):
    assert normalize_division(name) == normal


@pytest.mark.parametrize(
    ("cell", "mark"),
    [
        ("/", (True, "")),
        ("✓", (True, "")),
        ("/ \n(ตรวจสอบในเว็บไซต์)", (True, "ตรวจสอบในเว็บไซต์")),
        ("-", (False, "")),
        ("", (False, "")),
        ("–", (False, "")),
        ("ดำเนินการแล้ว", (True, "ดำเนินการแล้ว")),
    ],
)
def test_read_mark(cell, mark):
    assert read_mark(cell) == mark


def test_similarity_of_rows_worded_a_little_differently():
    assert similarity("ควรมีมาตรการลดขั้นตอนในการให้บริการ", "มีมาตรการลดขั้นตอนในการให้บริการ") > 0.9
    assert similarity("การดำเนินงาน", "การเผยแพร่ข้อมูลข่าวสาร") < 0.6


# ------------------------------------------------------------------ saving


def test_save_writes_measures_statuses_and_new_divisions(demo, coordinator, seed_result):
    Division.objects.filter(agency=demo, name="กองการศึกษา").delete()
    created = save(seed_result, agency=demo, fiscal_year=2566, actor=coordinator)
    assert [m.number for m in created] == [1, 2, 3, 4, 5, 6]
    measures = Measure.objects.filter(agency=demo, fiscal_year=2566).with_current_status()
    assert [m.current_status for m in measures] == [m.status for m in seed_result.measures]
    assert Division.objects.filter(agency=demo, name="กองการศึกษา").exists()
    third = measures.get(number=3)
    assert [d.name for d in third.divisions.all()] == ["กองคลัง"]
    update = StatusUpdate.objects.get(measure=third)
    assert update.note == "ตรวจสอบในเว็ปไซด์ของหน่วยงาน"
    assert update.reported_on == dt.date(2022, 3, 31) and update.created_by == coordinator
    assert AuditEvent.objects.filter(agency=demo, action="measure.create").count() >= 6


def test_save_refuses_an_agency_year_that_has_measures(demo, coordinator, seed_result):
    before = Measure.objects.count()
    with pytest.raises(
        ValidationFailed, match="^เทศบาลตำบลอุ่มเม่า มีมาตรการของปีงบประมาณ 2565 แล้ว 6 รายการ "
    ):
        save(seed_result, agency=demo, fiscal_year=2565, actor=coordinator)
    assert Measure.objects.count() == before


def test_a_failure_half_way_writes_nothing(other_agency, outsider, seed_result, monkeypatch):
    """New divisions, measures and statuses before the failure are all rolled back."""
    from prongsai.measures import services

    real = services.report_status
    calls = []

    def failing(**kwargs):
        calls.append(kwargs)
        if len(calls) == 3:
            raise ValidationFailed("ล้มเหลวโดยตั้งใจ")
        return real(**kwargs)

    monkeypatch.setattr(services, "report_status", failing)
    counts = (
        Division.objects.count(),
        Measure.objects.count(),
        StatusUpdate.objects.count(),
        AuditEvent.objects.count(),
    )
    with pytest.raises(ValidationFailed, match="^ล้มเหลวโดยตั้งใจ$"):
        save(seed_result, agency=other_agency, fiscal_year=2565, actor=outsider)
    assert len(calls) == 3
    assert (
        Division.objects.count(),
        Measure.objects.count(),
        StatusUpdate.objects.count(),
        AuditEvent.objects.count(),
    ) == counts
    assert list(other_agency.divisions.values_list("name", flat=True)) == ["สำนักปลัด"]


def test_save_checks_everything_before_writing(demo, coordinator):
    result = ImportResult(
        agency="",
        document_number="",
        date=None,
        fiscal_year=None,
        measures=[
            ImportedMeasure(number=1, title="ก", divisions=[]),
            ImportedMeasure(number=1, title="ข", divisions=["กองคลัง"]),
        ],
    )
    found = refusal(
        ValidationFailed, lambda: save(result, agency=demo, fiscal_year=2570, actor=coordinator)
    )
    assert found.th == "นำเข้าไม่ได้: มาตรการ (1) ไม่ระบุผู้รับผิดชอบ; ลำดับมาตรการ (1) ซ้ำ"
    assert found.en == (
        "cannot import: measure (1) names no responsible division; measure number (1) appears twice"
    )
    assert not Measure.objects.filter(fiscal_year=2570).exists()


def test_save_into_a_new_agency(db, coordinator, other_agency):
    from prongsai.registry.services import set_membership

    set_membership(actor="test", agency=other_agency, user=coordinator, role=Role.COORDINATOR)
    result = recover(parse_file(DATA / "clean-khonkaen.docx"))
    save(result, agency=other_agency, fiscal_year=2566, actor=coordinator)
    agency = Agency.objects.get(pk=other_agency.pk)
    names = set(agency.divisions.values_list("name", flat=True))
    assert {"สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา ศาสนาและวัฒนธรรม"} <= names
    assert agency.measures.filter(fiscal_year=2566).count() == 5


def test_evidence_links_that_validate_become_links(demo, coordinator):
    from prongsai.measures.models import Evidence

    note = "ตรวจสอบที่ https://www.ummao.go.th/ita/o43 และ http://intranet (ภายใน)"
    result = ImportResult(
        agency="",
        document_number="",
        date=None,
        fiscal_year=None,
        measures=[
            ImportedMeasure(number=1, title="ก", divisions=["กองคลัง"], status="done", evidence=note)
        ],
    )
    (measure,) = save(result, agency=demo, fiscal_year=2571, actor=coordinator)
    update = StatusUpdate.objects.get(measure=measure)
    assert update.note == note
    assert [e.url for e in Evidence.objects.filter(update=update)] == [
        "https://www.ummao.go.th/ita/o43"
    ]
