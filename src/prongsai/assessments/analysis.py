"""Reading ITA results: the year's framework, the result recomputed, and the analysis.

* :func:`score_of` and :func:`discrepancies` recompute a recorded result and compare it with
  the published figures;
* :func:`analysis_for` reads the result of the year before a measures year and analyses it:
  weak indicators, failed OIT items by points at stake, change from the year before,
  suggested measures;
* :func:`memo_analysis` gives the measures memo its opening (pure data).

Nothing here writes; ``assessments.services`` records results and turns suggestions into
measures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from prongsai.agencies.models import Agency
from prongsai.assessments.compare import Discrepancy, check_published
from prongsai.assessments.models import ItaResult
from prongsai.ita.analysis import Analysis, Suggestion, analyse, suggest_measures
from prongsai.ita.framework import Framework, FrameworkError, load_framework
from prongsai.ita.scoring import ScoreResult, ScoringError, round2, score

__all__ = [
    "AgencyAnalysis",
    "IndicatorChange",
    "MemoAnalysis",
    "MemoFailedItem",
    "MemoIndicator",
    "analysis_for",
    "discrepancies",
    "framework_or_none",
    "memo_analysis",
    "score_of",
]


def framework_or_none(year: int) -> Framework | None:
    """The framework of ``year``, or None when the package has none for it (e.g. 2563)."""
    try:
        return load_framework(year)
    except FrameworkError:
        return None


def score_of(result: ItaResult) -> ScoreResult | None:
    """The result recomputed from what was entered (None when only published figures)."""
    framework = framework_or_none(result.fiscal_year)
    if framework is None or not (result.indicator_scores or result.item_results):
        return None
    try:
        return score(framework, result.indicator_scores, result.item_results)
    except ScoringError:  # the rules file changed since; the stored snapshot still stands
        return None


def discrepancies(result: ItaResult, computed: ScoreResult | None = None) -> list[Discrepancy]:
    framework = framework_or_none(result.fiscal_year)
    return check_published(
        framework,
        computed if computed is not None else score_of(result),
        total=result.published_total,
        band=result.published_band,
        rating=result.published_rating,
    )


# -- analysis ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorChange:
    code: str
    name_th: str
    score: Decimal
    previous: Decimal | None
    change: Decimal | None


@dataclass(frozen=True)
class AgencyAnalysis:
    """The analysis behind the measures of ``fiscal_year``: the result of the year before."""

    fiscal_year: int  # the measures year
    result: ItaResult  # ITA of fiscal_year - 1
    framework: Framework | None
    score: ScoreResult | None  # None when only the published figures were recorded
    analysis: Analysis | None
    suggestions: list[Suggestion]
    previous: ItaResult | None  # ITA of fiscal_year - 2, when recorded
    total_change: Decimal | None
    indicator_changes: list[IndicatorChange] = field(default_factory=list)

    @property
    def assessed_year(self) -> int:
        return self.result.fiscal_year


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


def analysis_for(agency: Agency, fiscal_year: int) -> AgencyAnalysis | None:
    """Analysis of the ITA result of ``fiscal_year - 1`` (one query), None when not recorded."""
    results = {
        r.fiscal_year: r
        for r in ItaResult.objects.filter(
            agency=agency, fiscal_year__in=(fiscal_year - 1, fiscal_year - 2)
        )
    }
    result = results.get(fiscal_year - 1)
    if result is None:
        return None
    previous = results.get(fiscal_year - 2)
    framework = framework_or_none(result.fiscal_year)
    computed = score_of(result)
    analysis = None if framework is None or computed is None else analyse(framework, computed)
    suggestions = (
        [] if analysis is None or framework is None else suggest_measures(framework, analysis)
    )
    changes = []
    for code, value in result.indicators.items():
        now = _decimal(value)
        before = _decimal(previous.indicators.get(code)) if previous is not None else None
        name = framework.indicator(code).name_th if framework is not None else code
        changes.append(
            IndicatorChange(
                code=code,
                name_th=name,
                score=now or Decimal(0),
                previous=before,
                change=None if before is None or now is None else now - before,
            )
        )
    now_total = _decimal(result.total)
    before_total = _decimal(previous.total) if previous is not None else None
    return AgencyAnalysis(
        fiscal_year=fiscal_year,
        result=result,
        framework=framework,
        score=computed,
        analysis=analysis,
        suggestions=suggestions,
        previous=previous,
        total_change=None
        if now_total is None or before_total is None
        else now_total - before_total,
        indicator_changes=changes,
    )


# -- the memo's opening -----------------------------------------------------------------------


@dataclass(frozen=True)
class MemoIndicator:
    code: str
    name_th: str
    score: Decimal  # rounded to 2 decimals


@dataclass(frozen=True)
class MemoFailedItem:
    code: str
    name_th: str
    points_at_stake: Decimal  # rounded to 2 decimals


@dataclass(frozen=True)
class MemoAnalysis:
    """The previous year's ITA result as the measures memo cites it.

    ``total`` and ``band``/``verdict_th`` are the published figures when they were entered
    (the memo cites what NACC published), else the computed ones.
    """

    year: int  # the assessed year: fiscal_year - 1
    total: Decimal | None
    band: str  # AA-F (to 2565), "" after
    verdict_th: str  # ผ่าน / ไม่ผ่าน / ผ่านดี ... ("" when unknown)
    weak_indicators: tuple[MemoIndicator, ...]  # under 85, in indicator order
    failed_items: tuple[MemoFailedItem, ...]  # highest points at stake first
    source: str  # ResultSource value

    @property
    def grade(self) -> str:
        """What follows "อยู่ในระดับ": the band up to 2565, the verdict after."""
        return self.band or self.verdict_th

    @property
    def previous_result(self) -> tuple[float, str] | None:
        """``documents.build_common.PreviousResult`` (score, band), None without a total."""
        return None if self.total is None else (float(self.total), self.grade)


def memo_analysis(agency: Agency, fiscal_year: int) -> MemoAnalysis | None:
    """The ITA result of ``fiscal_year - 1`` for the measures memo of ``fiscal_year``.

    None when no result of that year is recorded (the memo then leaves the analysis out).
    Two queries at most; no Django objects in the answer.
    """
    found = analysis_for(agency, fiscal_year)
    if found is None:
        return None
    result = found.result
    total = result.published_total
    if total is None and result.computed:
        total = Decimal(str(result.computed["total"])).quantize(Decimal("0.01"))
    computed_verdict = result.verdict_th if result.computed else ""
    weak: tuple[MemoIndicator, ...] = ()
    failed: tuple[MemoFailedItem, ...] = ()
    if found.analysis is not None:
        weak = tuple(
            MemoIndicator(w.code, w.name_th, round2(w.score))
            for w in found.analysis.weak_indicators
        )
        failed = tuple(
            MemoFailedItem(f.code, f.name_th, round2(f.points_at_stake))
            for f in found.analysis.failed_items
        )
    return MemoAnalysis(
        year=result.fiscal_year,
        total=total,
        band=result.published_band or (str(result.computed.get("band") or "")),
        verdict_th=result.published_rating or computed_verdict,
        weak_indicators=weak,
        failed_items=failed,
        source=result.source,
    )
