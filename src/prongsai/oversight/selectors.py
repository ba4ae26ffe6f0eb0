"""What the oversight pages show, counted by the database.

Every figure is an aggregate grouped by one key: the province (national page), the district
(province page) or the agency (agency lists and exports). `table()` runs the same fixed set
of GROUP BY queries whatever the key and however many agencies the scope holds; the rows are
then sorted and paged in Python (at most one row per agency). Measures are read from their
agency-year roll-ups (`measures.models.MeasureFigures`, kept by the measures services in
the writing transaction), not from every measure's history; overdue is counted from the
roll-ups' due dates against the day asked for.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import (
    Avg,
    CharField,
    Count,
    DecimalField,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce, NullIf

from prongsai.agencies.access import Scope
from prongsai.agencies.models import Agency, AgencyKind
from prongsai.assessments.models import ItaResult
from prongsai.ita.framework import FrameworkError, load_framework
from prongsai.ita.rules import ResultRules
from prongsai.measures.models import Measure, MeasureFigures, Status
from prongsai.public.models import Publication, Report, ReportState

# The grouping keys, as lookups from an agency-year's rows to the agency.
BY_PROVINCE = "province_code"
BY_DISTRICT = "district_code"
BY_AGENCY = "pk"

YES, NO = "yes", "no"
ITA_PASS, ITA_FAIL, ITA_NONE = "pass", "fail", "none"
# Histogram bins of ITA totals for the distribution chart: 5 points wide from 50.
BIN_EDGES = (50, 55, 60, 65, 70, 75, 80, 85, 90, 95)


def year_rules(year: int) -> ResultRules:
    """The year's bands and pass mark from its framework file (none for a year without one)."""
    try:
        return load_framework(year).rules
    except FrameworkError:
        return ResultRules()


@dataclass(frozen=True)
class Filters:
    kind: str = ""
    measures: str = ""  # YES / NO
    published: str = ""  # YES / NO
    ita: str = ""  # ITA_PASS / ITA_FAIL / ITA_NONE / a band code

    def as_query(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v}


def clean_filters(query: Any, rules: ResultRules) -> Filters:
    """The filter values the pages understand; anything else is dropped."""
    kind = query.get("kind", "")
    measures = query.get("measures", "")
    published = query.get("published", "")
    ita = query.get("ita", "")
    ita_values = {ITA_NONE, *(b.code for b in rules.bands)}
    if rules.pass_rule is not None:
        ita_values |= {ITA_PASS, ITA_FAIL}
    return Filters(
        kind=kind if kind in AgencyKind.values else "",
        measures=measures if measures in (YES, NO) else "",
        published=published if published in (YES, NO) else "",
        ita=ita if ita in ita_values else "",
    )


def _ita_results(year: int) -> QuerySet[ItaResult]:
    """The year's ITA results with `total_now` and `band_now`: what the year's rules computed
    when there is a computation, else the published figures (as ItaResult.total/band)."""
    decimal = DecimalField(max_digits=5, decimal_places=2)
    return ItaResult.objects.filter(fiscal_year=year).annotate(
        total_now=Coalesce(Cast(KeyTextTransform("total", "computed"), decimal), "published_total"),
        band_now=Coalesce(
            NullIf(KeyTextTransform("band", "computed"), Value("")),
            NullIf("published_band", Value("")),
            output_field=CharField(),
        ),
    )


def scoped_agencies(scope: Scope, year: int, filters: Filters) -> QuerySet[Agency]:
    """The agencies of `scope` that pass `filters` (about the year `year`)."""
    agencies = Agency.objects.all()
    if scope.district_code:
        agencies = agencies.filter(district_code=scope.district_code)
    elif scope.province_code:
        agencies = agencies.filter(province_code=scope.province_code)
    if filters.kind:
        agencies = agencies.filter(kind=filters.kind)
    if filters.measures:
        has = Exists(Measure.objects.filter(agency=OuterRef("pk"), fiscal_year=year))
        agencies = agencies.filter(has if filters.measures == YES else ~has)
    if filters.published:
        has = Exists(Publication.objects.filter(agency=OuterRef("pk"), fiscal_year=year))
        agencies = agencies.filter(has if filters.published == YES else ~has)
    if filters.ita:
        results = _ita_results(year).filter(agency=OuterRef("pk"))
        threshold = year_rules(year).pass_rule
        if filters.ita == ITA_NONE:
            agencies = agencies.filter(~Exists(results.filter(Q(total_now__isnull=False))))
        elif filters.ita in (ITA_PASS, ITA_FAIL) and threshold is not None:
            passed = Q(total_now__gte=threshold.threshold)
            chosen = passed if filters.ita == ITA_PASS else Q(total_now__lt=threshold.threshold)
            agencies = agencies.filter(Exists(results.filter(chosen)))
        else:
            agencies = agencies.filter(Exists(results.filter(Q(band_now=filters.ita))))
    return agencies


@dataclass
class Row:
    """One line of an oversight table: a province, a district or an agency."""

    code: str  # the province or district code, or the agency's slug
    name: str = ""
    kind: str = ""  # agency rows: the kind's label
    district: str = ""  # agency rows: the district's name
    agencies: int = 0
    with_measures: int = 0
    measures: int = 0
    done: int = 0
    in_progress: int = 0
    not_started: int = 0
    no_status: int = 0
    overdue: int = 0
    approved: int = 0
    published: int = 0
    ita_entered: int = 0
    ita_mean: Decimal | None = None
    ita_passed: int = 0
    bands: dict[str, int] = field(default_factory=dict)
    bins: tuple[int, ...] = ()  # ITA totals per histogram bin (below 50, 50-55, ...)

    @property
    def pass_rate(self) -> Decimal | None:
        if not self.ita_entered:
            return None
        return (Decimal(100 * self.ita_passed) / self.ita_entered).quantize(Decimal("0.1"))

    def value(self, column: str) -> Any:
        if column.startswith("band:"):
            return self.bands.get(column[5:], 0)
        return getattr(self, column)


def _group(key: str) -> str:
    return "agency_id" if key == BY_AGENCY else f"agency__{key}"


def _counts(queryset: QuerySet[Any], key: str, **aggregates: Any) -> dict[str, dict[str, Any]]:
    """{group key: {aggregate: value}} in one GROUP BY query."""
    group = _group(key)
    return {
        str(row.pop(group)): row
        for row in queryset.order_by()
        .values(group)
        .annotate(**aggregates)
        .values(group, *aggregates)
    }


def table(
    agencies: QuerySet[Agency], year: int, key: str, today: dt.date, rules: ResultRules
) -> dict[str, Row]:
    """The figures of `agencies` in `year`, grouped by `key`: six queries whatever the
    number of agencies (the groups with their agencies; measures by group and status; the
    agencies with measures; approved reports; publications; ITA results)."""
    rows: dict[str, Row] = {}
    group_rows = (
        agencies.order_by().values(key).annotate(n=Count("pk", distinct=True)).values(key, "n")
    )
    for found in group_rows:
        rows[str(found[key])] = Row(code=str(found[key]), agencies=found["n"])
    scoped = {"agency__in": agencies.values("pk"), "fiscal_year": year}
    figures = MeasureFigures.objects.filter(**scoped)
    group = _group(key)
    by_status = (
        figures.order_by()
        .values(group, "status")
        .annotate(n=Sum("count"), late=Sum("count", filter=Q(due_date__lt=today)))
        .values_list(group, "status", "n", "late")
    )
    for code, status, n, late in by_status:
        row = rows.get(str(code))
        if row is None:
            continue
        row.measures += n
        if status == Status.DONE:
            row.done += n
        else:
            row.overdue += late or 0
            if status == Status.IN_PROGRESS:
                row.in_progress += n
            elif status == Status.NOT_STARTED:
                row.not_started += n
            else:
                row.no_status += n
    for code, found in _counts(figures, key, n=Count("agency", distinct=True)).items():
        if code in rows:
            rows[code].with_measures = found["n"]
    approved = Report.objects.filter(**scoped, state=ReportState.APPROVED)
    for code, found in _counts(approved, key, n=Count("pk")).items():
        if code in rows:
            rows[code].approved = found["n"]
    publications = Publication.objects.filter(**scoped)
    for code, found in _counts(publications, key, n=Count("report", distinct=True)).items():
        if code in rows:
            rows[code].published = found["n"]
    _add_ita(rows, agencies, year, key, rules)
    return rows


def _add_ita(
    rows: dict[str, Row], agencies: QuerySet[Agency], year: int, key: str, rules: ResultRules
) -> None:
    """ITA results entered, mean total, passes, histogram bins and bands: one query."""
    results = (
        _ita_results(year)
        .filter(agency__in=agencies.values("pk"))
        .filter(Q(total_now__isnull=False))
    )
    aggregates: dict[str, Any] = {"n": Count("pk"), "mean": Avg("total_now")}
    if rules.pass_rule is not None:
        aggregates["passed"] = Count("pk", filter=Q(total_now__gte=rules.pass_rule.threshold))
    edges = (0, *BIN_EDGES, 101)
    for i in range(len(edges) - 1):
        aggregates[f"bin{i}"] = Count(
            "pk", filter=Q(total_now__gte=edges[i], total_now__lt=edges[i + 1])
        )
    for band in rules.bands:
        aggregates[f"band_{band.code}"] = Count("pk", filter=Q(band_now=band.code))
    for code, found in _counts(results, key, **aggregates).items():
        row = rows.get(code)
        if row is None:
            continue
        row.ita_entered = found["n"]
        mean = found["mean"]
        row.ita_mean = None if mean is None else Decimal(str(mean)).quantize(Decimal("0.01"))
        row.ita_passed = found.get("passed", 0)
        row.bins = tuple(found[f"bin{i}"] for i in range(len(edges) - 1))
        row.bands = {band.code: found[f"band_{band.code}"] for band in rules.bands}


@dataclass(frozen=True)
class AgencyInfo:
    pk: int
    slug: str
    name: str
    kind: str
    district_code: str
    district: str


def agency_infos(agencies: QuerySet[Agency]) -> Iterable[AgencyInfo]:
    """The agencies' names and places (one query, streamed in chunks)."""
    fields = ("pk", "slug", "name", "kind", "district_code", "district")
    for values in agencies.order_by("name", "pk").values_list(*fields).iterator(chunk_size=2000):
        yield AgencyInfo(*values)


def agency_rows(agencies: QuerySet[Agency], year: int, today: dt.date) -> list[Row]:
    """One row per agency: its names and the year's figures (seven queries)."""
    return [row for _district, row in agency_rows_with_district(agencies, year, today)]


def agency_rows_with_district(
    agencies: QuerySet[Agency], year: int, today: dt.date
) -> list[tuple[str, Row]]:
    """agency_rows, each with its agency's district code (seven queries)."""
    rules = year_rules(year)
    figures = table(agencies, year, BY_AGENCY, today, rules)
    kinds = dict(AgencyKind.choices)
    rows = []
    for info in agency_infos(agencies):
        row = figures.get(str(info.pk)) or Row(code="", agencies=1)
        row.code, row.name = info.slug, info.name
        row.kind, row.district = str(kinds.get(info.kind, info.kind)), info.district
        rows.append((info.district_code, row))
    return rows


@dataclass(frozen=True)
class MonthProgress:
    month: dt.date  # the first day of the month
    done: int  # measures done by the end of the month (cumulative)
    total: int  # the year's measures


def fiscal_months(year: int) -> list[dt.date]:
    """The first days of the twelve months of Buddhist-era fiscal year `year` (Oct-Sep)."""
    start = year - 543 - 1
    return [dt.date(start + (m // 12), m % 12 + 1, 1) for m in range(9, 21)]


Months = dict[tuple[int, int], int]  # (year, month) → measures done in that month


def done_by_month(agencies: QuerySet[Agency], year: int, key: str) -> dict[str, tuple[int, Months]]:
    """Per group of `key`: the year's measures and those whose current status is done, by
    the month of that report (two queries of the roll-ups)."""
    figures = MeasureFigures.objects.filter(agency__in=agencies.values("pk"), fiscal_year=year)
    group = _group(key)
    found: dict[str, tuple[int, Months]] = {
        code: (found["n"] or 0, {}) for code, found in _counts(figures, key, n=Sum("count")).items()
    }
    done = (
        figures.filter(status=Status.DONE, done_month__isnull=False)
        .order_by()
        .values(group, "done_month")
        .annotate(n=Sum("count"))
        .values_list(group, "done_month", "n")
    )
    for code, day, n in done:
        months = found.setdefault(str(code), (0, {}))[1]
        months[(day.year, day.month)] = months.get((day.year, day.month), 0) + n
    return found


def month_progress(year: int, total: int, by_month: Months) -> list[MonthProgress]:
    """The done measures counted cumulatively over the fiscal year's months."""
    months = fiscal_months(year)
    running = sum(n for ym, n in by_month.items() if ym < (months[0].year, months[0].month))
    rows = []
    for month in months:
        running += by_month.get((month.year, month.month), 0)
        rows.append(MonthProgress(month=month, done=running, total=total))
    return rows


def added_progress(year: int, groups: Iterable[tuple[int, Months]]) -> list[MonthProgress]:
    """The month chart of groups (their measures, their done measures by month) added up."""
    total = 0
    by_month: Months = {}
    for count, months in groups:
        total += count
        for ym, n in months.items():
            by_month[ym] = by_month.get(ym, 0) + n
    return month_progress(year, total, by_month)


def progress_by_month(agencies: QuerySet[Agency], year: int) -> list[MonthProgress]:
    """Measures of the year whose current status is done, by the month of that report,
    counted cumulatively over the fiscal year's months (two queries of the roll-ups)."""
    return added_progress(year, done_by_month(agencies, year, BY_PROVINCE).values())


@dataclass(frozen=True)
class ReportRow:
    kind: str
    state: str
    published: bool


@dataclass(frozen=True)
class ItaRow:
    total: float | None
    band: str
    verdict: str


def agency_year_extras(agency: Agency, year: int) -> tuple[tuple[ReportRow, ...], ItaRow | None]:
    """The agency-year's reports with their states and whether each was published, and its
    ITA result (two queries)."""
    published = Publication.objects.filter(report=OuterRef("pk"))
    reports = tuple(
        ReportRow(kind=r.get_kind_display(), state=r.get_state_display(), published=r.is_out)
        for r in Report.objects.filter(agency=agency, fiscal_year=year)
        .annotate(is_out=Exists(published))
        .order_by("kind")
    )
    result = ItaResult.objects.filter(agency=agency, fiscal_year=year).first()
    ita = None if result is None else ItaRow(result.total, result.band, result.verdict_th)
    return reports, ita
