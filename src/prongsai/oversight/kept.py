"""The oversight figures kept per province and per district.

A write to an agency's data gives its province and its district new version tokens in the
writing transaction (prongsai.agencies.versions). The figures of one province (a line of the
national page) and of one district (a line of a province's page, with its agencies' lines)
are kept in the shared cache under that place's token and everything else they depend on
(year, filters, day, language), so after a write only the place written to is counted again,
not the country or the whole province. Places without a token (agencies written before
tokens existed, or by hand) are counted on every view.
"""

import datetime as dt
import hashlib
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from django.core.cache import cache
from django.utils.translation import get_language

from prongsai.agencies import versions as place_versions
from prongsai.agencies.access import Scope
from prongsai.agencies.models import Agency
from prongsai.ita.rules import ResultRules
from prongsai.oversight import selectors
from prongsai.oversight.selectors import (
    BY_DISTRICT,
    BY_PROVINCE,
    Filters,
    MonthProgress,
    Months,
    Row,
)

KEEP_SECONDS = 3600

log = logging.getLogger(__name__)


# Raised whenever what is kept changes shape, so a new version never reads an old one's.
SHAPE = 2


@dataclass
class PlaceFigures:
    row: Row  # without its name (the language's)
    measures: int
    done_by_month: Months
    agencies: list[Row] = field(default_factory=list)  # districts only: their agencies' lines

    def plain(self) -> dict[str, Any]:
        """Plain data only (no class of this code base is pickled into the shared cache,
        which outlives a deployment)."""
        return {
            "row": asdict(self.row),
            "measures": self.measures,
            "months": sorted(self.done_by_month.items()),
            "agencies": [asdict(r) for r in self.agencies],
        }

    @classmethod
    def from_plain(cls, data: dict[str, Any]) -> "PlaceFigures":
        return cls(
            row=Row(**data["row"]),
            measures=data["measures"],
            done_by_month={tuple(ym): n for ym, n in data["months"]},
            agencies=[Row(**r) for r in data["agencies"]],
        )


def _kept(
    kind: str,
    codes: set[str],
    tokens: dict[str, str],
    parts: tuple[object, ...],
    compute: Callable[[list[str]], dict[str, PlaceFigures]],
) -> dict[str, PlaceFigures]:
    """{code: figures} of the places `codes`: kept ones from the cache, the others computed
    together (one `compute` call whatever their number) and kept when they have a token.
    Anything kept that cannot be read back counts as not kept."""
    keys = {
        code: f"oversight-{kind}:"
        + hashlib.sha256(repr((SHAPE, code, tokens[code], *parts)).encode()).hexdigest()
        for code in codes & set(tokens)
    }
    found: dict[str, PlaceFigures] = {}
    try:
        stored = cache.get_many(list(keys.values())) if keys else {}
        for code, key in keys.items():
            if key in stored:
                found[code] = PlaceFigures.from_plain(stored[key])
    except Exception:  # an entry of another version of prongsai: count again
        log.warning("oversight figures in the cache could not be read; counting again")
        found = {}
    missing = sorted(codes - set(found))
    if missing:
        fresh = compute(missing)
        cache.set_many({keys[c]: fresh[c].plain() for c in fresh if c in keys}, KEEP_SECONDS)
        found.update(fresh)
    return found


def _tokens(prefix: str) -> dict[str, str]:
    """{place code: token} of the keys under `prefix` ("-" stands for no code)."""
    tokens = place_versions.tokens_under(prefix)
    return {key.rsplit(":", 1)[1].replace("-", ""): token for key, token in tokens.items()}


def province_figures(
    year: int, filters: Filters, today: dt.date, rules: ResultRules
) -> dict[str, PlaceFigures]:
    """{province code: its figures} of the provinces with agencies passing `filters`."""
    provinces = set(Agency.objects.order_by().values_list("province_code", flat=True).distinct())

    def compute(missing: list[str]) -> dict[str, PlaceFigures]:
        agencies = selectors.scoped_agencies(Scope(), year, filters).filter(
            province_code__in=missing
        )
        rows = selectors.table(agencies, year, BY_PROVINCE, today, rules)
        months = selectors.done_by_month(agencies, year, BY_PROVINCE)
        return {code: _figures(code, rows, months) for code in missing}

    parts = (year, sorted(filters.as_query().items()), today.isoformat())
    found = _kept("province", provinces, _tokens(place_versions.PREFIX), parts, compute)
    return {code: f for code, f in found.items() if f.row.agencies}


def district_figures(
    province_code: str,
    year: int,
    filters: Filters,
    today: dt.date,
    rules: ResultRules,
) -> dict[str, PlaceFigures]:
    """{district code: its figures and its agencies' lines} of the province's districts
    with agencies passing `filters`."""
    in_province = Agency.objects.filter(province_code=province_code)
    districts = set(in_province.order_by().values_list("district_code", flat=True).distinct())

    def compute(missing: list[str]) -> dict[str, PlaceFigures]:
        agencies = selectors.scoped_agencies(
            Scope(province_code=province_code), year, filters
        ).filter(district_code__in=missing)
        rows = selectors.table(agencies, year, BY_DISTRICT, today, rules)
        months = selectors.done_by_month(agencies, year, BY_DISTRICT)
        fresh = {code: _figures(code, rows, months) for code in missing}
        for district, row in selectors.agency_rows_with_district(agencies, year, today):
            fresh[district].agencies.append(row)
        return fresh

    parts = (year, sorted(filters.as_query().items()), today.isoformat(), get_language())
    prefix = place_versions.DISTRICT_PREFIX + province_code if province_code else "district:-"
    found = _kept("district", districts, _tokens(prefix), parts, compute)
    return {code: f for code, f in found.items() if f.row.agencies}


def _figures(
    code: str, rows: dict[str, Row], months: dict[str, tuple[int, Months]]
) -> PlaceFigures:
    measures, by_month = months.get(code, (0, {}))
    row = rows.get(code) or Row(code=code, agencies=0)  # none passes the filters
    return PlaceFigures(row=row, measures=measures, done_by_month=by_month)


def progress(year: int, figures: dict[str, PlaceFigures]) -> list[MonthProgress]:
    """The month chart of the places added up."""
    return selectors.added_progress(year, ((f.measures, f.done_by_month) for f in figures.values()))
