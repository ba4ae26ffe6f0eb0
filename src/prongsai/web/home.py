"""What needs each person, for the home page they land on after log-in.

Per membership: the fiscal year that needs them (the current one if the agency has
measures in it, else the latest year that has measures) and, by role, the counts of what
waits for them. Read through the apps' selectors in a fixed number of queries, whatever
the number of memberships, measures, reports or cases.
"""

import datetime as dt
from dataclasses import dataclass, replace

from django.contrib.auth.models import AnonymousUser, User

from prongsai.agencies.access import STAFF_ROLES, memberships_of
from prongsai.agencies.models import Role
from prongsai.measures.selectors import MeasureRow, home_years, year_needs
from prongsai.public.selectors import CaseNeeds, ReportNeeds, case_needs, report_needs

REPORT_ROLES = frozenset({Role.COORDINATOR, Role.EXECUTIVE})


@dataclass(frozen=True)
class Progress:
    done: int
    in_progress: int
    not_started: int
    not_reported: int


@dataclass(frozen=True)
class HomeCard:
    """One membership's part of the home page; the fields of other roles stay None."""

    slug: str
    agency_name: str
    role: str
    role_label: str
    year: int
    total: int  # the year's measures
    overdue: int | None = None  # coordinator
    reports: ReportNeeds | None = None  # coordinator, executive
    stale: tuple[MeasureRow, ...] | None = None  # reporter
    reporter_divisions: int = 0
    cases: CaseNeeds | None = None  # complaint officer
    progress: Progress | None = None  # viewer


def home_cards(user: User | AnonymousUser, today: dt.date) -> list[HomeCard]:
    memberships = list(memberships_of(user).prefetch_related("divisions"))
    staff = [m for m in memberships if m.role in STAFF_ROLES]
    years = home_years({m.agency_id for m in staff}, today)
    needs = year_needs(years)
    reports = report_needs(
        {m.agency_id: years[m.agency_id] for m in staff if m.role in REPORT_ROLES}
    )
    cases = case_needs({m.agency_id for m in memberships if m.role == Role.COMPLAINT_OFFICER})
    cards = []
    for m in memberships:
        year = years.get(m.agency_id, 0)
        measures = needs.get(m.agency_id)
        card = HomeCard(
            slug=m.agency.slug,
            agency_name=m.agency.name,
            role=m.role,
            role_label=str(m.get_role_display()),
            year=year,
            total=len(measures.measures) if measures else 0,
        )
        if m.role == Role.COORDINATOR and measures is not None:
            found = reports[m.agency_id]
            if not measures.measures:  # nothing to report on before the year has measures
                found = ReportNeeds(0, found.returned, found.waiting)
            card = replace(card, overdue=len(measures.overdue(today)), reports=found)
        elif m.role == Role.EXECUTIVE:
            card = replace(card, reports=reports[m.agency_id])
        elif m.role == Role.REPORTER and measures is not None:
            own = frozenset(d.pk for d in m.divisions.all())
            card = replace(card, stale=measures.stale(today, own), reporter_divisions=len(own))
        elif m.role == Role.VIEWER and measures is not None:
            counts = measures.status_counts()
            card = replace(
                card,
                progress=Progress(
                    counts["done"], counts["in_progress"], counts["not_started"], counts["none"]
                ),
            )
        elif m.role == Role.COMPLAINT_OFFICER:
            card = replace(card, cases=cases[m.agency_id])
        cards.append(card)
    return cards
