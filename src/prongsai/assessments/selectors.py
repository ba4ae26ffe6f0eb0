"""Reading recorded ITA results and the measures adopted from suggestions (for the views)."""

from collections.abc import Iterable
from dataclasses import dataclass

from prongsai.agencies.models import Agency
from prongsai.assessments.models import ItaResult
from prongsai.measures.models import Measure


def result(agency: Agency, fiscal_year: int) -> ItaResult | None:
    """The recorded result of a year with who recorded it (one query)."""
    return (
        ItaResult.objects.filter(agency=agency, fiscal_year=fiscal_year)
        .select_related("recorded_by")
        .first()
    )


def results_of_years(agency: Agency, years: Iterable[int]) -> dict[int, ItaResult]:
    """The results of some years with their summary figures, by year (one query)."""
    found = ItaResult.objects.filter(agency=agency, fiscal_year__in=list(years)).only(
        "fiscal_year",
        "source",
        "computed",
        "published_total",
        "published_band",
        "published_rating",
    )
    return {r.fiscal_year: r for r in found}


def indicator_scores(agency: Agency) -> dict[int, dict[str, float]]:
    """Indicator scores per recorded year (one query, whatever the number of years)."""
    results = ItaResult.objects.filter(agency=agency).only("fiscal_year", "computed")
    return {r.fiscal_year: r.indicators for r in results if r.indicators}


@dataclass(frozen=True)
class ToolScores:
    tools: dict[str, float]
    total: float | None


def tool_scores(agency: Agency, fiscal_year: int) -> ToolScores:
    """The IIT/EIT/OIT scores and total of a year (empty when nothing was recorded)."""
    found = (
        ItaResult.objects.filter(agency=agency, fiscal_year=fiscal_year)
        .only("fiscal_year", "computed", "published_total")
        .first()
    )
    if found is None:
        return ToolScores(tools={}, total=None)
    return ToolScores(tools=found.tools, total=found.total)


@dataclass(frozen=True)
class MeasureRef:
    pk: int
    number: int


def measures_by_title(agency: Agency, fiscal_year: int) -> dict[str, MeasureRef]:
    """The agency-year's measures by title: a suggestion is adopted once its measure exists."""
    measures = Measure.objects.filter(agency=agency, fiscal_year=fiscal_year).only(
        "pk", "title", "number"
    )
    return {m.title: MeasureRef(m.pk, m.number) for m in measures}
