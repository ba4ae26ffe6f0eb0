"""A demo ITA 2564 result for the demo agency (เทศบาลตำบลอุ่มเม่า).

ILLUSTRATIVE DEMO DATA: these scores are made up to show the analysis (weak indicators,
failed OIT items, suggestions). They are NOT the agency's real ITA 2564 result.
"""

from __future__ import annotations

from typing import Any

from prongsai.agencies.models import Agency
from prongsai.assessments.models import ItaResult
from prongsai.assessments.services import record_result
from prongsai.ita.framework import load_framework

YEAR = 2564

# Illustrative only (not the agency's real score): four IIT/EIT indicators under 85.
INDICATOR_SCORES = {
    "1": "91.20",
    "2": "83.45",
    "3": "88.10",
    "4": "86.35",
    "5": "80.12",
    "6": "87.60",
    "7": "84.27",
    "8": "82.90",
}
# Illustrative only: O42 (measures, 10.2) and O31 (complaint statistics, 9.5) not found.
FAILED_ITEMS = ("O31", "O42")


def load_demo_results(agency: Agency, actor: Any) -> ItaResult:
    """Record the illustrative ITA 2564 result once; later calls return the recorded one."""
    existing = ItaResult.objects.filter(agency=agency, fiscal_year=YEAR).first()
    if existing is not None:
        return existing
    framework = load_framework(YEAR)
    return record_result(
        actor=actor,
        agency=agency,
        fiscal_year=YEAR,
        indicator_scores=INDICATOR_SCORES,
        item_results={item.code: item.code not in FAILED_ITEMS for item in framework.items},
        note="ข้อมูลตัวอย่างสำหรับสาธิตระบบ ไม่ใช่ผลการประเมินจริงของหน่วยงาน "
        "(illustrative demo data, not the agency's real result)",
    )
