"""Properties of scoring and analysis that hold for every year and every input (hypothesis)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from prongsai.ita.analysis import analyse, suggest_measures
from prongsai.ita.framework import Framework, available_years, load_framework
from prongsai.ita.scoring import ScoreValue, classify, item_points, round2, score, score_from_codes

FRAMEWORKS = [load_framework(year) for year in available_years()]

scores: st.SearchStrategy[ScoreValue] = st.one_of(
    st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False),
    st.fractions(min_value=0, max_value=100, max_denominator=1000),
    st.integers(min_value=0, max_value=100),
)

Case = tuple[Framework, dict[str, ScoreValue], dict[str, bool]]


@st.composite
def cases(draw: st.DrawFn, with_items: bool = True) -> Case:
    """A framework, indicator scores and (optionally) every OIT item's result."""
    framework = draw(st.sampled_from(FRAMEWORKS))
    indicators = {
        i.code: draw(scores)
        for i in framework.indicators
        if not (with_items and framework.is_item_scored(i.code))
    }
    items = {i.code: draw(st.booleans()) for i in framework.items} if with_items else {}
    return framework, indicators, items


any_case = st.one_of(cases(with_items=True), cases(with_items=False))


@given(any_case)
def test_every_score_is_within_0_and_100(case: Case) -> None:
    result = score(*case)
    for value in (result.total, *result.tools.values(), *result.indicators.values()):
        assert 0 <= value <= 100
    for value in result.sub_indicators.values():
        assert 0 <= value <= 100


@given(any_case)
def test_total_is_the_weighted_sum_of_the_tools(case: Case) -> None:
    framework = case[0]
    result = score(*case)
    tools = result.tools
    assert result.total == (tools["IIT"] * 30 + tools["EIT"] * 30 + tools["OIT"] * 40) / 100
    assert tools["OIT"] == (result.indicators["9"] + result.indicators["10"]) / 2
    assert tools["IIT"] == sum(result.indicators[c] for c in "12345") / 5
    assert tools["EIT"] == sum(result.indicators[c] for c in "678") / 3
    for sub, value in result.sub_indicators.items():
        members = framework.items_of(sub)
        assert value == Fraction(100 * sum(result.items[i.code] for i in members), len(members))


@given(cases(), st.data())
def test_passing_a_failed_item_never_lowers_the_total_and_adds_its_points(
    case: Case, data: st.DataObject
) -> None:
    framework, indicators, items = case
    failed = [code for code, passed in items.items() if not passed]
    if not failed:
        return
    code = data.draw(st.sampled_from(failed))
    before = score(framework, indicators, items)
    after = score(framework, indicators, {**items, code: True})
    assert after.total >= before.total
    assert after.total - before.total == item_points(framework, code)
    assert item_points(framework, code) > 0
    # The analysis reports the same points at stake.
    stake = {f.code: f.points_at_stake for f in analyse(framework, before).failed_items}
    assert stake[code] == after.total - before.total


@given(cases())
def test_points_at_stake_add_up_to_all_items_passed(case: Case) -> None:
    framework, indicators, items = case
    result = score(framework, indicators, items)
    best = score(framework, indicators, dict.fromkeys(items, True))
    at_stake = sum(
        (f.points_at_stake for f in analyse(framework, result).failed_items), Fraction(0)
    )
    assert result.total + at_stake == best.total


@given(any_case)
def test_band_pass_and_rating_follow_the_rules(case: Case) -> None:
    framework = case[0]
    result = score(*case)
    rules = framework.rules
    shown = round2(result.total)
    containing = [b for b in rules.bands if b.minimum <= shown <= b.maximum]
    if rules.bands:
        assert containing == [result.band]
    else:
        assert result.band is None
    assert rules.pass_rule is not None
    assert result.passed == (shown >= rules.pass_rule.threshold)
    tools = [round2(v) for v in result.tools.values()]

    def holds(level_index: int) -> bool:
        level = rules.ratings[level_index]
        each = level.min_each_tool
        return shown >= level.min_total and (each is None or all(t >= each for t in tools))

    if not rules.ratings:
        assert result.rating is None
    else:
        assert result.rating is not None
        index = rules.ratings.index(result.rating)
        assert holds(index)
        assert not any(holds(i) for i in range(index))
        if result.rating.min_each_tool is not None:
            assert result.passed  # a rating with a tool condition is a pass


@given(st.sampled_from(FRAMEWORKS), scores)
def test_classify_uses_the_rounded_total(framework: Framework, value: ScoreValue) -> None:
    exact = Fraction(Decimal(str(value))) if not isinstance(value, Fraction) else value
    assert classify(framework.rules, exact, {}) == classify(framework.rules, round2(exact), {})


@given(any_case)
def test_score_from_codes_agrees_with_score(case: Case) -> None:
    framework, indicators, items = case
    # Rows carry text; fractions such as 1/3 are written as 2-decimal numbers first.
    written = {
        code: round2(value) if isinstance(value, Fraction) else value
        for code, value in indicators.items()
    }
    rows = [(code, str(value)) for code, value in written.items()]
    rows += [(code, "1" if passed else "0") for code, passed in items.items()]
    assert score_from_codes(framework, rows) == score(framework, written, items)


@given(any_case)
def test_weak_indicators_are_those_under_85(case: Case) -> None:
    framework = case[0]
    result = score(*case)
    weak = {w.code for w in analyse(framework, result).weak_indicators}
    assert weak == {c for c, v in result.indicators.items() if round2(v) < 85}


@given(any_case)
def test_suggestions_are_ordered_and_add_up(case: Case) -> None:
    framework = case[0]
    analysis = analyse(framework, score(*case))
    suggestions = suggest_measures(framework, analysis)
    stakes = [s.points_at_stake for s in suggestions]
    assert stakes == sorted(stakes, reverse=True)
    for suggestion in suggestions:
        assert suggestion.points_at_stake > 0
        assert suggestion.points_at_stake == sum(
            (f.points_at_stake for f in suggestion.failed_items), Fraction(0)
        ) + sum((w.points_to_threshold for w in suggestion.weak_indicators), Fraction(0))
    # Every failed item is covered by at least one suggestion.
    covered = {f.code for s in suggestions for f in s.failed_items}
    assert covered == {f.code for f in analysis.failed_items}
