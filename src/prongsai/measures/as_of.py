"""The agency-year's measures as they stood on a date: what memos print and snapshots publish.

A measure's status on a date is its latest StatusUpdate reported on or before that date and
not withdrawn (a withdrawn update was a mistake, whenever it was withdrawn); a measure with
none yet counts as not started.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from prongsai.agencies.models import Agency
from prongsai.measures.models import Evidence, Measure, Status, StatusUpdate


@dataclass(frozen=True)
class MeasureAsOf:
    measure: Measure
    divisions: tuple[str, ...]  # names, in the divisions' own order
    update: StatusUpdate | None  # the update current on the date (None: none yet)

    @property
    def status(self) -> str:
        return self.update.status if self.update else Status.NOT_STARTED

    @property
    def note(self) -> str:
        return self.update.note.strip() if self.update else ""

    @property
    def reported_on(self) -> dt.date | None:
        return self.update.reported_on if self.update else None

    @property
    def evidence(self) -> list[Evidence]:
        return list(self.update.evidence.all()) if self.update else []


def measures_as_of(agency: Agency, fiscal_year: int, as_of: dt.date) -> list[MeasureAsOf]:
    """The agency-year's measures by number with their status as of `as_of` (four queries)."""
    return [
        MeasureAsOf(
            measure,
            # Division.Meta orders by (order, name).
            tuple(d.name for d in measure.divisions.all()),
            measure.update_as_of,
        )
        for measure in Measure.objects.of_year_as_of(agency, fiscal_year, as_of)
    ]
