"""The divisions page's rows: each division with how many measures and members it has.

Here, not in registry, because the counts read measures (registry sits below measures)."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q

from prongsai.agencies.models import Agency, Division


@dataclass(frozen=True)
class DivisionListRow:
    pk: int
    name: str
    order: int
    measures: int  # of every year
    members: int  # active memberships assigned to it
    retired_at: dt.datetime | None

    @property
    def retired(self) -> bool:
        return self.retired_at is not None


def division_list(agency: Agency) -> tuple[DivisionListRow, ...]:
    """Every division of the agency in its order, retired ones too (one query)."""
    rows = (
        Division.objects.filter(agency=agency)
        .annotate(
            n_measures=Count("measures", distinct=True),
            n_members=Count("members", filter=Q(members__active=True), distinct=True),
        )
        .order_by("order", "name", "pk")
    )
    return tuple(
        DivisionListRow(
            pk=d.pk,
            name=d.name,
            order=d.order,
            measures=d.n_measures,
            members=d.n_members,
            retired_at=d.retired_at,
        )
        for d in rows
    )


def moved(ids: list[int], pk: int, step: int) -> list[int] | None:
    """`ids` with `pk` moved one place up (step -1) or down (+1); None when it cannot move."""
    if pk not in ids or step not in (-1, 1):
        return None
    at = ids.index(pk)
    to = at + step
    if not 0 <= to < len(ids):
        return None
    out = list(ids)
    out[at], out[to] = out[to], out[at]
    return out
