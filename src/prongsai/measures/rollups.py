"""The agency-year roll-ups of measures (`MeasureFigures`) that the oversight pages read.

An agency-year is small, so it is always counted again from scratch, never incremented:
`refresh_figures` inside every measures service's transaction, `rebuild` for all agencies
(or some) after a bulk load, an upgrade or a restore. Counting is one pure function
(`figure_rows`), so the services, the rebuild and the synthetic load agree.
"""

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from prongsai.agencies import versions as place_versions
from prongsai.agencies.models import Agency
from prongsai.measures.models import Measure, MeasureFigures, Status

# One measure as counted: agency id, fiscal year, due date, current status (None: no
# standing update) and the date of that status.
Counted = tuple[int, int, dt.date | None, str | None, dt.date | None]

BATCH = 2000


def figure_rows(measures: Iterable[Counted]) -> list[dict[str, Any]]:
    """The `MeasureFigures` rows (as field values) of the measures given."""
    counted: Counter[tuple[int, int, str, dt.date | None, dt.date | None]] = Counter()
    for agency_id, year, due_date, status, status_on in measures:
        if status == Status.DONE:
            month = status_on.replace(day=1) if status_on is not None else None
            counted[(agency_id, year, Status.DONE.value, None, month)] += 1
        else:
            counted[(agency_id, year, status or "", due_date, None)] += 1
    return [
        {
            "agency_id": agency_id,
            "fiscal_year": year,
            "status": status,
            "due_date": due_date,
            "done_month": month,
            "count": n,
        }
        for (agency_id, year, status, due_date, month), n in counted.items()
    ]


def _counted(measures: QuerySet[Measure]) -> Iterator[Counted]:
    fields = ("agency_id", "fiscal_year", "due_date", "current_status", "status_date")
    rows = measures.with_current_status().order_by().values_list(*fields)  # type: ignore[attr-defined]
    yield from rows.iterator(chunk_size=BATCH)


def refresh_figures(agency_id: int, fiscal_year: int) -> None:
    """Count the agency-year's measures again. Call it inside the writing transaction, with
    the agency row locked, after the write."""
    scope = {"agency_id": agency_id, "fiscal_year": fiscal_year}
    MeasureFigures.objects.filter(**scope).delete()
    rows = figure_rows(_counted(Measure.objects.filter(**scope)))
    MeasureFigures.objects.bulk_create(MeasureFigures(**row) for row in rows)


def rebuild(agencies: QuerySet[Agency] | None = None) -> int:
    """Count every agency-year of `agencies` (all when None) again; the number of rows."""
    with transaction.atomic():
        figures = MeasureFigures.objects.all()
        measures = Measure.objects.all()
        if agencies is not None:
            figures = figures.filter(agency__in=agencies.values("pk"))
            measures = measures.filter(agency__in=agencies.values("pk"))
        figures.delete()
        provinces = Agency.objects.all() if agencies is None else agencies
        # rewritten without events: the places' pages must not be kept from before
        place_versions.changed(
            provinces.order_by().values_list("province_code", "district_code").distinct()
        )
        rows = figure_rows(_counted(measures))
        for start in range(0, len(rows), BATCH):
            MeasureFigures.objects.bulk_create(
                MeasureFigures(**row) for row in rows[start : start + BATCH]
            )
    return len(rows)
