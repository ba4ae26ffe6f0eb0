"""What the measures pages show, read in a fixed number of queries and returned as rows.

Views ask here instead of querying models or decorating model instances: each function
returns frozen dataclasses holding what a page shows. The agency-year page reads one page of
its measure list and the summaries of all its measures as aggregates counted by the
database, so neither the query count nor the work grows with the agency's measures.
"""

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, Model, Q, Subquery
from django.utils import timezone

from prongsai.agencies.models import Agency, Division
from prongsai.measures.models import (
    Measure,
    MeasureQuerySet,
    Status,
    StatusUpdate,
    StatusWithdrawal,
    latest_update_of,
)
from prongsai.thai.dates import fiscal_year_of

NO_STATUS = "none"  # the filter value and count key of measures nobody has reported on
MY_DIVISIONS = "mine"  # the division filter value of a reporter's own divisions
# "need" filter values: what needs someone's attention
OVERDUE = "overdue"  # the follow-up date has passed and the measure is not done
STALE = "stale"  # not done, and nobody reported on it in the last STALE_DAYS days
STALE_DAYS = 30
PAGE_SIZE = 50  # measures per page of the agency-year list


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
class Summary:
    """The agency-year's counts and progress, over all its measures."""

    total: int
    counts: tuple[StatusCount, ...]
    no_status: int
    progress: tuple[DivisionProgress, ...]
    divisions: tuple[DivisionRow, ...]


def _division_row(division: Division) -> DivisionRow:
    return DivisionRow(pk=division.pk, name=division.name)


def _measure_rows(measures: MeasureQuerySet) -> tuple[MeasureRow, ...]:
    """Rows of `measures` with their latest status and divisions (two queries)."""
    measures = (
        measures.with_current_status()
        .prefetch_related("divisions")
        .order_by("agency_id", "fiscal_year", "number")
    )
    return tuple(_measure_row(m, m.current_status, m.status_date) for m in measures)


def _measure_row(m: Measure, status: str | None, status_date: dt.date | None) -> MeasureRow:
    return MeasureRow(
        pk=m.pk,
        number=m.number,
        title=m.title,
        status=status or "",
        divisions=tuple(_division_row(d) for d in m.divisions.all()),
        due_date=m.due_date,
        status_date=status_date,
        agency_id=m.agency_id,
    )


def _current_status(measure: str) -> Subquery:
    return Subquery(latest_update_of(measure).values("status")[:1])


def agency_summary(agency: Agency, fiscal_year: int) -> Summary:
    """Three queries whatever the number of measures: the measures counted by current
    status, the same counted by division and status (a measure counts once in each of its
    divisions), and the divisions."""
    measures = (
        Measure.objects.filter(agency=agency, fiscal_year=fiscal_year)
        .annotate(status_now=_current_status("pk"))
        .order_by()
    )
    by_status: dict[str | None, int] = dict(
        measures.values_list("status_now").annotate(n=Count("pk"))
    )
    per_division: dict[tuple[int | None, str | None], int] = {
        (division_id, status): n
        for division_id, status, n in measures.values_list("divisions", "status_now").annotate(
            n=Count("pk")
        )
    }
    divisions = tuple(_division_row(d) for d in agency.divisions.all())
    progress = tuple(
        DivisionProgress(
            division=d,
            total=sum(n for (pk, _), n in per_division.items() if pk == d.pk),
            done=per_division.get((d.pk, Status.DONE), 0),
            in_progress=per_division.get((d.pk, Status.IN_PROGRESS), 0),
        )
        for d in divisions
    )
    return Summary(
        total=sum(by_status.values()),
        counts=tuple(
            StatusCount(value, str(label), by_status.get(value, 0))
            for value, label in Status.choices
        ),
        no_status=by_status.get(None, 0),
        progress=progress,
        divisions=divisions,
    )


@dataclass(frozen=True)
class MeasureList:
    """One page of the agency-year's measures, filtered by division, status and need."""

    rows: tuple[MeasureRow, ...]
    count: int  # the measures that match the filters, on every page
    number: int  # this page, from 1
    num_pages: int
    start: int  # the position of the first row among `count` (0 when there is none)

    @property
    def end(self) -> int:
        return self.start + len(self.rows) - 1 if self.rows else 0

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.num_pages else None


def clean_filters(division: str, status: str, need: str = "") -> dict[str, str]:
    """The filter values the list understands; anything else is dropped (the filter form
    only offers valid values, so an odd one comes from an edited address)."""
    if not (division == MY_DIVISIONS or (division.isdigit() and len(division) < 10)):
        division = ""
    status = status if status == NO_STATUS or status in Status.values else ""
    need = need if need in (OVERDUE, STALE) else ""
    return {"division": division, "status": status, "need": need}


# not done: any other status, or none reported yet
_NOT_DONE = Q(status_now__isnull=True) | Q(
    status_now__in=[value for value in Status.values if value != Status.DONE]
)


def measure_list(
    agency: Agency,
    fiscal_year: int,
    filters: dict[str, str],
    page: int | str | None = 1,
    *,
    mine: frozenset[int] = frozenset(),
    today: dt.date | None = None,
) -> MeasureList:
    """Three queries whatever the number of measures: how many match, the page's measures
    with their current status, and their divisions. `filters` come from `clean_filters`
    (division MY_DIVISIONS means the divisions in `mine`, the member's own); `page` is the
    page number as asked (a bad or too large one gives the nearest page)."""
    measures = Measure.objects.filter(agency=agency, fiscal_year=fiscal_year)
    division = filters.get("division", "")
    if division == MY_DIVISIONS:
        # a subquery, so that a measure of two of the member's divisions is listed once
        through = Measure.divisions.through.objects.filter(division_id__in=sorted(mine))
        measures = measures.filter(pk__in=through.values("measure_id"))
    elif division:
        measures = measures.filter(divisions=int(division))
    latest = latest_update_of("pk")
    measures = measures.annotate(
        status_now=Subquery(latest.values("status")[:1]),
        status_on=Subquery(latest.values("reported_on")[:1]),
    )
    if filters.get("status") == NO_STATUS:
        measures = measures.filter(status_now__isnull=True)
    elif filters.get("status"):
        measures = measures.filter(status_now=filters["status"])
    today = today or timezone.localdate()
    if filters.get("need") == OVERDUE:
        measures = measures.filter(_NOT_DONE, due_date__lt=today)
    elif filters.get("need") == STALE:
        stale_before = today - dt.timedelta(days=STALE_DAYS)
        measures = measures.filter(
            _NOT_DONE, Q(status_on__isnull=True) | Q(status_on__lt=stale_before)
        )
    fields = ("pk", "number", "title", "due_date", "agency_id", "status_now", "status_on")
    shown = Paginator(measures.values_list(*fields).order_by("number"), PAGE_SIZE).get_page(page)
    found = list(shown.object_list)
    divisions: dict[int, list[DivisionRow]] = {pk: [] for pk, *_ in found}
    through = Measure.divisions.through.objects.filter(measure_id__in=list(divisions))
    for measure_id, division_id, name in through.order_by(
        "division__order", "division__name"
    ).values_list("measure_id", "division_id", "division__name"):
        divisions[measure_id].append(DivisionRow(pk=division_id, name=name))
    rows = tuple(
        MeasureRow(
            pk=pk,
            number=number,
            title=title,
            status=status or "",
            divisions=tuple(divisions[pk]),
            due_date=due_date,
            status_date=status_on,
            agency_id=agency_id,
        )
        for pk, number, title, due_date, agency_id, status, status_on in found
    )
    count = shown.paginator.count
    return MeasureList(
        rows=rows,
        count=count,
        number=shown.number,
        num_pages=shown.paginator.num_pages,
        start=shown.start_index() if count else 0,
    )


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
