"""Analysis helpers, the cross-year mapping and the measure-type library."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
import yaml

from prongsai.ita.analysis import (
    analyse,
    failed_items,
    points_at_stake,
    suggest_measures,
    weak_indicators,
)
from prongsai.ita.crosswalk import load_crosswalk, parse_crosswalk
from prongsai.ita.framework import (
    Framework,
    FrameworkError,
    available_years,
    data_dir,
    load_framework,
)
from prongsai.ita.measure_types import load_measure_types, parse_measure_types
from prongsai.ita.scoring import ScoreResult, round2, score

IIT_90_EIT_88 = {"1": 90, "2": 90, "3": 90, "4": 90, "5": 90, "6": 88, "7": 88, "8": 88}


def frameworks() -> dict[int, Framework]:
    return {year: load_framework(year) for year in available_years()}


def with_failed(year: int, *failed: str, **indicators: int) -> tuple[Framework, ScoreResult]:
    framework = load_framework(year)
    items = {i.code: i.code not in failed for i in framework.items}
    scores = {**IIT_90_EIT_88, **{k.lstrip("i"): v for k, v in indicators.items()}}
    return framework, score(framework, scores, items)


# -- points at stake, weak indicators, failed items ----------------------------------------


def test_o42_is_worth_5_points_in_2565() -> None:
    framework = load_framework(2565)
    assert points_at_stake(framework, "O42") == 5
    assert points_at_stake(framework, "O43") == 5
    assert round2(points_at_stake(framework, "O1")) == Decimal("0.44")  # one of nine in 9.1
    assert points_at_stake(framework, "O34") == Fraction(5, 4)  # one of eight in 10.1


def test_points_at_stake_per_year_follow_the_structure() -> None:
    # 2566: 10.2 holds O39-O43 (uncertain boundaries), so O42 weighs 2 points.
    assert points_at_stake(load_framework(2566), "O42") == 2
    # 2569: one stand-in sub-indicator of 7 items under indicator 10.
    assert points_at_stake(load_framework(2569), "O25") == Fraction(20, 7)


def test_failed_items_are_ordered_by_points_at_stake() -> None:
    framework, result = with_failed(2565, "O1", "O42", "O35")
    failed = failed_items(framework, result)
    assert [(f.code, f.points_at_stake) for f in failed] == [
        ("O42", Fraction(5)),
        ("O35", Fraction(5, 4)),
        ("O1", Fraction(4, 9)),
    ]
    assert failed[0].sub_indicator == "10.2" and failed[0].indicator == "10"


def test_weak_indicators_under_85() -> None:
    framework, result = with_failed(2565, "O42", i3=80)
    weak = weak_indicators(framework, result)
    assert [(w.code, w.score) for w in weak] == [("3", 80), ("10", 75)]
    three, ten = weak
    assert three.points_to_threshold == Fraction(3, 10)  # 5 points x 0.06 of the total
    assert not three.from_items
    assert ten.from_items
    assert ten.points_to_threshold == 2  # 10 points x 0.2 of the total


def test_an_indicator_at_84_995_is_not_weak() -> None:
    framework = load_framework(2566)
    result = score(framework, {**IIT_90_EIT_88, "8": "84.995", "9": 90, "10": 90})
    assert [w.code for w in weak_indicators(framework, result)] == []
    assert [w.code for w in weak_indicators(framework, result, Decimal(90))] == ["6", "7", "8"]


def test_analysis_refuses_another_years_result() -> None:
    _, result = with_failed(2565)
    with pytest.raises(ValueError, match="the result is of 2565 but the framework is of 2566"):
        analyse(load_framework(2566), result)


def test_analysis_to_dict_is_json_ready() -> None:
    framework, result = with_failed(2565, "O42", i3=80)
    data = analyse(framework, result).to_dict()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert data["failed_items"][0] == {
        "code": "O42",
        "name_th": "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
        "name_en": "measures to promote integrity and transparency within the agency",
        "sub_indicator": "10.2",
        "indicator": "10",
        "points_at_stake": 5.0,
    }
    assert [w["code"] for w in data["weak_indicators"]] == ["3", "10"]


# -- suggestions ----------------------------------------------------------------------------


def test_suggestions_are_ordered_by_points_at_stake() -> None:
    framework, result = with_failed(2565, "O1", "O42", "O23", i6=80)
    suggestions = suggest_measures(framework, analyse(framework, result))
    assert [(s.measure_type.key, s.points_at_stake) for s in suggestions] == [
        ("integrity-measures", Fraction(5)),
        ("procurement-transparency", Fraction(4, 7)),  # one of seven in 9.3: 100/7 x 0.04
        ("bribery-prevention", Fraction(1, 2)),  # indicator 6: 5 points x 0.1
        ("discretion-check", Fraction(1, 2)),
        ("service-improvement", Fraction(1, 2)),
        ("public-disclosure", Fraction(4, 9)),  # one of nine in 9.1
    ]
    top = suggestions[0]
    assert [f.code for f in top.failed_items] == ["O42"]
    assert top.measure_type.title_th == "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    assert top.measure_type.responsible_division_th == "สำนักปลัด"
    assert top.measure_type.steps_th
    procurement = suggestions[1]
    assert procurement.measure_type.responsible_division_th == "กองคลัง"
    assert procurement.to_dict()["failed_items"] == ["O23"]
    assert procurement.to_dict()["points_at_stake"] == 0.57


def test_the_o42_pair_maps_to_its_successors_each_year() -> None:
    library, crosswalk = load_measure_types(), load_crosswalk()
    measures = library.get("integrity-measures")
    expected = {
        2564: ("O42", "O43"),
        2565: ("O42", "O43"),
        2566: ("O42", "O43"),
        2567: ("O42", "O43"),
        2568: (),
        2569: ("O25", "O26"),
    }
    assert {y: measures.items_in(f, crosswalk) for y, f in frameworks().items()} == expected
    assert measures.indicators_in(load_framework(2569), crosswalk) == ("10",)


def test_suggestions_from_indicator_scores_only() -> None:
    framework = load_framework(2568)
    result = score(framework, {**IIT_90_EIT_88, "9": 95, "10": 60})
    suggestions = suggest_measures(framework, analyse(framework, result))
    keys = [s.measure_type.key for s in suggestions]
    # Indicator 10 (60) is given as a score: every measure type with items under 10 counts it.
    assert "corruption-risk-management" in keys and "bribery-prevention" in keys
    assert all(s.points_at_stake == 5 for s in suggestions)  # 25 points x 0.2
    assert all([w.code for w in s.weak_indicators] == ["10"] for s in suggestions)


def test_no_weakness_no_suggestion() -> None:
    framework, result = with_failed(2565)
    assert suggest_measures(framework, analyse(framework, result)) == []


# -- crosswalk ------------------------------------------------------------------------------


def test_o42_and_o43_successors() -> None:
    crosswalk = load_crosswalk()
    assert crosswalk.counterparts(2565, "O42", 2566) == ("O42",)
    assert crosswalk.counterparts(2565, "O42", 2569) == ("O25",)
    assert crosswalk.counterparts(2565, "O43", 2569) == ("O26",)
    assert crosswalk.counterparts(2569, "O26", 2564) == ("O43",)
    assert crosswalk.counterparts(2565, "O42", 2568) == ()


def test_renumbered_and_merged_items() -> None:
    crosswalk = load_crosswalk()
    assert crosswalk.counterparts(2565, "O21", 2566) == ("O19", "O20", "O21")
    assert crosswalk.counterparts(2565, "O10", 2566) == ("O11",)
    assert crosswalk.counterparts(2566, "O11", 2565) == ("O10", "O18")
    assert crosswalk.counterparts(2565, "O29", 2566) == ("O27",)
    assert crosswalk.counterparts(2566, "O10", 2565) == ()  # new in 2566


@pytest.mark.parametrize("year", available_years())
def test_every_item_of_every_year_is_in_exactly_one_lineage(year: int) -> None:
    crosswalk = load_crosswalk()
    for item in load_framework(year).items:
        lineage = crosswalk.lineage_of(year, item.code)
        assert lineage is not None, f"{year} {item.code} is in no lineage"
        holders = [lin.key for lin in crosswalk.lineages if item.code in lin.items_in(year)]
        assert holders == [lineage.key]


def crosswalk_data() -> dict[str, Any]:
    data = yaml.safe_load(data_dir().joinpath("crosswalk.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_crosswalk_refuses_an_unknown_item() -> None:
    data = crosswalk_data()
    data["lineages"][0]["items"][2565] = ["O1", "O99"]
    with pytest.raises(FrameworkError) as caught:
        parse_crosswalk(yaml.safe_dump(data, allow_unicode=True), "crosswalk.yaml", frameworks())
    assert str(caught.value) == (
        "crosswalk.yaml: lineages[0].items.2565[1]: item O99 is not in the 2565 framework"
    )


def test_crosswalk_refuses_an_item_in_two_lineages() -> None:
    data = crosswalk_data()
    data["lineages"][1]["items"][2565] = ["O2", "O1"]
    with pytest.raises(FrameworkError, match=r"item O1 of 2565 is already in lineage"):
        parse_crosswalk(yaml.safe_dump(data, allow_unicode=True), "crosswalk.yaml", frameworks())


def test_crosswalk_refuses_an_unknown_year() -> None:
    data = crosswalk_data()
    data["lineages"][0]["items"][2550] = ["O1"]
    with pytest.raises(FrameworkError, match=r"lineages\[0\]\.items\.2550: no framework"):
        parse_crosswalk(yaml.safe_dump(data, allow_unicode=True), "crosswalk.yaml", frameworks())


# -- measure types --------------------------------------------------------------------------


def test_measure_types_cover_every_lineage_and_survey_indicator() -> None:
    library, crosswalk = load_measure_types(), load_crosswalk()
    covered = {key for kind in library.measure_types for key in kind.lineages}
    assert covered == {lineage.key for lineage in crosswalk.lineages}
    direct = {code for kind in library.measure_types for code in kind.indicators}
    assert direct == {str(n) for n in range(1, 9)}


def test_measure_types_named_in_the_issue_exist() -> None:
    titles = {kind.key: kind.title_th for kind in load_measure_types().measure_types}
    assert titles["bribery-prevention"] == "มาตรการป้องกันการรับสินบน"
    assert titles["public-disclosure"] == "มาตรการเผยแพร่ข้อมูลต่อสาธารณะ"
    assert titles["procurement-transparency"] == "มาตรการส่งเสริมความโปร่งใสในการจัดซื้อจัดจ้าง"
    assert titles["complaint-handling"] == "มาตรการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ"
    assert titles["stakeholder-participation"] == "มาตรการให้ผู้มีส่วนได้เสียมีส่วนร่วม"
    assert titles["conflict-of-interest"] == "มาตรการป้องกันการขัดกันระหว่างผลประโยชน์"
    for kind in load_measure_types().measure_types:
        assert kind.steps_th and kind.responsible_division_th


def measure_data() -> dict[str, Any]:
    text = data_dir().joinpath("measure-types.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


def test_measure_types_refuse_an_unknown_lineage() -> None:
    data = measure_data()
    data["measure_types"][2]["lineages"].append("bribes")
    with pytest.raises(FrameworkError) as caught:
        parse_measure_types(
            yaml.safe_dump(data, allow_unicode=True),
            "measure-types.yaml",
            load_crosswalk(),
            frameworks(),
        )
    assert str(caught.value) == (
        "measure-types.yaml: measure_types[2].lineages[7]: unknown lineage 'bribes' "
        "(see crosswalk.yaml)"
    )


def test_measure_types_refuse_an_unknown_indicator() -> None:
    data = measure_data()
    data["measure_types"][1]["indicators"] = ["11"]
    with pytest.raises(FrameworkError, match=r"measure_types\[1\]\.indicators\[0\]: indicator 11"):
        parse_measure_types(
            yaml.safe_dump(data, allow_unicode=True),
            "measure-types.yaml",
            load_crosswalk(),
            frameworks(),
        )
