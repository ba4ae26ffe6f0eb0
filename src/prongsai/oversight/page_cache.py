"""Keys of the oversight pages' cached bodies.

A page adds up the agencies of one district, of one province or of all of them (the national
page). Every write to an agency's data gives its province and its district new version tokens
in the writing transaction (prongsai.agencies.versions), so the tokens, read before the
figures, name the data a body was rendered from. The key holds them with everything else the
body depends on: the year, the place, the asker's scope (the breadcrumbs), the day (overdue
is counted against it), the language and the cleaned query (filters, sort, page, rows).
A place without a token (nothing written through the services yet) is not cached.
"""

import hashlib
from typing import Any

from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import get_language

from prongsai.agencies import versions as place_versions
from prongsai.agencies.access import Scope
from prongsai.core.local_cache import LocalCache
from prongsai.oversight import selectors

# the bodies this process served last (keyed by their versions, so never stale)
BODIES = LocalCache(max_entries=64, max_bytes=32 * 1024 * 1024)
BODY_SECONDS = 3600  # an unused body leaves the cache; a new version replaces it anyway
QUERY_KEYS = ("sort", "page", "rows")  # besides the filters


def version(place: Scope) -> str:
    """The version of the data `place`'s page adds up ("" when it has none)."""
    if place.district_code:
        return place_versions.district_token(place.district_code)
    if place.province_code:
        return place_versions.province_token(place.province_code)
    tokens = place_versions.all_tokens()
    if not tokens:
        return ""
    return hashlib.sha256(repr(sorted(tokens.items())).encode()).hexdigest()


def body_key(query: QueryDict, year: int, place: Scope, scope: Scope) -> str | None:
    """The cache key of the page's body, or None when it must not be kept."""
    current = version(place)
    if not current:
        return None
    filters = selectors.clean_filters(query, selectors.year_rules(year))
    parts: tuple[Any, ...] = (
        year,
        place.province_code,
        place.district_code,
        scope.province_code,
        scope.district_code,
        current,
        timezone.localdate().isoformat(),
        get_language(),
        sorted(filters.as_query().items()),
        [query.get(name, "")[:40] for name in QUERY_KEYS],
    )
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"oversight:{digest}"
