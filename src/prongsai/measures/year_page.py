"""The agency-year page: summaries of all the year's measures and one page of its list.

Its body (everything below the site's header) is the same for every member who has the same
permissions and asks for the same filters and page, and it changes only when the agency's
data does. Every change to an agency's data is written with an event in its audit chain, so
the chain's head names the data's version: the body is rendered once per version (and
language, day, filters, page and permissions) and kept in Django's cache. A cached body never
holds anything of one person (no CSRF token: its forms are GET forms), so it is rendered
without the request.
"""

import datetime as dt
import hashlib
from dataclasses import asdict
from typing import Any
from urllib.parse import urlencode

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_htmx.middleware import HtmxDetails

from prongsai.agencies.access import Permissions, get_agency_for_user, permissions
from prongsai.agencies.models import Agency
from prongsai.audit.chain import GENESIS
from prongsai.audit.selectors import chain_head
from prongsai.core import policy
from prongsai.measures import selectors
from prongsai.measures.carried import latest_year_before
from prongsai.measures.models import Status

BODY_SECONDS = 3600  # a body unused this long leaves the cache (a new version replaces it anyway)


class HtmxHttpRequest(HttpRequest):
    """A request as django-htmx's middleware leaves it (the type only)."""

    htmx: HtmxDetails


@policy.authenticated
@require_GET
def agency_year(request: HtmxHttpRequest, slug: str, year: int) -> HttpResponse:
    """The agency-year page. An htmx request (the filter form, the page links) gets the list
    alone; the page links and the form carry the filters, so filtering and paging keep each
    other."""
    membership = get_agency_for_user(request, slug)
    agency = membership.agency
    mine = frozenset(d.pk for d in membership.divisions.all())
    filters = selectors.clean_filters(
        request.GET.get("division", ""), request.GET.get("status", ""), request.GET.get("need", "")
    )
    page = request.GET.get("page", "1")
    whole_page = not request.htmx or request.htmx.history_restore_request
    can = permissions(membership)
    today = timezone.localdate()
    version = chain_head(agency)
    key = _body_key(agency, year, version, today, filters, page, mine, can, whole_page)
    body = cache.get(key) if version != GENESIS else None
    if body is None:
        context = _body_context(agency, year, filters, page, mine, can, today, whole_page)
        template = (
            "measures/_agency_year_body.html" if whole_page else "measures/_measure_table.html"
        )
        body = render_to_string(template, context)
        if version != GENESIS:
            cache.set(key, body, BODY_SECONDS)
    if whole_page:
        # the body is our template's output, escaped when it was rendered
        safe_body = mark_safe(body)  # noqa: S308
        context = {"agency": agency, "year": year, "body": safe_body}
        response = render(request, "measures/agency_year.html", context)
    else:
        response = HttpResponse(body)  # rendered by a template, so already escaped
    # The same address answers with the whole page or the list alone.
    patch_vary_headers(response, ("HX-Request",))
    return response


def _body_key(
    agency: Agency,
    year: int,
    version: str,
    today: dt.date,
    filters: dict[str, str],
    page: str,
    mine: frozenset[int],
    can: Permissions,
    whole_page: bool,
) -> str:
    """Everything the body depends on: the data's version and what the asker chose and may
    do. `mine` counts only when the list is filtered to the member's own divisions, and then
    by which divisions (whether the member has any shows as the filter's option)."""
    own = sorted(mine) if filters.get("division") == selectors.MY_DIVISIONS else [bool(mine)]
    parts = (
        agency.pk,
        year,
        version,
        today.isoformat(),
        get_language(),
        sorted(filters.items()),
        page[:12],
        own,
        sorted(name for name, allowed in asdict(can).items() if allowed),
        whole_page,
    )
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"agency-year:{digest}"


def _body_context(
    agency: Agency,
    year: int,
    filters: dict[str, str],
    page: str,
    mine: frozenset[int],
    can: Permissions,
    today: dt.date,
    whole_page: bool,
) -> dict[str, Any]:
    listing = selectors.measure_list(agency, year, filters, page, mine=mine, today=today)
    context: dict[str, Any] = {
        "agency": agency,
        "year": year,
        "listing": listing,
        "measures": listing.rows,
        "pages": _page_links(reverse("agency_year", args=[agency.slug, year]), filters, listing),
        "filters": filters,
        "filtered": any(filters.values()),
        # without filters the list holds the whole year (the page counts it again below)
        "year_empty": not any(filters.values()) and not listing.count,
        "statuses": Status.choices,
        "needs": [
            (selectors.OVERDUE, _("เลยกำหนดติดตามแต่ยังไม่เสร็จ")),
            (
                selectors.STALE,
                _("ไม่มีการรายงานความคืบหน้าใน %(days)d วัน") % {"days": selectors.STALE_DAYS},
            ),
        ],
        "mine": selectors.MY_DIVISIONS if mine else "",
        "can": can,
    }
    if whole_page:
        summary = selectors.agency_summary(agency, year)
        context.update(
            {
                "years": selectors.year_choices(agency, year, today),
                "divisions": summary.divisions,
                "total": summary.total,
                "counts": summary.counts,
                "no_status": summary.no_status,
                "progress": summary.progress,
                "year_empty": not summary.total,
            }
        )
    if context["year_empty"]:
        context["latest_year"] = selectors.latest_year_with_measures(agency)
        # measures are carried over from the latest earlier year that has some (None: none)
        context["carry_from"] = latest_year_before(agency, year)
    return context


def _page_links(
    base: str, filters: dict[str, str], listing: selectors.MeasureList
) -> dict[str, str]:
    """The addresses of the first, previous, next and last pages (those there are), each
    keeping the filters."""

    def link(number: int) -> str:
        query = {key: value for key, value in filters.items() if value}
        if number > 1:
            query["page"] = str(number)
        return f"{base}?{urlencode(query)}" if query else base

    links: dict[str, str] = {}
    if listing.previous:
        links.update(first=link(1), previous=link(listing.previous))
    if listing.next:
        links.update(next=link(listing.next), last=link(listing.num_pages))
    return links
