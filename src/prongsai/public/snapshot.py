"""The agency-year's measures as the public sees them: plain JSON data, status as of a date.

The reading is the memos' (prongsai.measures.as_of): a measure's status on a date is its latest
StatusUpdate reported on or before that date. Only link evidence is published; uploaded
evidence files stay inside the agency.
"""

import datetime as dt
import hashlib
from typing import Any

from prongsai.agencies.models import Agency
from prongsai.core.canonical import canonical_json
from prongsai.core.i18n import thai_label
from prongsai.measures.as_of import measures_as_of
from prongsai.measures.models import Status


def published_measures(agency: Agency, fiscal_year: int, as_of: dt.date) -> list[dict[str, Any]]:
    """The measures of the agency-year with status, note and links as of `as_of`."""
    return [
        {
            "number": row.measure.number,
            "title": row.measure.title,
            "steps": list(row.measure.steps),
            "divisions": list(row.divisions),
            "monitoring": row.measure.monitoring,
            "due_date": row.measure.due_date.isoformat() if row.measure.due_date else None,
            "indicator_codes": list(row.measure.indicator_codes),
            "status": str(row.status),
            # Published data stays Thai whatever language the publisher's screen uses.
            "status_label": thai_label(Status(row.status)),
            "status_date": row.reported_on.isoformat() if row.reported_on else None,
            "note": row.note,
            "links": [e.url for e in row.evidence if e.url],
        }
        for row in measures_as_of(agency, fiscal_year, as_of)
    ]


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
        "measures": published_measures(agency, fiscal_year, as_of),
    }


def fingerprint(data: Any) -> str:
    """SHA-256 of the canonical JSON of `data` (sorted keys, no spaces, UTF-8)."""
    return hashlib.sha256(canonical_json(data)).hexdigest()
