"""Analysis of a scored agency-year: what is weak, what it costs, which measures to take.

* weak indicators: indicators under the pass threshold (85), with the points of the total
  that reaching the threshold would add;
* failed OIT items with their **points at stake**: how much the total would rise if that item
  alone were passed (from the roll-up rule; 5 points for 2565's O42);
* suggestions from the measure-type library, ordered by points at stake.

This feeds the O42-type analysis memo: strong and weak indicators, items to
fix urgently, and measures with steps and a responsible division.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from prongsai.ita.crosswalk import Crosswalk, load_crosswalk
from prongsai.ita.framework import Framework
from prongsai.ita.measure_types import MeasureLibrary, MeasureType, load_measure_types
from prongsai.ita.scoring import ScoreResult, indicator_points, item_points, round2

__all__ = [
    "DEFAULT_THRESHOLD",
    "Analysis",
    "FailedItem",
    "Suggestion",
    "WeakIndicator",
    "analyse",
    "failed_items",
    "points_at_stake",
    "suggest_measures",
    "weak_indicators",
]

#: Used when a framework has no pass rule (none of the shipped ones lacks it).
DEFAULT_THRESHOLD = Decimal(85)


@dataclass(frozen=True)
class WeakIndicator:
    code: str
    name_th: str
    name_en: str
    tool: str
    score: Fraction
    threshold: Decimal
    points_to_threshold: Fraction  # total rise if this indicator alone reached the threshold
    from_items: bool  # computed from OIT items (then failed_items tells why)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name_th": self.name_th,
            "name_en": self.name_en,
            "tool": self.tool,
            "score": float(round2(self.score)),
            "threshold": float(self.threshold),
            "points_to_threshold": float(round2(self.points_to_threshold)),
            "from_items": self.from_items,
        }


@dataclass(frozen=True)
class FailedItem:
    code: str
    name_th: str
    name_en: str
    sub_indicator: str
    indicator: str
    points_at_stake: Fraction  # total rise if this item alone were passed

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name_th": self.name_th,
            "name_en": self.name_en,
            "sub_indicator": self.sub_indicator,
            "indicator": self.indicator,
            "points_at_stake": float(round2(self.points_at_stake)),
        }


@dataclass(frozen=True)
class Analysis:
    year: int
    result: ScoreResult
    weak_indicators: tuple[WeakIndicator, ...]
    failed_items: tuple[FailedItem, ...]  # highest points at stake first

    def to_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "result": self.result.to_dict(),
            "weak_indicators": [w.to_dict() for w in self.weak_indicators],
            "failed_items": [f.to_dict() for f in self.failed_items],
        }


@dataclass(frozen=True)
class Suggestion:
    """A measure type worth adopting, with what it would recover.

    ``points_at_stake`` = the points at stake of the failed items it covers (exactly what
    passing them all adds, since the roll-up is linear) plus, for weak indicators it addresses
    that were given as scores (IIT, EIT, or OIT without items), the points that bringing each
    of them to the threshold would add.
    """

    measure_type: MeasureType
    points_at_stake: Fraction
    failed_items: tuple[FailedItem, ...]
    weak_indicators: tuple[WeakIndicator, ...]

    def to_dict(self) -> dict[str, Any]:
        kind = self.measure_type
        return {
            "key": kind.key,
            "title_th": kind.title_th,
            "title_en": kind.title_en,
            "responsible_division_th": kind.responsible_division_th,
            "steps_th": list(kind.steps_th),
            "points_at_stake": float(round2(self.points_at_stake)),
            "failed_items": [f.code for f in self.failed_items],
            "weak_indicators": [w.code for w in self.weak_indicators],
        }


def _threshold(framework: Framework) -> Decimal:
    rule = framework.rules.pass_rule
    return DEFAULT_THRESHOLD if rule is None else rule.threshold


def _check_year(framework: Framework, result: ScoreResult) -> None:
    if framework.year != result.year:
        raise ValueError(f"the result is of {result.year} but the framework is of {framework.year}")


def points_at_stake(framework: Framework, item: str) -> Fraction:
    """How much the total rises if ``item`` alone goes from failed to passed."""
    return item_points(framework, item)


def weak_indicators(
    framework: Framework, result: ScoreResult, threshold: Decimal | None = None
) -> list[WeakIndicator]:
    """Indicators whose score, rounded to 2 decimals, is under ``threshold`` (default: pass, 85).

    In framework order (1..10), so a report lists them as the assessment does.
    """
    _check_year(framework, result)
    limit = _threshold(framework) if threshold is None else threshold
    weak = []
    for indicator in framework.indicators:
        value = result.indicators[indicator.code]
        if round2(value) < limit:
            weak.append(
                WeakIndicator(
                    code=indicator.code,
                    name_th=indicator.name_th,
                    name_en=indicator.name_en,
                    tool=indicator.tool,
                    score=value,
                    threshold=limit,
                    points_to_threshold=(Fraction(limit) - value)
                    * indicator_points(framework, indicator.code),
                    from_items=result.indicator_sources[indicator.code] == "items",
                )
            )
    return weak


def failed_items(framework: Framework, result: ScoreResult) -> list[FailedItem]:
    """OIT items given as failed, highest points at stake first (then in framework order)."""
    _check_year(framework, result)
    failed = []
    for item in framework.items:
        if result.items.get(item.code) is False:
            failed.append(
                FailedItem(
                    code=item.code,
                    name_th=item.name_th,
                    name_en=item.name_en,
                    sub_indicator=item.sub_indicator,
                    indicator=framework.sub_indicator(item.sub_indicator).indicator,
                    points_at_stake=item_points(framework, item.code),
                )
            )
    failed.sort(key=lambda f: -f.points_at_stake)  # stable: framework order within a tie
    return failed


def analyse(
    framework: Framework, result: ScoreResult, threshold: Decimal | None = None
) -> Analysis:
    return Analysis(
        year=framework.year,
        result=result,
        weak_indicators=tuple(weak_indicators(framework, result, threshold)),
        failed_items=tuple(failed_items(framework, result)),
    )


def suggest_measures(
    framework: Framework,
    analysis: Analysis,
    library: MeasureLibrary | None = None,
    crosswalk: Crosswalk | None = None,
) -> list[Suggestion]:
    """Measure types addressing the analysis' weaknesses, highest points at stake first.

    A measure type is suggested when it covers a failed item, or addresses a weak indicator
    given as a score. Indicators computed from items count only through their failed items,
    so a measure type is not suggested for an item it does not cover.
    """
    if framework.year != analysis.year:
        raise ValueError(
            f"the analysis is of {analysis.year} but the framework is of {framework.year}"
        )
    library = load_measure_types() if library is None else library
    crosswalk = load_crosswalk() if crosswalk is None else crosswalk
    suggestions = []
    for kind in library.measure_types:
        items = set(kind.items_in(framework, crosswalk))
        indicators = set(kind.indicators_in(framework, crosswalk))
        failed = tuple(f for f in analysis.failed_items if f.code in items)
        weak = tuple(
            w for w in analysis.weak_indicators if w.code in indicators and not w.from_items
        )
        stake = sum((f.points_at_stake for f in failed), Fraction(0)) + sum(
            (w.points_to_threshold for w in weak), Fraction(0)
        )
        if stake > 0:
            suggestions.append(Suggestion(kind, stake, failed, weak))
    suggestions.sort(key=lambda s: -s.points_at_stake)  # stable: library order within a tie
    return suggestions
