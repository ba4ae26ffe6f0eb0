"""What the measures pages show, read in a fixed number of queries and returned as rows.

Views ask here instead of querying models or decorating model instances: each function
returns frozen dataclasses holding what a page shows. The agency-year page reads one page of
its measure list and the summaries of all its measures as aggregates counted by the
database, so neither the query count nor the work grows with the agency's measures.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, Model, Subquery

from prongsai.agencies.models import Agency, Division
from prongsai.measures.models import Measure, Status, StatusUpdate, latest_update_of
from prongsai.thai.dates import fiscal_year_of

NO_STATUS = "none"  # the filter value and count key of measures nobody has reported on
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
    """One page of the agency-year's measures, filtered by division and status."""

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


def clean_filters(division: str, status: str) -> dict[str, str]:
    """The filter values the list understands; anything else is dropped (the filter form
    only offers valid values, so an odd one comes from an edited address)."""
    division = division if division.isdigit() and len(division) < 10 else ""
    status = status if status == NO_STATUS or status in Status.values else ""
    return {"division": division, "status": status}


def measure_list(
    agency: Agency, fiscal_year: int, filters: dict[str, str], page: int | str | None = 1
) -> MeasureList:
    """Three queries whatever the number of measures: how many match, the page's measures
    with their current status, and their divisions. `filters` come from `clean_filters`;
    `page` is the page number as asked (a bad or too large one gives the nearest page)."""
    measures = Measure.objects.filter(agency=agency, fiscal_year=fiscal_year)
    if filters.get("division"):
        measures = measures.filter(divisions=int(filters["division"]))
    measures = measures.annotate(status_now=_current_status("pk"))
    if filters.get("status") == NO_STATUS:
        measures = measures.filter(status_now__isnull=True)
    elif filters.get("status"):
        measures = measures.filter(status_now=filters["status"])
    measures = measures.only("pk", "number", "title").order_by("number")
    shown = Paginator(measures.prefetch_related("divisions"), PAGE_SIZE).get_page(page)
    rows = tuple(
        MeasureRow(
            pk=m.pk,
            number=m.number,
            title=m.title,
            status=getattr(m, "status_now", None) or "",
            divisions=tuple(_division_row(d) for d in m.divisions.all()),
        )
        for m in shown.object_list
    )
    count = shown.paginator.count
    return MeasureList(
        rows=rows,
        count=count,
        number=shown.number,
        num_pages=shown.paginator.num_pages,
        start=shown.start_index() if count else 0,
    )


def year_choices(agency: Agency, fiscal_year: int, today: dt.date | None = None) -> list[int]:
    """The years that have measures, the shown year and the current one, newest first."""
    years = set(Measure.objects.filter(agency=agency).values_list("fiscal_year", flat=True))
    years |= {fiscal_year, fiscal_year_of(today or dt.date.today())}
    return sorted(years, reverse=True)


# --- one measure ---------------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceRow:
    pk: int
    is_file: bool
    name: str  # the uploaded file's name, or the link
    size: int
    url: str


@dataclass(frozen=True)
class StatusRow:
    status: str
    status_label: str
    reported_on: dt.date
    reported_by: str
    created_at: dt.datetime
    note: str
    evidence: tuple[EvidenceRow, ...]


@dataclass(frozen=True)
class MeasurePage:
    divisions: tuple[DivisionRow, ...]
    history: tuple[StatusRow, ...]  # newest first

    @property
    def current(self) -> StatusRow | None:
        return self.history[0] if self.history else None


def measure_page(measure: Measure) -> MeasurePage:
    """The measure's divisions and its status reports with their evidence (three queries)."""
    updates = (
        StatusUpdate.objects.filter(measure=measure)
        .select_related("created_by")
        .prefetch_related("evidence")
    )
    history = tuple(
        StatusRow(
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
        )
        for u in updates
    )
    divisions = tuple(_division_row(d) for d in measure.divisions.all())
    return MeasurePage(divisions=divisions, history=history)


def field_label(model: type[Model], name: str) -> str:
    """A field's label as the model declares it (its verbose_name, translated)."""
    field = model._meta.get_field(name)
    return str(getattr(field, "verbose_name", name))
