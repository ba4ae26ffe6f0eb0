"""Frameworks as data: every shipped file loads, and malformed files are refused clearly."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from prongsai.ita.framework import (
    FrameworkError,
    available_years,
    data_dir,
    load_framework,
    load_framework_file,
    parse_framework,
)

SHIPPED = available_years()


def framework_data(year: int = 2565) -> dict[str, Any]:
    text = data_dir().joinpath(f"ita-{year}.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, dict)
    return data


def write(tmp_path: Path, data: object, name: str = "ita-2565.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def refused(tmp_path: Path, data: object, name: str = "ita-2565.yaml") -> str:
    with pytest.raises(FrameworkError) as caught:
        load_framework_file(write(tmp_path, data, name))
    return str(caught.value)


# -- shipped files --------------------------------------------------------------------------


def test_the_expected_years_are_shipped() -> None:
    assert SHIPPED == [2564, 2565, 2566, 2567, 2568, 2569]


@pytest.mark.parametrize("year", SHIPPED)
def test_every_shipped_framework_loads(year: int) -> None:
    framework = load_framework(year)
    assert framework.year == year
    assert framework.source_file == f"ita-{year}.yaml"
    assert [(t.code, t.weight) for t in framework.tools] == [
        ("IIT", Decimal(30)),
        ("EIT", Decimal(30)),
        ("OIT", Decimal(40)),
    ]
    assert [i.code for i in framework.indicators] == [str(n) for n in range(1, 11)]
    assert [i.code for i in framework.indicators_of("IIT")] == ["1", "2", "3", "4", "5"]
    assert [i.code for i in framework.indicators_of("EIT")] == ["6", "7", "8"]
    assert [i.code for i in framework.indicators_of("OIT")] == ["9", "10"]
    assert all(i.name_th and i.name_en for i in framework.indicators)
    # Items are numbered O1..On without gaps.
    assert [i.code for i in framework.items] == [
        f"O{n}" for n in range(1, len(framework.items) + 1)
    ]
    assert framework.rules.pass_rule is not None
    assert framework.rules.pass_rule.threshold == 85


@pytest.mark.parametrize("year", SHIPPED)
def test_shipped_files_load_the_same_from_a_path(year: int, tmp_path: Path) -> None:
    text = data_dir().joinpath(f"ita-{year}.yaml").read_text(encoding="utf-8")
    path = tmp_path / f"ita-{year}.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_framework_file(path) == load_framework(year)


def test_2565_structure_matches_the_reference() -> None:
    framework = load_framework(2565)
    counts = {s.code: len(framework.items_of(s.code)) for s in framework.sub_indicators}
    assert counts == {"9.1": 9, "9.2": 8, "9.3": 7, "9.4": 4, "9.5": 5, "10.1": 8, "10.2": 2}
    assert [i.code for i in framework.items_of("10.2")] == ["O42", "O43"]
    assert framework.item("O42").name_th == "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    assert framework.indicator_of_item("O42").code == "10"
    assert [b.code for b in framework.rules.bands] == ["AA", "A", "B", "C", "D", "E", "F"]
    assert framework.rules.ratings == ()
    assert not framework.provisional


def test_2564_differs_from_2565_only_where_the_reference_says() -> None:
    old, new = load_framework(2564), load_framework(2565)
    changed = [a.code for a, b in zip(old.items, new.items, strict=True) if a.name_th != b.name_th]
    assert changed == ["O34", "O36", "O37"]
    assert old.sub_indicators == new.sub_indicators


def test_provisional_years() -> None:
    assert [y for y in SHIPPED if load_framework(y).provisional] == [2567, 2568, 2569]
    # 2567 reuses the 2566 item list.
    assert load_framework(2567).items == load_framework(2566).items
    for year in (2568, 2569):
        framework = load_framework(year)
        assert 24 <= len(framework.items) <= 28
        # Sub-indicators unknown: one assumed stand-in per OIT indicator.
        assert [(s.indicator, s.assumed) for s in framework.sub_indicators] == [
            ("9", True),
            ("10", True),
        ]


def test_five_level_rating_from_2567_only() -> None:
    for year in SHIPPED:
        ratings = load_framework(year).rules.ratings
        if year < 2567:
            assert ratings == ()
        else:
            assert [r.label_th for r in ratings] == [
                "ผ่านดีเยี่ยม",
                "ผ่านดี",
                "ผ่าน",
                "ต้องปรับปรุง",
                "ต้องปรับปรุงโดยด่วน",
            ]
            assert [r.min_each_tool for r in ratings[:2]] == [Decimal(95), Decimal(85)]


def test_bands_only_up_to_2565() -> None:
    assert [y for y in SHIPPED if load_framework(y).rules.bands] == [2564, 2565]


def test_unknown_year_is_refused_with_the_available_ones() -> None:
    with pytest.raises(FrameworkError, match=r"ita-2550\.yaml: .*no framework for year 2550"):
        load_framework(2550)


def test_lookup_of_an_unknown_code_names_it() -> None:
    with pytest.raises(KeyError, match="O99"):
        load_framework(2565).item("O99")


# -- malformed files ------------------------------------------------------------------------


def test_missing_field(tmp_path: Path) -> None:
    data = framework_data()
    del data["indicators"][3]["name_th"]
    assert (
        refused(tmp_path, data) == "ita-2565.yaml: indicators[3].name_th: required field is missing"
    )


def test_missing_top_level_field(tmp_path: Path) -> None:
    data = framework_data()
    del data["items"]
    assert refused(tmp_path, data) == "ita-2565.yaml: items: required field is missing"


def test_wrong_type(tmp_path: Path) -> None:
    data = framework_data()
    data["tools"][0]["weight"] = "thirty"
    assert (
        refused(tmp_path, data)
        == "ita-2565.yaml: tools[0].weight: must be a number, not text 'thirty'"
    )


def test_code_written_as_a_number_gets_a_hint(tmp_path: Path) -> None:
    data = framework_data()
    data["indicators"][0]["code"] = 1
    assert (
        refused(tmp_path, data)
        == "ita-2565.yaml: indicators[0].code: must be text (put it in quotes), not number 1"
    )


def test_list_expected(tmp_path: Path) -> None:
    data = framework_data()
    data["items"] = {"O1": "โครงสร้าง"}
    assert refused(tmp_path, data) == "ita-2565.yaml: items: must be a list, not a mapping"


def test_unknown_tool(tmp_path: Path) -> None:
    data = framework_data()
    data["indicators"][3]["tool"] = "XIT"
    message = refused(tmp_path, data)
    assert message.startswith("ita-2565.yaml: indicators[3].tool: must be one of IIT, EIT, OIT")
    assert "XIT" in message


def test_weights_not_summing_to_100(tmp_path: Path) -> None:
    data = framework_data()
    data["tools"][2]["weight"] = 30
    assert (
        refused(tmp_path, data) == "ita-2565.yaml: tools: weights must sum to 100 (they sum to 90)"
    )


def test_missing_tool(tmp_path: Path) -> None:
    data = framework_data()
    data["tools"] = data["tools"][:2]
    message = refused(tmp_path, data)
    assert message.startswith("ita-2565.yaml: tools: tool OIT is missing")


def test_duplicate_tool(tmp_path: Path) -> None:
    data = framework_data()
    data["tools"][1]["code"] = "IIT"
    assert (
        refused(tmp_path, data)
        == "ita-2565.yaml: tools[1].code: duplicate tool IIT (first at tools[0].code)"
    )


def test_duplicate_item_code(tmp_path: Path) -> None:
    data = framework_data()
    data["items"][5]["code"] = "O1"
    assert (
        refused(tmp_path, data)
        == "ita-2565.yaml: items[5].code: duplicate item code O1 (first at items[0].code)"
    )


def test_item_pointing_at_unknown_sub_indicator(tmp_path: Path) -> None:
    data = framework_data()
    data["items"][0]["sub_indicator"] = "9.9"
    message = refused(tmp_path, data)
    assert message.startswith("ita-2565.yaml: items[0].sub_indicator: unknown sub-indicator '9.9'")
    assert "known: 10.1, 10.2, 9.1" in message


def test_sub_indicator_pointing_at_unknown_indicator(tmp_path: Path) -> None:
    data = framework_data()
    data["sub_indicators"][0]["indicator"] = "11"
    message = refused(tmp_path, data)
    assert message.startswith("ita-2565.yaml: sub_indicators[0].indicator: unknown indicator '11'")


def test_sub_indicator_under_a_survey_indicator(tmp_path: Path) -> None:
    data = framework_data()
    data["sub_indicators"][0]["indicator"] = "3"
    assert refused(tmp_path, data) == (
        "ita-2565.yaml: sub_indicators[0].indicator: indicator 3 belongs to IIT; "
        "only OIT indicators have sub-indicators"
    )


def test_sub_indicator_without_items(tmp_path: Path) -> None:
    data = framework_data()
    data["items"] = [i for i in data["items"] if i["sub_indicator"] != "10.2"]
    assert refused(tmp_path, data) == "ita-2565.yaml: items: sub-indicator 10.2 has no item"


def test_oit_indicator_without_sub_indicators(tmp_path: Path) -> None:
    data = framework_data()
    data["sub_indicators"] = [s for s in data["sub_indicators"] if s["indicator"] != "10"]
    assert (
        refused(tmp_path, data)
        == "ita-2565.yaml: sub_indicators: OIT indicator 10 has no sub-indicator"
    )


def test_tool_without_indicators(tmp_path: Path) -> None:
    data = framework_data()
    for indicator in data["indicators"]:
        if indicator["tool"] == "EIT":
            indicator["tool"] = "IIT"
    assert refused(tmp_path, data) == "ita-2565.yaml: indicators: tool EIT has no indicator"


def test_unknown_field_is_refused(tmp_path: Path) -> None:
    data = framework_data()
    data["items"][4]["sub_indcator"] = "9.1"
    message = refused(tmp_path, data)
    assert message.startswith("ita-2565.yaml: items[4]: unknown field 'sub_indcator'")


def test_bad_item_code(tmp_path: Path) -> None:
    data = framework_data()
    data["items"][0]["code"] = "EB1"
    assert (
        refused(tmp_path, data)
        == "ita-2565.yaml: items[0].code: must look like O1, O2, ... (got 'EB1')"
    )


def test_year_must_match_the_file_name(tmp_path: Path) -> None:
    data = framework_data()
    assert (
        refused(tmp_path, data, "ita-2566.yaml")
        == "ita-2566.yaml: year: is 2565 but the file name says 2566"
    )


def test_any_file_name_is_accepted_for_drafts(tmp_path: Path) -> None:
    framework = load_framework_file(write(tmp_path, framework_data(), "draft.yaml"))
    assert framework.year == 2565
    assert framework.source_file == "draft.yaml"


def test_bands_must_leave_no_gap(tmp_path: Path) -> None:
    data = framework_data()
    data["result_rules"]["bands"][2]["max"] = 84.5
    assert refused(tmp_path, data) == (
        "ita-2565.yaml: result_rules.bands[2].max: must be 84.99 (0.01 below the min of band A) "
        "so that bands leave no gap and do not overlap"
    )


def test_bands_must_reach_zero(tmp_path: Path) -> None:
    data = framework_data()
    data["result_rules"]["bands"][-1]["min"] = 10
    assert refused(tmp_path, data) == (
        "ita-2565.yaml: result_rules.bands[6].min: the last (lowest) band must start at 0, not 10"
    )


def test_percent_out_of_range(tmp_path: Path) -> None:
    data = framework_data()
    data["result_rules"]["pass"]["threshold"] = 185
    assert refused(tmp_path, data) == (
        "ita-2565.yaml: result_rules.pass.threshold: must be between 0 and 100 (got 185)"
    )


def test_ratings_need_a_catch_all(tmp_path: Path) -> None:
    data = framework_data(2567)
    data["result_rules"]["ratings"] = data["result_rules"]["ratings"][:3]
    assert refused(tmp_path, data, "ita-2567.yaml") == (
        "ita-2567.yaml: result_rules.ratings[2]: the last rating must match every result: "
        "min_total 0 and no min_each_tool"
    )


def test_ratings_are_ordered(tmp_path: Path) -> None:
    data = framework_data(2567)
    ratings = data["result_rules"]["ratings"]
    ratings[0], ratings[1] = ratings[1], ratings[0]
    message = refused(tmp_path, data, "ita-2567.yaml")
    assert message.startswith("ita-2567.yaml: result_rules.ratings[1].min_total: ratings are")


def test_non_positive_indicator_weight(tmp_path: Path) -> None:
    data = framework_data()
    data["indicators"][0]["weight"] = 0
    assert (
        refused(tmp_path, data)
        == "ita-2565.yaml: indicators[0].weight: must be greater than 0 (got 0)"
    )


def test_unsupported_schema(tmp_path: Path) -> None:
    data = framework_data()
    data["schema"] = 2
    assert refused(tmp_path, data).startswith("ita-2565.yaml: schema: unsupported schema version 2")


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    assert (
        refused(tmp_path, ["not", "a", "framework"])
        == "ita-2565.yaml: (top level): must be a mapping (key: value), not a list"
    )


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "ita-2565.yaml"
    path.write_text("schema: 1\nyear: [2565\n", encoding="utf-8")
    with pytest.raises(FrameworkError, match=r"^ita-2565\.yaml: line \d+: not valid YAML"):
        load_framework_file(path)


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(FrameworkError, match=r"^missing\.yaml: \(file\): cannot be read"):
        load_framework_file(tmp_path / "missing.yaml")


def test_indicator_weights_are_read(tmp_path: Path) -> None:
    data = copy.deepcopy(framework_data())
    data["indicators"][0]["weight"] = 2
    framework = load_framework_file(write(tmp_path, data))
    assert framework.indicator("1").weight == 2
    assert framework.indicator("2").weight == 1


def test_parse_framework_names_the_given_source() -> None:
    with pytest.raises(FrameworkError, match=r"^upload\.yaml: schema: required field is missing"):
        parse_framework("year: 2565\n", "upload.yaml")


@pytest.mark.parametrize(
    ("module", "loader"), [("crosswalk", "load_crosswalk"), ("measure_types", "load_measure_types")]
)
def test_a_data_file_missing_from_the_installation_is_named(monkeypatch, tmp_path, module, loader):
    import importlib

    from prongsai.ita.framework import FrameworkError

    mod = importlib.import_module(f"prongsai.ita.{module}")
    monkeypatch.setattr(mod, "data_dir", lambda: tmp_path)
    with pytest.raises(FrameworkError, match="missing from the package"):
        getattr(mod, loader).__wrapped__()
