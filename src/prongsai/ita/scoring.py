"""ITA scores from indicator scores or OIT item results, under one year's rules.

The roll-up (derived from published figures, so uncertain):

* an OIT item is passed or not;
* a sub-indicator scores the percentage of its items passed;
* an indicator scores the (weighted) mean of its sub-indicators;
* a tool scores the (weighted) mean of its indicators: IIT = indicators 1-5, EIT = 6-8,
  OIT = 9 and 10. Equal weights inside IIT and EIT are an assumption; the YAML may change them;
* total = sum of tool score x tool weight / 100 (0.3 IIT + 0.3 EIT + 0.4 OIT).

Arithmetic is exact (:class:`fractions.Fraction`): nothing is rounded on the way. Rounding to
2 decimals (half up) is for display, and the result rules (band, pass, rating) compare the
value **rounded to 2 decimals**: 82.48 is B, and 84.995 rounds to 85.00 and is A. This is our
choice (no NACC text seen says either way): results are published with 2 decimals, and a score
is classified as it is printed. Floats given as input are read as their shortest repr (the
float 84.995 is taken as the 84.995 the user typed, not as 84.99499999...).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, Literal

from prongsai.ita.framework import (
    Band,
    Framework,
    PassRule,
    RatingLevel,
    ResultRules,
)
from prongsai.thai.digits import to_arabic_digits

__all__ = [
    "Classification",
    "IndicatorSource",
    "ScoreResult",
    "ScoreValue",
    "ScoringError",
    "classify",
    "indicator_points",
    "item_points",
    "normalise_code",
    "parse_score",
    "round2",
    "score",
    "score_from_codes",
]

ScoreValue = int | float | str | Decimal | Fraction
IndicatorSource = Literal["given", "items"]

_HUNDRED = Fraction(100)
_ITEM_CODE = re.compile(r"^O0*([1-9]\d*)$")


Problem = tuple[str, str]  # (Thai, English)


class ScoringError(ValueError):
    """Input that cannot be scored, with every problem found (not just the first).

    This layer knows no active language, so each problem comes in both: ``problems`` holds
    (Thai, English) pairs; ``th`` and ``en`` hold all problems in one language, one a line.
    ``str()`` is the Thai text; the Django side shows ``th`` or ``en`` by the active language
    (never both together).
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.th = "\n".join(th for th, _ in self.problems)
        self.en = "\n".join(en for _, en in self.problems)
        super().__init__(self.th)

    def __str__(self) -> str:
        return self.th


def round2(value: Fraction | Decimal | int) -> Decimal:
    """Round half up to 2 decimals (84.995 -> 85.00), exactly, for display and classification."""
    cents = math.floor(Fraction(value) * 100 + Fraction(1, 2))
    return Decimal(cents).scaleb(-2)


def _to_fraction(value: ScoreValue) -> Fraction | None:
    """A finite number from ``value``, or None. Floats are read as their shortest repr."""
    if isinstance(value, bool):
        return None
    if isinstance(value, Fraction | int):
        return Fraction(value)
    if isinstance(value, float):
        return Fraction(Decimal(repr(value))) if math.isfinite(value) else None
    if isinstance(value, str):
        text = to_arabic_digits(value.strip())
        try:
            value = Decimal(text)
        except InvalidOperation:
            return None
    if isinstance(value, Decimal):
        return Fraction(value) if value.is_finite() else None
    return None


def _score_problem(value: ScoreValue, code: str) -> tuple[Fraction | None, Problem | None]:
    number = _to_fraction(value)
    shown = value.strip() if isinstance(value, str) else value
    if number is None:
        return None, (
            f"คะแนนของตัวชี้วัด {code} ไม่ใช่ตัวเลข ({shown!r})",
            f"the score of indicator {code} is not a number ({shown!r})",
        )
    if not 0 <= number <= 100:
        return None, (
            f"คะแนนของตัวชี้วัด {code} ต้องอยู่ระหว่าง 0 ถึง 100 (ได้ {shown})",
            f"the score of indicator {code} must be between 0 and 100 (got {shown})",
        )
    return number, None


def parse_score(value: ScoreValue, code: str) -> Fraction:
    """A 0-100 score (text may use Thai digits); raises ScoringError otherwise."""
    number, problem = _score_problem(value, code)
    if problem is not None or number is None:
        raise ScoringError([problem] if problem else [])
    return number


def _unknown(code: str, year: int) -> Problem:
    return (
        f"รหัส {code} ไม่มีในกรอบการประเมินปี {year}",
        f"code {code} is not in the {year} framework",
    )


@dataclass(frozen=True)
class Classification:
    """The year's verdict on a total (and tool scores): band, pass flag, five-level rating."""

    band: Band | None
    passed: bool | None
    pass_rule: PassRule | None
    rating: RatingLevel | None


def classify(
    rules: ResultRules, total: Fraction | Decimal, tools: Mapping[str, Fraction | Decimal]
) -> Classification:
    """Apply the year's result rules to values rounded to 2 decimals (see the module docstring).

    A part the year does not have (bands after 2565, ratings before 2567) comes back as None.
    """
    shown = round2(total)
    band = next((b for b in rules.bands if b.minimum <= shown <= b.maximum), None)
    if rules.bands and band is None:  # the loader makes bands tile 0-100; hand-made rules may not
        raise ValueError(f"no band covers {shown}")
    passed = None if rules.pass_rule is None else shown >= rules.pass_rule.threshold
    tool_scores = [round2(v) for v in tools.values()]
    rating = next(
        (
            level
            for level in rules.ratings
            if shown >= level.min_total
            and (level.min_each_tool is None or all(t >= level.min_each_tool for t in tool_scores))
        ),
        None,
    )
    return Classification(band=band, passed=passed, pass_rule=rules.pass_rule, rating=rating)


@dataclass(frozen=True)
class ScoreResult:
    """Scores of one agency-year, exact; ``to_dict`` gives the rounded, JSON-ready form."""

    year: int
    provisional: bool
    total: Fraction
    tools: Mapping[str, Fraction]
    indicators: Mapping[str, Fraction]
    sub_indicators: Mapping[str, Fraction]  # only for indicators computed from items
    items: Mapping[str, bool]  # OIT item results that were given
    indicator_sources: Mapping[str, IndicatorSource]
    classification: Classification
    # The same warnings in Thai and in English (this layer knows no active language).
    warnings: tuple[str, ...] = field(default=())
    warnings_en: tuple[str, ...] = field(default=())

    @property
    def band(self) -> Band | None:
        return self.classification.band

    @property
    def passed(self) -> bool | None:
        return self.classification.passed

    @property
    def rating(self) -> RatingLevel | None:
        return self.classification.rating

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: scores as numbers rounded to 2 decimals, labels in Thai and English."""
        rule = self.classification.pass_rule
        rating = self.rating
        return {
            "year": self.year,
            "provisional": self.provisional,
            "total": float(round2(self.total)),
            "tools": {code: float(round2(v)) for code, v in self.tools.items()},
            "band": None if self.band is None else self.band.code,
            "passed": self.passed,
            "pass_label_th": None
            if rule is None or self.passed is None
            else (rule.label_th if self.passed else rule.fail_label_th),
            "pass_label_en": None
            if rule is None or self.passed is None
            else (rule.label_en if self.passed else rule.fail_label_en),
            "rating": None
            if rating is None
            else {"code": rating.code, "label_th": rating.label_th, "label_en": rating.label_en},
            "indicators": {code: float(round2(v)) for code, v in self.indicators.items()},
            "indicator_sources": dict(self.indicator_sources),
            "sub_indicators": {code: float(round2(v)) for code, v in self.sub_indicators.items()},
            "items": dict(self.items),
            "warnings": list(self.warnings),
            "warnings_en": list(self.warnings_en),
        }


def _weighted_mean(pairs: Sequence[tuple[Fraction, Decimal]]) -> Fraction:
    weight = sum((Fraction(w) for _, w in pairs), Fraction(0))
    return sum((value * Fraction(w) for value, w in pairs), Fraction(0)) / weight


def score(
    framework: Framework,
    indicators: Mapping[str, ScoreValue] | None = None,
    items: Mapping[str, bool] | None = None,
) -> ScoreResult:
    """Score one agency-year.

    ``indicators`` maps indicator codes ("1".."10") to 0-100 scores; ``items`` maps OIT item
    codes ("O1"...) to passed/failed. An item-scored indicator (9, 10) whose items are given is
    computed from them (all its items are then required) and a given score for it is only
    compared (a warning if it differs); otherwise its given score is used.
    """
    indicators = dict(indicators or {})
    items = dict(items or {})
    problems: list[Problem] = []
    given: dict[str, Fraction] = {}
    for code, value in indicators.items():
        number, problem = _score_problem(value, code)
        if not framework.has_indicator(code):
            problems.append(_unknown(code, framework.year))
        elif problem is not None:
            problems.append(problem)
        elif number is not None:
            given[code] = number
    for code, passed in items.items():
        if not framework.has_item(code):
            problems.append(_unknown(code, framework.year))
        elif not isinstance(passed, bool):
            problems.append(
                (
                    f"ผลของข้อ {code} ต้องเป็นผ่านหรือไม่ผ่าน (ได้ {passed!r})",
                    f"the result of item {code} must be passed or failed (got {passed!r})",
                )
            )
    if problems:
        raise ScoringError(problems)
    computed = _indicator_scores(framework, given, items)
    tool_scores: dict[str, Fraction] = {
        tool.code: _weighted_mean(
            [(computed.scores[i.code], i.weight) for i in framework.indicators_of(tool.code)]
        )
        for tool in framework.tools
    }
    total = sum(
        (tool_scores[t.code] * Fraction(t.weight) / _HUNDRED for t in framework.tools), Fraction(0)
    )
    return ScoreResult(
        year=framework.year,
        provisional=framework.provisional,
        total=total,
        tools=tool_scores,
        indicators=computed.scores,
        sub_indicators=computed.sub_scores,
        items={i.code: items[i.code] for i in framework.items if i.code in items},
        indicator_sources=computed.sources,
        classification=classify(framework.rules, total, tool_scores),
        warnings=tuple(computed.warnings),
        warnings_en=tuple(computed.warnings_en),
    )


@dataclass
class _Indicators:
    scores: dict[str, Fraction] = field(default_factory=dict)
    sources: dict[str, IndicatorSource] = field(default_factory=dict)
    sub_scores: dict[str, Fraction] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    warnings_en: list[str] = field(default_factory=list)


def _indicator_scores(
    framework: Framework, given: Mapping[str, Fraction], items: Mapping[str, bool]
) -> _Indicators:
    """Every indicator's score, from its items when they are given, else as given."""
    out = _Indicators()
    problems: list[Problem] = []
    missing: list[str] = []
    for indicator in framework.indicators:
        code = indicator.code
        own_items = framework.items_of_indicator(code)
        if not any(i.code in items for i in own_items):
            if code in given:
                out.scores[code], out.sources[code] = given[code], "given"
            else:
                missing.append(code)
            continue
        absent = ", ".join(i.code for i in own_items if i.code not in items)
        if absent:
            problems.append(
                (
                    f"ตัวชี้วัด {code} คำนวณไม่ได้: มีผลรายข้อบางข้อ แต่ขาดข้อ {absent}",
                    f"indicator {code} cannot be computed: some of its items are given "
                    f"but {absent} are missing",
                )
            )
            continue
        pairs = []
        for sub in framework.sub_indicators_of(code):
            sub_items = framework.items_of(sub.code)
            passed = sum(1 for i in sub_items if items[i.code])
            out.sub_scores[sub.code] = _HUNDRED * passed / len(sub_items)
            pairs.append((out.sub_scores[sub.code], sub.weight))
        out.scores[code], out.sources[code] = _weighted_mean(pairs), "items"
        if code in given and round2(given[code]) != round2(out.scores[code]):
            shown, computed = round2(given[code]), round2(out.scores[code])
            out.warnings.append(
                f"ตัวชี้วัด {code}: คะแนนที่ให้มา {shown} ไม่ตรงกับที่คำนวณจากผลรายข้อ {computed} "
                "จึงใช้ค่าจากผลรายข้อ"
            )
            out.warnings_en.append(
                f"indicator {code}: the given score {shown} differs from {computed} computed "
                "from its items; the items were used"
            )
    if missing:
        codes = ", ".join(missing)
        problems.append(
            (
                f"ขาดคะแนนตัวชี้วัด {codes} (หรือผลรายข้อ OIT ของตัวชี้วัดนั้น)",
                f"missing scores for indicators {codes} (or the OIT items of those indicators)",
            )
        )
    if problems:
        raise ScoringError(problems)
    out.scores = {i.code: out.scores[i.code] for i in framework.indicators}
    out.sources = {i.code: out.sources[i.code] for i in framework.indicators}
    return out


def normalise_code(raw: str) -> str:
    """An indicator or item code as written by people: trimmed, upper-case, Thai digits
    converted, leading zeros of an item number dropped (O05 -> O5)."""
    code = to_arabic_digits(raw.strip()).upper()
    match = _ITEM_CODE.match(code)
    return f"O{match.group(1)}" if match else code


def _item_result(value: str) -> bool | None:
    number = _to_fraction(value)
    if number == 1:
        return True
    if number == 0:
        return False
    return None


def score_from_codes(framework: Framework, rows: Sequence[tuple[str, str]]) -> ScoreResult:
    """Score from (code, value) rows, as read from a table or a form.

    Codes: indicator codes "1".."10" with a 0-100 score, and OIT item codes "O1"... with "1"
    (passed) or "0" (failed). Codes are trimmed and upper-cased and Thai digits are accepted
    ("o๕" is O5). Unknown codes, repeated codes, values out of range and incomplete inputs are
    refused together, in one ScoringError.
    """
    if not rows:
        raise ScoringError([("ไม่มีข้อมูลคะแนน", "no scores were given")])
    problems: list[Problem] = []
    indicators: dict[str, ScoreValue] = {}
    items: dict[str, bool] = {}
    first_row: dict[str, int] = {}
    for number, (raw_code, value) in enumerate(rows, start=1):
        code = normalise_code(raw_code)
        if code in first_row:
            problems.append(
                (
                    f"รหัส {code} ซ้ำ (แถวที่ {first_row[code]} และ {number})",
                    f"code {code} is given twice (rows {first_row[code]} and {number})",
                )
            )
            continue
        first_row[code] = number
        if framework.has_indicator(code):
            indicators[code] = value
        elif not framework.has_item(code):
            problems.append(_unknown(code, framework.year))
        elif (result := _item_result(value)) is None:
            problems.append(
                (
                    f"ผลของข้อ {code} ต้องเป็น 1 (ผ่าน) หรือ 0 (ไม่ผ่าน) (ได้ {value!r})",
                    f"the result of item {code} must be 1 (passed) or 0 (failed) (got {value!r})",
                )
            )
        else:
            items[code] = result
    problems.extend(p for c, v in indicators.items() if (p := _score_problem(v, c)[1]))
    if problems:
        raise ScoringError(problems)
    return score(framework, indicators, items)


def indicator_points(framework: Framework, indicator: str) -> Fraction:
    """Points of the total that one point of ``indicator`` is worth (e.g. 0.06 for IIT's 1)."""
    target = framework.indicator(indicator)
    siblings = framework.indicators_of(target.tool)
    share = Fraction(target.weight) / sum((Fraction(i.weight) for i in siblings), Fraction(0))
    return Fraction(framework.tool(target.tool).weight) / _HUNDRED * share


def item_points(framework: Framework, item: str) -> Fraction:
    """How much the total rises when ``item`` alone goes from failed to passed.

    The roll-up is linear in the items, so this is a constant of the framework: 5 for 2565's
    O42 (10.2 has two items: 10.2 +50, indicator 10 +25, OIT +12.5, total +5).
    """
    target = framework.item(item)
    sub = framework.sub_indicator(target.sub_indicator)
    siblings = framework.sub_indicators_of(sub.indicator)
    sub_share = Fraction(sub.weight) / sum((Fraction(s.weight) for s in siblings), Fraction(0))
    per_item = _HUNDRED / len(framework.items_of(sub.code))
    return indicator_points(framework, sub.indicator) * sub_share * per_item
