"""The national page's figures, kept per province.

The national page adds up every agency by province. Each province's line (and its months of
done measures, for the chart) is kept in the shared cache under that province's version token
(prongsai.agencies.versions), the day, the year and the filters, so after a write in one
province only that province is counted again, not the country. Provinces without a token
(agencies written before tokens existed, or by hand) are counted on every view.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.core.cache import cache

from prongsai.agencies import versions as place_versions
from prongsai.agencies.access import Scope
from prongsai.agencies.models import Agency
from prongsai.ita.rules import ResultRules
from prongsai.oversight import selectors
from prongsai.oversight.selectors import BY_PROVINCE, Filters, MonthProgress, Months, Row

KEEP_SECONDS = 3600


@dataclass
class ProvinceFigures:
    row: Row  # without its name (the language's)
    measures: int
    done_by_month: Months


def _key(code: str, token: str, year: int, filters: Filters, today: dt.date) -> str:
    parts = (code, token, year, sorted(filters.as_query().items()), today.isoformat())
    return "oversight-province:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def province_figures(
    year: int, filters: Filters, today: dt.date, rules: ResultRules
) -> dict[str, ProvinceFigures]:
    """{province code: its figures} of the provinces with agencies passing `filters`."""
    tokens = {
        key.removeprefix(place_versions.PREFIX).replace("-", ""): token
        for key, token in place_versions.all_tokens().items()
    }
    provinces = set(Agency.objects.order_by().values_list("province_code", flat=True).distinct())
    keys = {
        code: _key(code, tokens[code], year, filters, today) for code in provinces & set(tokens)
    }
    found: dict[str, ProvinceFigures] = {}
    kept = cache.get_many(list(keys.values())) if keys else {}
    for code, key in keys.items():
        if key in kept:
            found[code] = kept[key]
    missing = sorted(provinces - set(found))
    if not missing:
        return {code: figures for code, figures in found.items() if figures.row.agencies}
    agencies = selectors.scoped_agencies(Scope(), year, filters).filter(province_code__in=missing)
    rows = selectors.table(agencies, year, BY_PROVINCE, today, rules)
    months = selectors.done_by_month(agencies, year, BY_PROVINCE)
    fresh: dict[str, ProvinceFigures] = {}
    for code in missing:
        measures, by_month = months.get(code, (0, {}))
        row = rows.get(code) or Row(code=code, agencies=0)  # none passes the filters
        fresh[code] = ProvinceFigures(row=row, measures=measures, done_by_month=by_month)
    cache.set_many({keys[code]: fresh[code] for code in fresh if code in keys}, KEEP_SECONDS)
    found.update(fresh)
    return {code: figures for code, figures in found.items() if figures.row.agencies}


def national_progress(year: int, figures: dict[str, ProvinceFigures]) -> list[MonthProgress]:
    total = sum(f.measures for f in figures.values())
    by_month: Months = {}
    for f in figures.values():
        for ym, n in f.done_by_month.items():
            by_month[ym] = by_month.get(ym, 0) + n
    return selectors.month_progress(year, total, by_month)
