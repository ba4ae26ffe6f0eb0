"""An agency-year's reports on their way to the public: the measures memo approved (and
often published), the implementation report approved or still a draft.

Approvals fingerprint the measures as of the report date as the public service does, and a
publication's snapshot is the one `public.snapshot.build_snapshot` would build, made from
the rows generated here rather than read back. Publications carry no PDF document: a
synthetic agency has no rendered memo (its public page lists no file).
"""

import datetime as dt
import random
from functools import cache
from typing import Any

from prongsai.agencies.models import Role
from prongsai.core.i18n import thai_label
from prongsai.measures.models import Status
from prongsai.memos.kinds import MemoKind
from prongsai.public.models import Decision, Publication, Report, ReportDecision, ReportState
from prongsai.public.snapshot import fingerprint
from prongsai.synth.measures import MONITORING, MeasureMemo, at
from prongsai.synth.rows import Rows
from prongsai.thai.dates import fiscal_year_bounds


@cache
def _thai(choice: Status | Role) -> str:
    # thai_label switches the language for each call; the few labels are read once.
    return thai_label(choice)


def published_measures(memos: list[MeasureMemo], as_of: dt.date) -> list[dict[str, Any]]:
    """`public.snapshot.published_measures` of the generated measures."""
    found = []
    for memo in memos:
        current = [u for u in memo.updates if u[0] <= as_of]
        day, status, note, links = current[-1] if current else (None, Status.NOT_STARTED, "", [])
        found.append(
            {
                "number": memo.number,
                "title": memo.title,
                "steps": list(memo.steps),
                "divisions": list(memo.divisions),
                "monitoring": MONITORING,
                "due_date": memo.due_date.isoformat(),
                "indicator_codes": list(memo.indicator_codes),
                "status": str(status),
                "status_label": _thai(Status(status)),
                "status_date": day.isoformat() if day else None,
                "note": note.strip(),
                "links": list(links),
            }
        )
    return found


def add_reports(
    rows: Rows,
    rng: random.Random,
    *,
    agency: dict[str, Any],
    year: int,
    memos: list[MeasureMemo],
    people: dict[str, Any],
) -> None:
    start, _end = fiscal_year_bounds(year)
    kinds = (
        (MemoKind.MEASURES, start + dt.timedelta(days=120), 0.85, 0.6),
        (MemoKind.IMPLEMENTATION, start + dt.timedelta(days=182), 0.6, 0.0),
    )
    for kind, as_of, approved_share, published_share in kinds:
        approved = rng.random() < approved_share
        report_id = rows.add(
            Report,
            agency_id=agency["id"],
            fiscal_year=year,
            kind=kind.value,
            as_of=as_of,
            state=(ReportState.APPROVED if approved else ReportState.DRAFT).value,
            version=1,
            updated_at=at(as_of + dt.timedelta(days=7), 11),
            dated=None,
            number="",
            subject="",
            addressee="",
            signer_name="",
            signer_title="",
        )
        if not approved:
            continue
        measures = published_measures(memos, as_of)
        sha = fingerprint(measures)
        steps = (
            (Decision.SUBMITTED, Role.COORDINATOR, 3),
            (Decision.APPROVED, Role.EXECUTIVE, 7),
        )
        for decision, role, days in steps:
            rows.add(
                ReportDecision,
                report_id=report_id,
                decision=decision.value,
                actor_id=people[role.value],
                actor_role=_thai(role),
                comment="",
                as_of=as_of,
                report_version=1,
                content_sha256=sha,
                created_at=at(as_of + dt.timedelta(days=days), 11),
            )
        if rng.random() >= published_share:
            continue
        snapshot = {
            "agency": {
                "name": agency["name"],
                "full_name": full_name(agency),
                "head_title": agency["head_title"],
                "website": agency["website"],
                "telephone": agency["telephone"],
            },
            "fiscal_year": year,
            "as_of": as_of.isoformat(),
            "measures": measures,
        }
        rows.add(
            Publication,
            agency_id=agency["id"],
            fiscal_year=year,
            report_id=report_id,
            kind=kind.value,
            as_of=as_of,
            published_at=at(as_of + dt.timedelta(days=8), 14),
            published_by_id=people[Role.COORDINATOR.value],
            published_by_role=_thai(Role.COORDINATOR),
            approved_at=at(as_of + dt.timedelta(days=7), 11),
            approved_by_role=_thai(Role.EXECUTIVE),
            snapshot=snapshot,
            snapshot_sha256=fingerprint(snapshot),
            matches_approval=True,
        )


def full_name(agency: dict[str, Any]) -> str:
    """Agency.full_name of the generated row."""
    parts = [agency["name"]]
    if agency["district"]:
        parts.append(f"อำเภอ{agency['district']}")
    parts.append(f"จังหวัด{agency['province']}")
    return " ".join(parts)
