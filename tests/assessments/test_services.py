"""record_result, the analysis, suggestions into measures, memo_analysis, the demo result."""

import datetime as dt
from decimal import Decimal

import pytest
from tests.pending_catalogue import refusal

from prongsai.assessments import analysis, services
from prongsai.assessments.models import ItaResult
from prongsai.audit.models import AuditEvent
from prongsai.audit.services import verify_chain
from prongsai.core.errors import StaleEdit, ValidationFailed
from prongsai.demo.agency import load_demo
from prongsai.demo.results import load_demo_results
from prongsai.measures.models import Measure
from prongsai.registry.services import add_division


def all_at(score: str) -> dict[str, str]:
    return {str(n): score for n in range(1, 11)}


def test_demo_result_is_illustrative_and_idempotent(demo, coordinator, result_2564):
    assert result_2564.source == "items"
    assert result_2564.item_results["O42"] is False and result_2564.item_results["O31"] is False
    assert sum(1 for ok in result_2564.item_results.values() if not ok) == 2
    weak_iit_eit = [c for c, v in result_2564.indicators.items() if int(c) <= 8 and v < 85]
    assert len(weak_iit_eit) >= 2
    assert "ไม่ใช่ผลการประเมินจริง" in result_2564.note
    load_demo()
    assert load_demo_results(demo, coordinator).pk == result_2564.pk
    assert ItaResult.objects.filter(agency=demo).count() == 1


def test_record_computes_stores_and_audits(demo, coordinator):
    before = AuditEvent.objects.filter(agency=demo).count()
    result = services.record_result(
        actor=coordinator,
        agency=demo,
        fiscal_year=2565,
        indicator_scores=all_at("๘๒.๔๘"),
        published_total="82.48",
        published_band="b",
    )
    assert result.source == "indicators"
    assert result.indicator_scores["1"] == "82.48"
    assert result.computed["total"] == 82.48 and result.computed["band"] == "B"
    assert result.published_band == "B" and result.version == 1
    assert analysis.discrepancies(result) == []
    event = AuditEvent.objects.filter(agency=demo).order_by("-seq").first()
    assert AuditEvent.objects.filter(agency=demo).count() == before + 1
    assert event.action == "ita_result.create" and event.payload["total"] == 82.48
    assert verify_chain(demo).ok


def test_replacing_bumps_the_version_and_refuses_a_stale_form(demo, coordinator):
    first = services.record_result(
        actor=coordinator, agency=demo, fiscal_year=2566, indicator_scores=all_at("90")
    )
    second = services.record_result(
        actor=coordinator,
        agency=demo,
        fiscal_year=2566,
        published_total="91",
        expected_version=first.version,
    )
    assert second.pk == first.pk and second.version == 2 and second.source == "published"
    assert second.computed == {} and second.indicator_scores == {}
    with pytest.raises(StaleEdit):
        services.record_result(
            actor=coordinator,
            agency=demo,
            fiscal_year=2566,
            published_total="92",
            expected_version=1,
        )
    assert ItaResult.objects.get(pk=first.pk).published_total == Decimal("91.00")


@pytest.mark.parametrize(
    ("kwargs", "th", "en", "field"),
    [
        ({}, "ยังไม่มีข้อมูลผลการประเมิน", "nothing to record", None),
        (
            {"indicator_scores": {"1": "90"}},
            "ขาดคะแนนตัวชี้วัด 2, 3",
            "missing scores for indicators 2, 3",
            None,
        ),
        (
            {"indicator_scores": all_at("90") | {"1": "abc"}},
            "ไม่ใช่ตัวเลข",
            "not a number",
            None,
        ),
        ({"published_total": "101"}, "0 ถึง 100", "from 0 to 100", "published_total"),
        (
            {"published_total": "90", "published_band": "Z"},
            "ระดับ Z ไม่มีในเกณฑ์ปี 2565",
            "band Z is not in the 2565 rules",
            "published_band",
        ),
        (
            {"published_total": "90", "published_rating": "ดีมาก"},
            "ผล “ดีมาก” ไม่มีในเกณฑ์ปี 2565",
            "is not in the 2565 rules",
            "published_rating",
        ),
    ],
)
def test_bad_input_changes_nothing(demo, coordinator, kwargs, th, en, field):
    def record() -> None:
        services.record_result(actor=coordinator, agency=demo, fiscal_year=2565, **kwargs)

    found = refusal(ValidationFailed, record)
    assert th in found.th and en in found.en
    with pytest.raises(ValidationFailed) as info:
        record()
    assert info.value.field == field
    assert not ItaResult.objects.filter(agency=demo, fiscal_year=2565).exists()


def test_years_without_bands_or_framework(demo, coordinator):
    with pytest.raises(ValidationFailed, match="เกณฑ์ปี 2567 ไม่มีระดับ AA–F") as info:
        services.record_result(
            actor=coordinator,
            agency=demo,
            fiscal_year=2567,
            published_total="90",
            published_band="A",
        )
    assert info.value.field == "published_band"
    # A year the package has no framework for keeps only what was published.
    old = services.record_result(
        actor=coordinator, agency=demo, fiscal_year=2563, published_total="78.5", published_band="B"
    )
    assert old.source == "published" and old.total == 78.5 and old.band == "B"
    found = refusal(
        ValidationFailed,
        lambda: services.record_result(
            actor=coordinator, agency=demo, fiscal_year=2563, indicator_scores=all_at("90")
        ),
    )
    assert found.th.startswith("ยังไม่มีกรอบการประเมินปี 2563 ในระบบ")
    assert found.en.startswith("there is no 2563 framework")


def test_analysis_of_the_demo(demo, result_2564):
    found = analysis.analysis_for(demo, 2565)
    assert found.assessed_year == 2564 and found.previous is None and found.total_change is None
    weak = [w.code for w in found.analysis.weak_indicators]
    assert weak == ["2", "5", "7", "8", "10"]
    failed = [(f.code, f.points_at_stake) for f in found.analysis.failed_items]
    assert [c for c, _ in failed] == ["O42", "O31"]
    assert failed[0][1] == 5 and failed[0][1] > failed[1][1]
    assert found.suggestions[0].measure_type.key == "integrity-measures"
    assert analysis.analysis_for(demo, 2566) is None


def test_change_from_the_year_before(demo, coordinator, result_2564):
    services.record_result(
        actor=coordinator, agency=demo, fiscal_year=2565, indicator_scores=all_at("90")
    )
    found = analysis.analysis_for(demo, 2566)
    assert found.previous.pk == result_2564.pk
    assert found.total_change == Decimal("90.00") - Decimal("85.43")
    change = {c.code: c for c in found.indicator_changes}
    assert change["5"].previous == Decimal("80.12") and change["5"].change == Decimal("9.88")


def test_one_suggestion_becomes_a_linked_measure_once(demo, coordinator, result_2564):
    measure = services.create_measure_from_suggestion(
        actor=coordinator, agency=demo, fiscal_year=2565, suggestion_key="integrity-measures"
    )
    assert measure.fiscal_year == 2565 and measure.number == 7
    assert measure.title == "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    assert measure.indicator_codes == ["10", "O42"]
    assert [d.name for d in measure.divisions.all()] == ["สำนักปลัด"]
    assert measure.due_date == dt.date(2022, 3, 31) and len(measure.steps) == 5
    actions = list(
        AuditEvent.objects.filter(agency=demo).order_by("-seq").values_list("action", flat=True)[:2]
    )
    assert actions == ["measure.from_suggestion", "measure.create"]
    found = refusal(
        ValidationFailed,
        lambda: services.create_measure_from_suggestion(
            actor=coordinator, agency=demo, fiscal_year=2565, suggestion_key="integrity-measures"
        ),
    )
    assert found.th == f"มีมาตรการ “{measure.title}” ของปี 2565 แล้ว"
    assert found.en.startswith("the measure “") and found.en.endswith("” of 2565 exists already")
    assert measure.title not in found.en  # the English title of the measure type
    with pytest.raises(ValidationFailed, match="no-such-thing"):
        services.create_measure_from_suggestion(
            actor=coordinator, agency=demo, fiscal_year=2565, suggestion_key="no-such-thing"
        )
    with pytest.raises(ValidationFailed, match="^ยังไม่มีผลการประเมิน ITA ปี 2566 "):
        services.create_measure_from_suggestion(
            actor=coordinator, agency=demo, fiscal_year=2567, suggestion_key="integrity-measures"
        )
    assert verify_chain(demo).ok


def test_codes_follow_the_crosswalk_into_the_measures_year(demo, coordinator):
    # 2565 O10 (annual operation plan) became part of 2566 O11.
    services.record_result(
        actor=coordinator,
        agency=demo,
        fiscal_year=2565,
        indicator_scores={str(n): "90" for n in range(1, 9)},
        item_results={f"O{n}": n != 10 for n in range(1, 44)},
    )
    found = analysis.analysis_for(demo, 2566)
    key = next(
        s.measure_type.key for s in found.suggestions if "O10" in {f.code for f in s.failed_items}
    )
    measure = services.create_measure_from_suggestion(
        actor=coordinator, agency=demo, fiscal_year=2566, suggestion_key=key
    )
    assert "O11" in measure.indicator_codes and "O10" not in measure.indicator_codes
    assert "9" in measure.indicator_codes


def test_division_choice_and_fallback(demo, coordinator, result_2564, other_agency):
    divisions = {d.name: d for d in demo.divisions.all()}
    # กองยุทธศาสตร์และงบประมาณ is not in the demo: its alternative สำนักปลัด is used.
    assert (
        services.resolve_division(demo, "กองยุทธศาสตร์และงบประมาณ (หรือสำนักปลัด งานนโยบายและแผน)")
        == divisions["สำนักปลัด"]
    )
    assert services.resolve_division(demo, "กองคลัง") == divisions["กองคลัง"]
    assert services.resolve_division(demo, "หน่วยตรวจสอบภายใน") == divisions["สำนักปลัด"]
    # Names differ between agencies: กองการศึกษา is their กองการศึกษา ศาสนาและวัฒนธรรม.
    longer = add_division(actor="test", agency=other_agency, name="กองการศึกษา ศาสนาและวัฒนธรรม")
    assert services.resolve_division(other_agency, "กองการศึกษา") == longer
    chosen = services.create_measure_from_suggestion(
        actor=coordinator,
        agency=demo,
        fiscal_year=2565,
        suggestion_key="complaint-handling",
        division=divisions["กองช่าง"],
    )
    assert [d.name for d in chosen.divisions.all()] == ["กองช่าง"]
    assert chosen.indicator_codes == ["5", "7", "9", "O31"]
    with pytest.raises(ValidationFailed, match="^ส่วนราชการไม่ได้อยู่ในหน่วยงานนี้$") as info:
        services.create_measure_from_suggestion(
            actor=coordinator,
            agency=demo,
            fiscal_year=2565,
            suggestion_key="corruption-risk-management",
            division=other_agency.divisions.first(),
        )
    assert info.value.field == "division"
    assert not Measure.objects.filter(agency=demo, title__contains="ความเสี่ยง").exists()


def test_memo_analysis(demo, coordinator, result_2564):
    memo = analysis.memo_analysis(demo, 2565)
    assert memo.year == 2564 and memo.total == Decimal("85.43")
    assert memo.band == "A" and memo.verdict_th == "ผ่าน" and memo.grade == "A"
    assert [(w.code, w.name_th, w.score) for w in memo.weak_indicators][:2] == [
        ("2", "การใช้งบประมาณ", Decimal("83.45")),
        ("5", "การแก้ไขปัญหาการทุจริต", Decimal("80.12")),
    ]
    assert [f.code for f in memo.failed_items] == ["O42", "O31"]
    assert memo.previous_result == (85.43, "A")
    assert analysis.memo_analysis(demo, 2566) is None
    # Published figures are what the memo cites; a 2566 result has a verdict, no band.
    services.record_result(
        actor=coordinator,
        agency=demo,
        fiscal_year=2566,
        indicator_scores=all_at("90"),
        published_total="90.10",
    )
    memo = analysis.memo_analysis(demo, 2567)
    assert memo.total == Decimal("90.10") and memo.band == "" and memo.grade == "ผ่าน"
    services.record_result(
        actor=coordinator, agency=demo, fiscal_year=2563, published_total="70", published_band="C"
    )
    memo = analysis.memo_analysis(demo, 2564)
    assert memo.previous_result == (70.0, "C") and memo.weak_indicators == ()
