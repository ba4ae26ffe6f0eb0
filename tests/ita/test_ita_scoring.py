"""Scoring: worked examples from published 2564 figures, the year's result rules, and refused input."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction

import pytest

from prongsai.ita.framework import Framework, load_framework
from prongsai.ita.scoring import (
    ScoreResult,
    ScoringError,
    classify,
    item_points,
    parse_score,
    round2,
    score,
    score_from_codes,
)

IIT_90_EIT_88 = {"1": 90, "2": 90, "3": 90, "4": 90, "5": 90, "6": 88, "7": 88, "8": 88}


def all_passed(framework: Framework) -> dict[str, bool]:
    return {item.code: True for item in framework.items}


def worked_example() -> ScoreResult:
    """Published figures: 8 of 9 in 9.1, 7 of 8 in 10.1, all else passed; IIT 90, EIT 88."""
    framework = load_framework(2565)
    items = all_passed(framework)
    items["O3"] = False  # one of the nine 9.1 items
    items["O38"] = False  # one of the eight 10.1 items
    return score(framework, IIT_90_EIT_88, items)


def test_worked_example_sub_indicators() -> None:
    result = worked_example()
    assert round2(result.sub_indicators["9.1"]) == Decimal("88.89")
    for code in ("9.2", "9.3", "9.4", "9.5"):
        assert result.sub_indicators[code] == 100
    assert result.sub_indicators["10.1"] == Fraction(175, 2)  # 87.50 exactly
    assert round2(result.sub_indicators["10.1"]) == Decimal("87.50")
    assert result.sub_indicators["10.2"] == 100


def test_worked_example_indicators_tools_and_total() -> None:
    result = worked_example()
    assert round2(result.indicators["9"]) == Decimal("97.78")
    assert result.indicators["10"] == Fraction(375, 4)  # 93.75 exactly
    assert round2(result.tools["OIT"]) == Decimal("95.76")
    assert round2(result.tools["OIT"] * Fraction(2, 5)) == Decimal("38.31")
    assert result.tools["IIT"] == 90
    assert result.tools["EIT"] == 88
    assert round2(result.total) == Decimal("91.71")
    assert result.band is not None and result.band.code == "A"
    assert result.passed is True
    assert result.rating is None  # no five-level rating before 2567
    assert result.indicator_sources["9"] == "items"
    assert result.indicator_sources["1"] == "given"


def test_the_plain_share_of_items_would_differ() -> None:
    # 41 of 43 passed is 95.35: the roll-up rule matters.
    assert round2(worked_example().tools["OIT"]) != round2(Fraction(41 * 100, 43))


def test_the_same_scores_under_2566_and_2567_rules() -> None:
    # The rules read 91.71 as: ผ่าน (2566), ผ่านดี (2567+: every tool >= 85, total < 95).
    indicators = {**IIT_90_EIT_88, "9": "97.78", "10": "93.75"}
    in_2566 = score(load_framework(2566), indicators)
    in_2567 = score(load_framework(2567), indicators)
    assert round2(in_2566.total) == round2(in_2567.total) == Decimal("91.71")
    assert in_2566.band is None and in_2566.passed is True and in_2566.rating is None
    assert in_2567.rating is not None and in_2567.rating.label_th == "ผ่านดี"


def test_10_1_with_7_of_8_and_10_2_with_2_of_2() -> None:
    framework = load_framework(2565)
    items = all_passed(framework)
    items["O34"] = False
    result = score(framework, IIT_90_EIT_88, items)
    assert round2(result.sub_indicators["10.1"]) == Decimal("87.50")
    assert round2(result.sub_indicators["10.2"]) == Decimal("100.00")
    assert round2(result.indicators["10"]) == Decimal("93.75")


def test_missing_o42_costs_25_on_indicator_10_and_5_on_the_total() -> None:
    framework = load_framework(2565)
    items = all_passed(framework)
    full = score(framework, IIT_90_EIT_88, items)
    items["O42"] = False
    without = score(framework, IIT_90_EIT_88, items)
    assert without.sub_indicators["10.2"] == 50
    assert without.indicators["10"] == 75
    assert without.tools["OIT"] == Fraction(175, 2)
    assert full.indicators["10"] - without.indicators["10"] == 25
    assert full.total - without.total == 5
    assert item_points(framework, "O42") == 5
    assert round2(item_points(framework, "O1")) == Decimal("0.44")


def test_82_48_is_b_under_2565_rules() -> None:
    rules = load_framework(2565).rules
    verdict = classify(rules, Decimal("82.48"), {})
    assert verdict.band is not None and verdict.band.code == "B"
    assert verdict.passed is False


def test_82_48_from_indicator_scores_is_b() -> None:
    indicators = {str(n): "82.48" for n in range(1, 11)}
    result = score(load_framework(2565), indicators)
    assert result.total == Fraction(8248, 100)
    assert result.band is not None and result.band.code == "B"
    assert result.to_dict()["band"] == "B"
    assert result.to_dict()["pass_label_th"] == "ไม่ผ่าน"


@pytest.mark.parametrize(
    ("total", "band"),
    [
        ("84.995", "A"),  # rounds half up to 85.00
        ("84.994", "B"),
        ("84.99", "B"),
        ("85", "A"),
        ("94.99", "A"),
        ("94.995", "AA"),
        ("100", "AA"),
        ("95", "AA"),
        ("49.99", "F"),
        ("0", "F"),
        ("50", "E"),
    ],
)
def test_bands_compare_the_total_rounded_to_2_decimals(total: str, band: str) -> None:
    verdict = classify(load_framework(2565).rules, Decimal(total), {})
    assert verdict.band is not None and verdict.band.code == band


def test_84_995_passes() -> None:
    assert classify(load_framework(2566).rules, Decimal("84.995"), {}).passed is True
    assert classify(load_framework(2566).rules, Decimal("84.994"), {}).passed is False


def test_94_64_with_eit_below_85_is_a_plain_pass_under_2567_rules() -> None:
    # สตง. in ITA 2568: 94.64 but EIT below 85 (indicator 8 was 81.78) -> ผ่าน, not ผ่านดี.
    indicators = {
        **{code: "100" for code in ("1", "2", "3", "4", "5")},
        "6": "85.11",
        "7": "85.11",
        "8": "81.78",
        "9": "98.6",
        "10": "98.6",
    }
    for year in (2567, 2568):
        result = score(load_framework(year), indicators)
        assert round2(result.total) == Decimal("94.64")
        assert result.tools["EIT"] == 84
        assert result.passed is True
        assert result.rating is not None
        assert result.rating.label_th == "ผ่าน"
        assert result.rating.code == "pass"


def test_2567_ratings() -> None:
    rules = load_framework(2567).rules

    def rating(total: str, each: str) -> str:
        level = classify(rules, Decimal(total), dict.fromkeys(("IIT", "EIT", "OIT"), Decimal(each)))
        assert level.rating is not None
        return level.rating.label_th

    assert rating("96", "95") == "ผ่านดีเยี่ยม"
    assert rating("96", "94.99") == "ผ่านดี"
    assert rating("96", "94.995") == "ผ่านดีเยี่ยม"  # tools are compared rounded, too
    assert rating("90", "85") == "ผ่านดี"
    assert rating("90", "84") == "ผ่าน"
    assert rating("84.99", "90") == "ต้องปรับปรุง"
    assert rating("70", "90") == "ต้องปรับปรุง"
    assert rating("69.99", "90") == "ต้องปรับปรุงโดยด่วน"
    assert rating("0", "0") == "ต้องปรับปรุงโดยด่วน"


def test_indicator_scores_only() -> None:
    framework = load_framework(2565)
    result = score(framework, {**IIT_90_EIT_88, "9": 80, "10": 70})
    assert result.tools["OIT"] == 75
    assert result.total == Fraction(27) + Fraction(264, 10) + 30
    assert result.sub_indicators == {}
    assert result.items == {}
    assert result.indicator_sources["9"] == "given"


def test_items_of_one_indicator_and_the_score_of_the_other() -> None:
    framework = load_framework(2565)
    items = {i.code: True for i in framework.items_of_indicator("9")}
    result = score(framework, {**IIT_90_EIT_88, "10": 50}, items)
    assert result.indicators["9"] == 100
    assert result.indicators["10"] == 50
    assert set(result.sub_indicators) == {"9.1", "9.2", "9.3", "9.4", "9.5"}


def test_items_win_over_a_given_score_with_a_warning() -> None:
    framework = load_framework(2565)
    result = score(framework, {**IIT_90_EIT_88, "9": 50, "10": "100.00"}, all_passed(framework))
    assert result.indicators["9"] == 100
    assert len(result.warnings) == len(result.warnings_en) == 1
    assert result.warnings[0].startswith("ตัวชี้วัด 9: คะแนนที่ให้มา 50.00")
    assert result.warnings_en[0].startswith("indicator 9: the given score 50.00")
    assert " / " not in result.warnings[0] and "indicator" not in result.warnings[0]
    assert result.to_dict()["warnings_en"] == list(result.warnings_en)


def test_to_dict_is_json_ready() -> None:
    data = worked_example().to_dict()
    text = json.dumps(data, ensure_ascii=False)
    assert json.loads(text) == data
    assert data["total"] == 91.71
    assert data["tools"] == {"IIT": 90.0, "EIT": 88.0, "OIT": 95.76}
    assert data["indicators"]["10"] == 93.75
    assert data["sub_indicators"]["9.1"] == 88.89
    assert data["band"] == "A"
    assert data["passed"] is True
    assert data["pass_label_th"] == "ผ่าน"
    assert data["rating"] is None
    assert data["items"]["O3"] is False


def test_to_dict_rating_under_2567() -> None:
    result = score(load_framework(2567), {str(n): 96 for n in range(1, 11)})
    assert result.to_dict()["rating"] == {
        "code": "excellent",
        "label_th": "ผ่านดีเยี่ยม",
        "label_en": "excellent pass",
    }


# -- score_from_codes -----------------------------------------------------------------------


def rows_for(framework: Framework, failed: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    rows = [(code, str(value)) for code, value in IIT_90_EIT_88.items()]
    rows += [(item.code, "0" if item.code in failed else "1") for item in framework.items]
    return rows


def test_score_from_codes_matches_score() -> None:
    framework = load_framework(2565)
    result = score_from_codes(framework, rows_for(framework, failed=("O3", "O38")))
    assert result == worked_example()


def test_score_from_codes_normalises_codes_and_thai_digits() -> None:
    framework = load_framework(2565)
    rows = [(f" {code.lower()} ", value) for code, value in rows_for(framework)]
    rows[0] = ("๑", "๙๐")  # indicator 1, 90
    rows[8] = ("o๑", "๑")  # O1 passed
    rows[9] = ("O02", "1.0")  # O2 passed
    result = score_from_codes(framework, rows)
    assert result.indicators["1"] == 90
    assert result.items["O1"] is True and result.items["O2"] is True


def test_unknown_code_is_refused_in_thai_and_english() -> None:
    framework = load_framework(2565)
    with pytest.raises(ScoringError) as caught:
        score_from_codes(framework, [*rows_for(framework), ("O44", "1")])
    assert str(caught.value) == "รหัส O44 ไม่มีในกรอบการประเมินปี 2565"  # one language
    assert caught.value.th == "รหัส O44 ไม่มีในกรอบการประเมินปี 2565"
    assert caught.value.en == "code O44 is not in the 2565 framework"
    assert isinstance(caught.value, ValueError)


def test_an_item_code_of_another_year_is_unknown() -> None:
    framework = load_framework(2568)
    with pytest.raises(ScoringError, match="รหัส O27 ไม่มีในกรอบการประเมินปี 2568") as caught:
        score_from_codes(framework, [("O27", "1")])
    assert caught.value.en == "code O27 is not in the 2568 framework"


def test_out_of_range_and_not_numbers_are_all_reported() -> None:
    framework = load_framework(2565)
    rows = rows_for(framework)
    rows[0] = ("1", "120")
    rows[1] = ("2", "abc")
    rows[8] = ("O1", "2")
    with pytest.raises(ScoringError) as caught:
        score_from_codes(framework, rows)
    assert caught.value.problems == (
        (
            "ผลของข้อ O1 ต้องเป็น 1 (ผ่าน) หรือ 0 (ไม่ผ่าน) (ได้ '2')",
            "the result of item O1 must be 1 (passed) or 0 (failed) (got '2')",
        ),
        (
            "คะแนนของตัวชี้วัด 1 ต้องอยู่ระหว่าง 0 ถึง 100 (ได้ 120)",
            "the score of indicator 1 must be between 0 and 100 (got 120)",
        ),
        ("คะแนนของตัวชี้วัด 2 ไม่ใช่ตัวเลข ('abc')", "the score of indicator 2 is not a number ('abc')"),
    )
    assert caught.value.th.splitlines() == [th for th, _en in caught.value.problems]
    assert caught.value.en.splitlines() == [en for _th, en in caught.value.problems]


@pytest.mark.parametrize("value", ["-0.01", "100.01", "nan", "inf", "", "85,5"])
def test_bad_indicator_values(value: str) -> None:
    with pytest.raises(ScoringError, match="คะแนนของตัวชี้วัด 3") as caught:
        parse_score(value, "3")
    assert "indicator 3" in caught.value.en


def test_duplicate_code_is_refused() -> None:
    framework = load_framework(2565)
    with pytest.raises(ScoringError, match=r"รหัส O5 ซ้ำ \(แถวที่ 13 และ 52\)") as caught:
        score_from_codes(framework, [*rows_for(framework), ("O5", "1")])
    assert "code O5 is given twice (rows 13 and 52)" in caught.value.en


def test_incomplete_items_cannot_be_computed() -> None:
    framework = load_framework(2565)
    rows = [r for r in rows_for(framework) if r[0] not in ("O3", "O7")]
    with pytest.raises(ScoringError) as caught:
        score_from_codes(framework, rows)
    assert caught.value.problems == (
        (
            "ตัวชี้วัด 9 คำนวณไม่ได้: มีผลรายข้อบางข้อ แต่ขาดข้อ O3, O7",
            "indicator 9 cannot be computed: some of its items are given but O3, O7 are missing",
        ),
    )


def test_missing_indicators_are_named() -> None:
    framework = load_framework(2565)
    rows = [r for r in rows_for(framework) if r[0] not in ("4", "5")]
    with pytest.raises(ScoringError, match=r"ขาดคะแนนตัวชี้วัด 4, 5") as caught:
        score_from_codes(framework, rows)
    assert "missing scores for indicators 4, 5" in caught.value.en


def test_no_rows() -> None:
    with pytest.raises(ScoringError, match="^ไม่มีข้อมูลคะแนน$") as caught:
        score_from_codes(load_framework(2565), [])
    assert caught.value.en == "no scores were given"


def test_score_refuses_non_boolean_item_results() -> None:
    framework = load_framework(2565)
    items: dict[str, bool] = {code: True for code in all_passed(framework)}
    items["O1"] = 1  # type: ignore[assignment]
    with pytest.raises(ScoringError, match="ผลของข้อ O1 ต้องเป็นผ่านหรือไม่ผ่าน") as caught:
        score(framework, IIT_90_EIT_88, items)
    assert "the result of item O1 must be passed or failed" in caught.value.en


def test_score_refuses_unknown_indicator_codes() -> None:
    with pytest.raises(ScoringError, match="รหัส 11 ไม่มีในกรอบการประเมินปี 2565") as caught:
        score(load_framework(2565), {**IIT_90_EIT_88, "9": 1, "10": 1, "11": 50})
    assert "code 11 is not in the 2565 framework" in caught.value.en


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Fraction(84995, 1000), "85.00"),
        (Fraction(84994, 1000), "84.99"),
        (Fraction(800, 9), "88.89"),
        (Decimal("82.48"), "82.48"),
        (0, "0.00"),
        (100, "100.00"),
    ],
)
def test_round2_rounds_half_up(value: Fraction | Decimal | int, expected: str) -> None:
    assert str(round2(value)) == expected


def test_floats_are_read_as_written() -> None:
    # 84.995 as a float is 84.99499999...; it is read as the 84.995 the user typed.
    assert parse_score(84.995, "1") == Fraction(84995, 1000)


def test_a_value_of_another_type_is_not_a_number() -> None:
    from prongsai.ita.scoring import ScoringError, parse_score

    with pytest.raises(ScoringError):
        parse_score([85], "1")  # type: ignore[arg-type]


def test_rules_whose_bands_leave_a_gap_are_refused() -> None:
    from prongsai.ita.rules import Band, ResultRules
    from prongsai.ita.scoring import classify

    rules = ResultRules(bands=(Band("A", Decimal("50"), Decimal("100")),))
    with pytest.raises(ValueError, match="no band covers 10.00"):
        classify(rules, Decimal("10"), {})
