"""What the measures pages show, read in a fixed number of queries and returned as rows.

Views ask here instead of querying models or decorating model instances: each function
returns frozen dataclasses holding what a page shows. Progress and counts are computed
once here from the rows already read, so the query count does not grow with the rows.
"""

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Model, Q
from django.utils import timezone

from prongsai.agencies.models import Agency, Division
from prongsai.measures.models import (
    Measure,
    MeasureQuerySet,
    Status,
    StatusUpdate,
    StatusWithdrawal,
)
from prongsai.thai.dates import fiscal_year_of

NO_STATUS = "none"  # the filter value and count key of measures nobody has reported on
MY_DIVISIONS = "mine"  # the division filter value of a reporter's own divisions
# "need" filter values: what needs someone's attention
OVERDUE = "overdue"  # the follow-up date has passed and the measure is not done
STALE = "stale"  # not done, and nobody reported on it in the last STALE_DAYS days
STALE_DAYS = 30


@dataclass(frozen=True)
class DivisionRow:
    pk: int
    name: str


@dataclass(frozen=True)
class MeasureRow:
    """One line of the agency-year's measure table."""

    pk: int
    number: int
    title: str
    status: str  # the latest reported Status value, "" when nothing was reported yet
    divisions: tuple[DivisionRow, ...]
    due_date: dt.date | None = None
    status_date: dt.date | None = None  # the "as of" date of the latest report
    agency_id: int = 0

    @property
    def division_ids(self) -> frozenset[int]:
        return frozenset(d.pk for d in self.divisions)

    def is_overdue(self, today: dt.date) -> bool:
        return self.status != Status.DONE and self.due_date is not None and self.due_date < today

    def is_stale(self, today: dt.date) -> bool:
        """Not done, and its latest report is about a day more than STALE_DAYS ago (or
        there is none): what the agency knows of it is old."""
        if self.status == Status.DONE:
            return False
        return self.status_date is None or self.status_date < today - dt.timedelta(days=STALE_DAYS)


def width_class(part: int, whole: int) -> str:
    """A CSS width class in steps of 5% (no inline styles under our CSP)."""
    if not whole:
        return "w-0"
    return f"w-{round(part * 20 / whole) * 5}"


@dataclass(frozen=True)
class DivisionProgress:
    division: DivisionRow
    total: int
    done: int
    in_progress: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def done_class(self) -> str:
        return width_class(self.done, self.total)

    @property
    def doing_class(self) -> str:
        return width_class(self.in_progress, self.total)


@dataclass(frozen=True)
class StatusCount:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class AgencyYear:
    """The agency-year page: every measure, the agency's divisions and the summaries."""

    measures: tuple[MeasureRow, ...]
    divisions: tuple[DivisionRow, ...]

    @property
    def total(self) -> int:
        return len(self.measures)

    def counts(self) -> tuple[StatusCount, ...]:
        counted = Counter(m.status for m in self.measures)
        return tuple(StatusCount(v, str(label), counted[v]) for v, label in Status.choices)

    @property
    def no_status(self) -> int:
        return sum(1 for m in self.measures if not m.status)

    def progress(self) -> tuple[DivisionProgress, ...]:
        rows = []
        for division in self.divisions:
            mine = [m for m in self.measures if division.pk in m.division_ids]
            rows.append(
                DivisionProgress(
                    division=division,
                    total=len(mine),
                    done=sum(1 for m in mine if m.status == Status.DONE),
                    in_progress=sum(1 for m in mine if m.status == Status.IN_PROGRESS),
                )
            )
        return tuple(rows)

    def filtered(
        self,
        division: str,
        status: str,
        need: str = "",
        *,
        mine: frozenset[int] = frozenset(),
        today: dt.date | None = None,
    ) -> tuple[MeasureRow, ...]:
        """The measures of one division (or `mine`, the member's own), status and/or need
        (query-string values; unknown ones are ignored, as the page's filter form only
        offers valid ones)."""
        shown = self.measures
        if division.isdigit():
            shown = tuple(m for m in shown if int(division) in m.division_ids)
        elif division == MY_DIVISIONS:
            shown = tuple(m for m in shown if m.division_ids & mine)
        if status == NO_STATUS:
            shown = tuple(m for m in shown if not m.status)
        elif status in Status.values:
            shown = tuple(m for m in shown if m.status == status)
        today = today or timezone.localdate()
        if need == OVERDUE:
            shown = tuple(m for m in shown if m.is_overdue(today))
        elif need == STALE:
            shown = tuple(m for m in shown if m.is_stale(today))
        return shown


def _division_row(division: Division) -> DivisionRow:
    return DivisionRow(pk=division.pk, name=division.name)


def _measure_rows(measures: MeasureQuerySet) -> tuple[MeasureRow, ...]:
    """Rows of `measures` with their latest status and divisions (two queries)."""
    measures = (
        measures.with_current_status()
        .prefetch_related("divisions")
        .order_by("agency_id", "fiscal_year", "number")
    )
    return tuple(
        MeasureRow(
            pk=m.pk,
            number=m.number,
            title=m.title,
            status=m.current_status or "",
            divisions=tuple(_division_row(d) for d in m.divisions.all()),
            due_date=m.due_date,
            status_date=m.status_date,
            agency_id=m.agency_id,
        )
        for m in measures
    )


def agency_year(agency: Agency, fiscal_year: int) -> AgencyYear:
    """Three queries whatever the number of measures: the measures with their latest
    status, their divisions, and the agency's divisions."""
    rows = _measure_rows(Measure.objects.filter(agency=agency, fiscal_year=fiscal_year))
    divisions = tuple(_division_row(d) for d in agency.divisions.all())
    return AgencyYear(measures=rows, divisions=divisions)


# --- what needs people, for the home page -----------------------------------------------------


def home_years(agency_ids: Iterable[int], today: dt.date) -> dict[int, int]:
    """The fiscal year each agency's home is about (one query): the current one if the
    agency has measures in it, else the latest year that has measures, else the current."""
    current = fiscal_year_of(today)
    years: dict[int, set[int]] = {pk: set() for pk in agency_ids}
    found = (
        Measure.objects.filter(agency_id__in=list(years))
        .values_list("agency_id", "fiscal_year")
        .distinct()
    )
    for agency_id, year in found:
        years[agency_id].add(year)
    return {pk: current if current in held or not held else max(held) for pk, held in years.items()}


@dataclass(frozen=True)
class YearNeeds:
    """One agency-year's measures, with what needs whom."""

    measures: tuple[MeasureRow, ...]

    def overdue(self, today: dt.date) -> tuple[MeasureRow, ...]:
        return tuple(m for m in self.measures if m.is_overdue(today))

    def stale(self, today: dt.date, divisions: frozenset[int]) -> tuple[MeasureRow, ...]:
        """Measures of `divisions` that are not done and nobody reported on lately."""
        return tuple(m for m in self.measures if m.division_ids & divisions and m.is_stale(today))

    def status_counts(self) -> dict[str, int]:
        """Measures per latest status; NO_STATUS for those never reported on."""
        counted = Counter(m.status or NO_STATUS for m in self.measures)
        return {value: counted[value] for value in [*Status.values, NO_STATUS]}


def year_needs(years: dict[int, int]) -> dict[int, YearNeeds]:
    """The measures of each agency's year in `years` (agency pk → fiscal year): two
    queries, whatever the number of agencies and measures."""
    if not years:
        return {}
    which = Q()
    for agency_id, year in years.items():
        which |= Q(agency_id=agency_id, fiscal_year=year)
    rows: dict[int, list[MeasureRow]] = {pk: [] for pk in years}
    for row in _measure_rows(Measure.objects.filter(which)):
        rows[row.agency_id].append(row)
    return {pk: YearNeeds(tuple(found)) for pk, found in rows.items()}


def year_choices(agency: Agency, fiscal_year: int, today: dt.date | None = None) -> list[int]:
    """The years that have measures, the shown year and the current one, newest first."""
    years = set(Measure.objects.filter(agency=agency).values_list("fiscal_year", flat=True))
    years |= {fiscal_year, fiscal_year_of(today or dt.date.today())}
    return sorted(years, reverse=True)


def latest_year_with_measures(agency: Agency) -> int | None:
    """The agency's latest fiscal year that has measures (None: none yet)."""
    return (
        Measure.objects.filter(agency=agency)
        .order_by("-fiscal_year")
        .values_list("fiscal_year", flat=True)
        .first()
    )


# --- one measure ---------------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceRow:
    pk: int
    is_file: bool
    name: str  # the uploaded file's name, or the link
    size: int
    url: str


@dataclass(frozen=True)
class WithdrawalRow:
    reason: str
    withdrawn_by: str
    withdrawn_at: dt.datetime


@dataclass(frozen=True)
class StatusRow:
    pk: int
    status: str
    status_label: str
    reported_on: dt.date
    reported_by: str
    created_at: dt.datetime
    note: str
    evidence: tuple[EvidenceRow, ...]
    withdrawal: WithdrawalRow | None  # set when a coordinator withdrew this update


@dataclass(frozen=True)
class MeasurePage:
    divisions: tuple[DivisionRow, ...]
    history: tuple[StatusRow, ...]  # newest first, withdrawn updates included (marked)

    @property
    def current(self) -> StatusRow | None:
        """The measure's status: its latest update that was not withdrawn."""
        return next((row for row in self.history if row.withdrawal is None), None)


def _withdrawal_row(update: StatusUpdate) -> WithdrawalRow | None:
    try:
        withdrawal = update.withdrawal
    except StatusWithdrawal.DoesNotExist:
        return None
    return WithdrawalRow(
        reason=withdrawal.reason,
        withdrawn_by=withdrawal.withdrawn_by.get_username(),
        withdrawn_at=withdrawal.withdrawn_at,
    )


def measure_page(measure: Measure) -> MeasurePage:
    """The measure's divisions and its status reports with their evidence and withdrawals
    (three queries)."""
    updates = (
        StatusUpdate.objects.filter(measure=measure)
        .select_related("created_by", "withdrawal__withdrawn_by")
        .prefetch_related("evidence")
    )
    history = tuple(
        StatusRow(
            pk=u.pk,
            status=u.status,
            status_label=str(u.get_status_display()),
            reported_on=u.reported_on,
            reported_by=u.created_by.get_username(),
            created_at=u.created_at,
            note=u.note,
            evidence=tuple(
                EvidenceRow(
                    pk=e.pk,
                    is_file=bool(e.file),
                    name=e.original_name if e.file else e.url,
                    size=e.size,
                    url=e.url,
                )
                for e in u.evidence.all()
            ),
            withdrawal=_withdrawal_row(u),
        )
        for u in updates
    )
    divisions = tuple(_division_row(d) for d in measure.divisions.all())
    return MeasurePage(divisions=divisions, history=history)


def field_label(model: type[Model], name: str) -> str:
    """A field's label as the model declares it (its verbose_name, translated)."""
    field = model._meta.get_field(name)
    return str(getattr(field, "verbose_name", name))
