"""What pages show of measures carried between fiscal years: the carry-over page's list of
an earlier year's measures, and a measure's links to the year it came from and went to.
Plain rows, a fixed number of queries (see measures.selectors)."""

from dataclasses import dataclass

from prongsai.agencies.models import Agency
from prongsai.measures.models import Measure, Status


@dataclass(frozen=True)
class MeasureLink:
    """Another year's measure, as a link."""

    pk: int
    fiscal_year: int
    number: int
    title: str


@dataclass(frozen=True)
class CarriedDivision:
    name: str
    retired: bool


@dataclass(frozen=True)
class CarryRow:
    """One measure of the earlier year on the carry-over page."""

    pk: int
    number: int
    title: str
    status: str  # its current Status value, "" when nothing was reported
    divisions: tuple[CarriedDivision, ...]
    carried_to: MeasureLink | None  # already carried into the target year

    @property
    def unfinished(self) -> bool:
        return self.status != Status.DONE

    @property
    def has_active_division(self) -> bool:
        return any(not d.retired for d in self.divisions)

    @property
    def can_carry(self) -> bool:
        return self.carried_to is None and self.has_active_division

    @property
    def preselected(self) -> bool:
        """What the page ticks at first: the measures not done that can be carried."""
        return self.unfinished and self.can_carry


def earlier_years(agency: Agency, year: int) -> list[int]:
    """The agency's years before `year` that have measures, newest first (one query)."""
    found = (
        Measure.objects.filter(agency=agency, fiscal_year__lt=year)
        .order_by("-fiscal_year")
        .values_list("fiscal_year", flat=True)
        .distinct()
    )
    return list(found)


def latest_year_before(agency: Agency, year: int) -> int | None:
    """The latest year before `year` that has measures (None: none)."""
    return (
        Measure.objects.filter(agency=agency, fiscal_year__lt=year)
        .order_by("-fiscal_year")
        .values_list("fiscal_year", flat=True)
        .first()
    )


def _link(measure: Measure) -> MeasureLink:
    return MeasureLink(measure.pk, measure.fiscal_year, measure.number, measure.title)


def carry_rows(agency: Agency, from_year: int, to_year: int) -> tuple[CarryRow, ...]:
    """The measures of `from_year` with their status, divisions and whether each was
    already carried into `to_year` (three queries)."""
    measures = (
        Measure.objects.filter(agency=agency, fiscal_year=from_year)
        .with_current_status()
        .prefetch_related("divisions")
        .order_by("number")
    )
    carried = {
        m.carried_from_id: _link(m)
        for m in Measure.objects.filter(
            agency=agency, fiscal_year=to_year, carried_from__fiscal_year=from_year
        ).only("pk", "fiscal_year", "number", "title", "carried_from")
    }
    return tuple(
        CarryRow(
            pk=m.pk,
            number=m.number,
            title=m.title,
            status=m.current_status or "",
            divisions=tuple(
                CarriedDivision(d.name, d.retired_at is not None) for d in m.divisions.all()
            ),
            carried_to=carried.get(m.pk),
        )
        for m in measures
    )


@dataclass(frozen=True)
class Lineage:
    came_from: MeasureLink | None
    went_to: tuple[MeasureLink, ...]


def lineage(measure: Measure) -> Lineage:
    """The measure it was carried from and those it was carried into (two queries)."""
    fields = ("pk", "fiscal_year", "number", "title")
    same_agency = Measure.objects.filter(agency_id=measure.agency_id).only(*fields)
    came_from = (
        same_agency.filter(pk=measure.carried_from_id).first() if measure.carried_from_id else None
    )
    went_to = same_agency.filter(carried_from=measure).order_by("fiscal_year")
    return Lineage(
        came_from=_link(came_from) if came_from else None,
        went_to=tuple(_link(m) for m in went_to),
    )
