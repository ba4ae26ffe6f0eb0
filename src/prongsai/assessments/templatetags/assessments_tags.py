"""Template helpers of the ITA result pages and the agency-page panel."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from django import template

from prongsai.agencies.models import Agency
from prongsai.assessments import selectors
from prongsai.ita.scoring import round2

register = template.Library()


@register.filter
def score2(value: Any) -> str:
    """A score with 2 decimals, rounded half up as the rules classify it (82.475 -> 82.48)."""
    if value is None or value == "":
        return "–"
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, str):
        value = Decimal(value)
    if not isinstance(value, Fraction | Decimal | int):
        return str(value)
    return f"{round2(value)}"


@register.filter
def signed(value: Any) -> str:
    """A change with its sign: +1.25, -0.50, 0.00."""
    if value is None:
        return "–"
    text = score2(value)
    return f"+{text}" if Decimal(text) > 0 else text


@register.simple_tag
def ita_panel(agency: Agency, year: int) -> dict[str, Any]:
    """The results the agency-page panel shows: of ``year`` and ``year - 1`` (one query).

    The tool chart shows the year's own result once it is recorded (results come out around
    August), else the previous year's, the one this year's measures answer.
    """
    results = selectors.results_of_years(agency, (year, year - 1))
    current, previous = results.get(year), results.get(year - 1)
    shown = current or previous
    return {
        "current": current,
        "previous": previous,
        "chart_year": shown.fiscal_year if shown is not None else year - 1,
    }
