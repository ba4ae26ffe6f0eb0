"""Yearly statistics of feedback and complaints: counts only, never content.

Cited as the OIT item "ข้อมูลเชิงสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบประจำปี"
(O31 in ITA 2565, O29 in 2566). Cases deleted by the retention rule still count (as
closed) through PurgedCaseCount.
"""

from dataclasses import dataclass

from django.db.models import Count

from prongsai.agencies.models import Agency
from prongsai.public.models import Case, CaseKind, CaseState, PurgedCaseCount


@dataclass(frozen=True)
class StatRow:
    kind: str
    label: str
    cells: list[int]  # one per CaseState, in CaseState order
    total: int


@dataclass(frozen=True)
class YearStats:
    fiscal_year: int
    states: list[tuple[str, str]]
    rows: list[StatRow]
    column_totals: list[int]
    total: int

    def count(self, kind: str, state: str | None = None) -> int:
        for row in self.rows:
            if row.kind == kind:
                if state is None:
                    return row.total
                return row.cells[CaseState.values.index(state)]
        raise KeyError(kind)


def case_statistics(agency: Agency, fiscal_year: int) -> YearStats:
    """Counts of the year's cases by kind and state (two queries)."""
    counts: dict[tuple[str, str], int] = {}
    rows = (
        Case.objects.filter(agency=agency, fiscal_year=fiscal_year)
        .values("kind", "state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for r in rows:
        counts[(r["kind"], r["state"])] = r["n"]
    for purged in PurgedCaseCount.objects.filter(agency=agency, fiscal_year=fiscal_year):
        key = (purged.kind, str(CaseState.CLOSED))
        counts[key] = counts.get(key, 0) + purged.count
    table = []
    for kind, label in CaseKind.choices:
        cells = [counts.get((kind, state), 0) for state in CaseState.values]
        table.append(StatRow(kind, str(label), cells, sum(cells)))
    column_totals = [sum(row.cells[i] for row in table) for i in range(len(CaseState.values))]
    return YearStats(
        fiscal_year=fiscal_year,
        states=[(value, str(label)) for value, label in CaseState.choices],
        rows=table,
        column_totals=column_totals,
        total=sum(column_totals),
    )


def years_with_cases(agency: Agency) -> list[int]:
    years = set(Case.objects.filter(agency=agency).values_list("fiscal_year", flat=True))
    years |= set(
        PurgedCaseCount.objects.filter(agency=agency).values_list("fiscal_year", flat=True)
    )
    return sorted(years, reverse=True)
