"""The agency-year's measures as the public sees them: plain JSON data, status as of a date.

The rule is the memo builders' (documents.build_common.measure_rows): a measure's status
on a date is its latest StatusUpdate reported on or before that date; none yet means not
started. Only link evidence is published; uploaded evidence files stay inside the agency.
"""

import datetime as dt
import hashlib
import json
from typing import Any

from prongsai.agencies.models import Agency
from prongsai.core.i18n import thai_label
from prongsai.measures.models import Measure, Status


def measures_as_of(agency: Agency, fiscal_year: int, as_of: dt.date) -> list[dict[str, Any]]:
    """The measures of the agency-year with status, note and links as of `as_of` (4 queries)."""
    measures = Measure.objects.of_year_as_of(agency, fiscal_year, as_of)
    rows = []
    for measure in measures:
        latest = measure.update_as_of
        status = latest.status if latest else Status.NOT_STARTED
        divisions = measure.divisions.all()  # Division.Meta orders by (order, name)
        rows.append(
            {
                "number": measure.number,
                "title": measure.title,
                "steps": list(measure.steps),
                "divisions": [d.name for d in divisions],
                "monitoring": measure.monitoring,
                "due_date": measure.due_date.isoformat() if measure.due_date else None,
                "indicator_codes": list(measure.indicator_codes),
                "status": str(status),
                # Published data stays Thai whatever language the publisher's screen uses.
                "status_label": thai_label(Status(status)),
                "status_date": latest.reported_on.isoformat() if latest else None,
                "note": latest.note.strip() if latest else "",
                "links": [e.url for e in latest.evidence.all() if e.url] if latest else [],
            }
        )
    return rows


def build_snapshot(agency: Agency, fiscal_year: int, as_of: dt.date) -> dict[str, Any]:
    return {
        "agency": {
            "name": agency.name,
            "full_name": agency.full_name,
            "head_title": agency.head_title,
            "website": agency.website,
            "telephone": agency.telephone,
        },
        "fiscal_year": fiscal_year,
        "as_of": as_of.isoformat(),
        "measures": measures_as_of(agency, fiscal_year, as_of),
    }


def fingerprint(data: Any) -> str:
    """SHA-256 of the canonical JSON of `data` (sorted keys, no spaces, UTF-8)."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()
