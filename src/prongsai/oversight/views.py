"""The oversight pages `/o/<year>/…`: the nation by province, a province by district and its
agencies, a district's agencies, and one agency's year read-only. They exist only for
oversight people whose scope covers the place (404 for anybody else) and change nothing."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from prongsai.agencies.access import Scope, require_scope
from prongsai.agencies.models import Agency, AgencyKind
from prongsai.core import local_cache, policy
from prongsai.core.errors import ValidationFailed
from prongsai.ita.rules import ResultRules
from prongsai.jobs import services as job_services
from prongsai.jobs.models import JobKind
from prongsai.jobs.views import back_address
from prongsai.measures.selectors import agency_summary, measure_list
from prongsai.measures.selectors import clean_filters as clean_measure_filters
from prongsai.oversight import (
    charts,
    export,
    export_job,
    kept,
    page_cache,
    selectors,
    tables,
)
from prongsai.oversight.selectors import Row
from prongsai.registry.places import district_name, province_name
from prongsai.thai.dates import is_fiscal_year


def _names(rows: dict[str, Row], name_of: Any) -> list[Row]:
    for code, row in rows.items():
        row.name = name_of(code) if code else _("ไม่ระบุที่ตั้ง")
    return list(rows.values())


def _export(
    request: HttpRequest, rows: list[Row], cols: list[tables.Column], name: str
) -> HttpResponseBase | None:
    fmt = request.GET.get("format", "")
    if fmt == "csv":
        return export.csv_response(rows, cols, name)
    if fmt == "xlsx":
        return export.xlsx_response(rows, cols, name)
    return None


def place_url(year: int, place: Scope) -> str:
    if place.district_code:
        return reverse("oversight:district", args=[year, place.province_code, place.district_code])
    if place.province_code:
        return reverse("oversight:province", args=[year, place.province_code])
    return reverse("oversight:national", args=[year])


def _other_years(year: int, place: Scope) -> list[tuple[int, str]]:
    return [(y, place_url(y, place)) for y in (year - 1, year + 1) if is_fiscal_year(y)]


def _filter_choices(rules: ResultRules) -> dict[str, Any]:
    ita: list[tuple[str, str]] = []
    if rules.pass_rule is not None:
        ita += [(selectors.ITA_PASS, _("ผ่าน")), (selectors.ITA_FAIL, _("ไม่ผ่าน"))]
    ita += [(band.code, _("ระดับ %(band)s") % {"band": band.code}) for band in rules.bands]
    ita.append((selectors.ITA_NONE, _("ยังไม่บันทึกผล")))
    return {"kinds": AgencyKind.choices, "ita": ita}


def _page(request: HttpRequest, year: int, place: Scope, scope: Scope) -> HttpResponseBase:
    """The page of `place` (the nation, a province or a district) within the user's scope.

    Its body holds nothing of one person (GET forms only) and changes only with the data of
    the place, whose version tokens are read first (see page_cache): it is rendered once per
    version, day, language, scope and query, and kept in the shared cache and in this
    process. Exports are never kept (they stream)."""
    wants_file = request.GET.get("format", "") in ("csv", "xlsx")
    key = None if wants_file else page_cache.body_key(request.GET, year, place, scope)
    body = local_cache.get_text(page_cache.BODIES, key) if key else None
    if body is None:
        outcome = _figures(request, year, place, scope)
        if isinstance(outcome, HttpResponseBase):
            return outcome
        body = render_to_string("oversight/_page_body.html", outcome)
        if key:
            local_cache.set_text(page_cache.BODIES, key, body, page_cache.BODY_SECONDS)
    # the body is our template's output, escaped when it was rendered
    context = {
        "year": year,
        "body": mark_safe(body),  # noqa: S308
        "export_url": place_url(year, place) + "export/",
        "export_query": sorted(export_job.job_query(request.GET).items()),
        "by_agency_only": bool(place.district_code),
        "province_page": bool(place.province_code),
        "rows_agencies": request.GET.get("rows") == "agencies",
    }
    return render(request, "oversight/page.html", context)


@policy.authenticated
@require_POST
def export_in_background(
    request: HttpRequest, year: int, province: str = "", district: str = ""
) -> HttpResponseBase:
    """Start the page's export as a background job (its page shows the progress and, at
    the end, the file): for exports too long to wait for, the nation's agencies above all."""
    if district and not district.startswith(province):
        raise Http404(_("ไม่พบหน้านี้"))
    require_scope(request, province, district)
    place = Scope(province_code=province, district_code=district)
    try:
        job = job_services.start(
            JobKind.OVERSIGHT_EXPORT,
            None,
            request.user,
            year=year,
            place=place.code,
            query=export_job.job_query(request.POST),
            fmt=request.POST.get("fmt", "csv"),
            back=back_address(request),
        )
    except ValidationFailed as error:
        messages.error(request, error.message)
        return redirect(place_url(year, place))
    return redirect("jobs:detail", job.pk)


def _by_name(row: Row) -> tuple[str, str]:
    return row.name, row.code


def _figures(
    request: HttpRequest, year: int, place: Scope, scope: Scope
) -> HttpResponseBase | dict[str, Any]:
    """The page's context, or the export asked for."""
    today = timezone.localdate()
    rules = selectors.year_rules(year)
    filters = selectors.clean_filters(request.GET, rules)
    agencies = selectors.scoped_agencies(place, year, filters)
    group_cols: list[tables.Column] = []
    if not place.district_code:
        group_cols = tables.columns(rules, groups=True)
    agency_cols = tables.columns(rules, groups=False, with_district=not place.district_code)
    sort = request.GET.get("sort", "")
    if sort.removeprefix("-") not in {c.key for c in group_cols + agency_cols}:
        sort = ""  # an unknown column (an edited address) is ignored
    stem = f"oversight-{year}-{place.code or 'national'}"
    # A province's figures are kept per district and the nation's per province: after a
    # write only the place written to is counted again. A district's page is counted whole
    # (its body is kept under the district's own version).
    figures: dict[str, kept.PlaceFigures] = {}
    months: list[selectors.MonthProgress] | None = None
    agency_rows: list[Row] | None = None
    if place.district_code:
        agency_rows = tables.sort_rows(
            selectors.agency_rows(agencies, year, today), sort, agency_cols
        )[0]
        months = selectors.progress_by_month(agencies, year)
    elif place.province_code:
        figures = kept.district_figures(place.province_code, year, filters, today, rules)
        # one order whatever the order the districts came in (ties of name by slug)
        mine = sorted((row for f in figures.values() for row in f.agencies), key=_by_name)
        agency_rows = tables.sort_rows(mine, sort, agency_cols)[0]
    elif request.GET.get("rows") == "agencies":
        agency_rows = tables.sort_rows(
            selectors.agency_rows(agencies, year, today), sort, agency_cols
        )[0]
    if agency_rows is not None and (place.district_code or request.GET.get("rows") == "agencies"):
        response = _export(request, agency_rows, agency_cols, f"{stem}-agencies")
        if response is not None:
            return response
    group_rows: list[Row] = []
    if group_cols:
        name_of = district_name if place.province_code else province_name
        if not place.province_code:
            figures = kept.province_figures(year, filters, today, rules)
        found = {code: f.row for code, f in figures.items()}
        group_rows = tables.sort_rows(_names(found, name_of), sort, group_cols)[0]
        response = _export(request, group_rows, group_cols, stem)
        if response is not None:
            return response
    if months is None:
        months = kept.progress(year, figures)
    agency_page = None
    if place.province_code and agency_rows is not None:
        agency_page = tables.paged(agency_rows, request.GET.get("page"))
    used = sort
    threshold = None if rules.pass_rule is None else float(rules.pass_rule.threshold)
    context = {
        "year": year,
        "other_years": _other_years(year, place),
        "place": place,
        "scope": scope,
        "province_name": province_name(place.province_code) if place.province_code else "",
        "district_name": district_name(place.district_code) if place.district_code else "",
        "filters": filters,
        "choices": _filter_choices(rules),
        "sort": used,
        "query": tables.query(filters, sort=used),
        "filter_query": tables.query(filters),
        "group_headers": tables.headers(group_cols, filters, used),
        "group_rows": tables.labelled(group_rows, group_cols),
        "agency_headers": tables.headers(agency_cols, filters, used),
        "agency_page": agency_page,
        "agency_rows": tables.labelled(list(agency_page or []), agency_cols),
        "distribution": charts.distribution_chart(
            group_rows,
            title=_("การกระจายของคะแนน ITA"),
            threshold=threshold,
            empty_text=_("ยังไม่มีผลการประเมินที่บันทึกไว้"),
        )
        if group_rows
        else "",
        "months": charts.month_chart(
            months,
            title=_("มาตรการที่ดำเนินการเสร็จแล้วตามเดือน"),
            empty_text=_("ยังไม่มีมาตรการในปีนี้"),
        ),
    }
    return context


@policy.authenticated
@require_GET
def national(request: HttpRequest, year: int) -> HttpResponseBase:
    scope = require_scope(request)
    return _page(request, year, Scope(), scope)


@policy.authenticated
@require_GET
def province(request: HttpRequest, year: int, province: str) -> HttpResponseBase:
    scope = require_scope(request, province)
    return _page(request, year, Scope(province_code=province), scope)


@policy.authenticated
@require_GET
def district(request: HttpRequest, year: int, province: str, district: str) -> HttpResponseBase:
    if not district.startswith(province):
        raise Http404(_("ไม่พบหน้านี้"))
    scope = require_scope(request, province, district)
    return _page(request, year, Scope(province_code=province, district_code=district), scope)


@policy.authenticated
@require_GET
def agency_year(request: HttpRequest, year: int, slug: str) -> HttpResponse:
    """One agency's year, read-only: counts, measures with their statuses, reports' states and
    the ITA result (no actions, no evidence files, no complaints)."""
    agency = get_object_or_404(Agency, slug=slug)
    scope = require_scope(request, agency.province_code, agency.district_code)
    filters = clean_measure_filters("", request.GET.get("status", ""), request.GET.get("need", ""))
    reports, ita = selectors.agency_year_extras(agency, year)
    return render(
        request,
        "oversight/agency_year.html",
        {
            "year": year,
            "agency": agency,
            "scope": scope,
            "summary": agency_summary(agency, year),
            "listing": measure_list(agency, year, filters, request.GET.get("page")),
            "reports": reports,
            "ita": ita,
            "province_name": province_name(agency.province_code),
            "district_name": district_name(agency.district_code),
        },
    )
