"""Views of an agency's ITA results: entry and import, analysis, suggestions, SVG charts.

Thin: access helper → selector (reads) or service (writes) → template. Coordinators record results and turn suggestions
into measures; every other staff role reads (403 on a write); another agency's URL is 404.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from prongsai.agencies.access import EDITORS, get_agency_for_user, permissions
from prongsai.agencies.models import Agency
from prongsai.assessments import analysis, charts, selectors, services, tables
from prongsai.assessments.forms import ImportForm, ResultForm, initial_from
from prongsai.assessments.models import ItaResult
from prongsai.core import policy
from prongsai.core.errors import StaleEdit, UploadRejected, ValidationFailed, show_on_form
from prongsai.core.i18n import in_active_language
from prongsai.core.uploads import about_file, read_limited
from prongsai.ita.analysis import DEFAULT_THRESHOLD, failed_items
from prongsai.ita.framework import Framework, available_years, load_framework


def _threshold(framework: Framework | None) -> float:
    rule = None if framework is None else framework.rules.pass_rule
    return float(DEFAULT_THRESHOLD if rule is None else rule.threshold)


def _framework_or_404(year: int) -> Framework:
    framework = analysis.framework_or_none(year)
    if framework is None:
        raise Http404(_("ไม่มีกรอบการประเมินปี %(year)s") % {"year": year})
    return framework


def _warnings(computed: dict[str, Any]) -> list[str]:
    """The scoring warnings in the active language (snapshots stored before the English
    ones were kept show the stored text)."""
    thai = computed.get("warnings", [])
    english = computed.get("warnings_en") or thai
    return [in_active_language(th, en) for th, en in zip(thai, english, strict=False)]


def _result_context(result: ItaResult | None, framework: Framework | None) -> dict[str, Any]:
    """What the page shows about a recorded result: figures, disagreements, warnings."""
    if result is None:
        return {"result": None}
    computed = analysis.score_of(result)
    failed = []
    if framework is not None and computed is not None:
        failed = failed_items(framework, computed)
    indicator_rows = []
    if framework is not None and result.computed:
        sources = result.computed.get("indicator_sources", {})
        indicator_rows = [
            {
                "indicator": i,
                "score": result.computed["indicators"].get(i.code),
                "from_items": sources.get(i.code) == "items",
                "weak": result.computed["indicators"].get(i.code, 100) < _threshold(framework),
            }
            for i in framework.indicators
        ]
    return {
        "result": result,
        "discrepancies": [
            {"text": in_active_language(d.th, d.en), "entered": d.entered, "computed": d.computed}
            for d in analysis.discrepancies(result, computed)
        ],
        "warnings": _warnings(result.computed or {}),
        "indicator_rows": indicator_rows,
        "failed_items": failed,
        "threshold": f"{_threshold(framework):g}",
    }


@policy.authenticated
@require_http_methods(["GET", "POST"])
def result_view(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    membership = get_agency_for_user(request, slug)
    can_edit = permissions(membership).can_edit
    if request.method == "POST" and not can_edit:
        raise PermissionDenied(_("เฉพาะผู้ประสานงาน ITA บันทึกผลได้"))
    agency = membership.agency
    framework = analysis.framework_or_none(year)
    current = selectors.result(agency, year)
    form: ResultForm | None = None
    stale: StaleEdit | None = None
    status = 200
    if can_edit and request.method == "POST":
        form = ResultForm(request.POST, framework=framework)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.record_result(
                    actor=request.user,
                    agency=agency,
                    fiscal_year=year,
                    indicator_scores=form.indicator_scores(),
                    item_results=form.item_results(),
                    published_total=data["published_total"],
                    published_band=data.get("published_band", ""),
                    published_rating=data.get("published_rating", ""),
                    note=data["note"],
                    expected_version=data["version"] or 0,
                )
            except StaleEdit as exc:
                stale = exc
                status = 409
                # Keep what was typed; the next save is based on the version now shown.
                posted = request.POST.copy()
                posted["version"] = str(current.version if current else 0)
                form = ResultForm(posted, framework=framework)
                form.is_valid()
            except ValidationFailed as exc:
                show_on_form(form, exc)
                status = 400
            else:
                messages.success(request, _("บันทึกผลการประเมินแล้ว"))
                return redirect("assessments:result", slug=slug, year=year)
        else:
            status = 400
    elif can_edit:
        form = ResultForm(initial=initial_from(current), framework=framework)
    context = {
        "agency": agency,
        "year": year,
        "framework": framework,
        "membership": membership,
        "can_edit": can_edit,
        "form": form,
        "stale": stale,
        **_result_context(current, framework),
    }
    return render(request, "assessments/result.html", context, status=status)


@policy.authenticated
@require_http_methods(["GET", "POST"])
def result_import(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    membership = get_agency_for_user(request, slug, *EDITORS)
    agency = membership.agency
    framework = _framework_or_404(year)
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                _import(request, agency, year, framework, form.cleaned_data["file"])
            except (UploadRejected, tables.TableError) as exc:
                form.add_error("file", str(about_file(form.cleaned_data["file"].name, exc)))
            except ValidationFailed as exc:
                show_on_form(form, exc)
            else:
                messages.success(request, _("นำเข้าผลการประเมินแล้ว"))
                return redirect("assessments:result", slug=slug, year=year)
    return render(
        request,
        "assessments/import.html",
        {"agency": agency, "year": year, "framework": framework, "form": form},
        status=status,
    )


def _import(
    request: HttpRequest, agency: Agency, year: int, framework: Framework, upload: Any
) -> ItaResult:
    """The file replaces the scores and items; published figures it lacks are kept."""
    data = read_limited(upload, settings.UPLOAD_MAX_BYTES)
    rows = tables.read_score_table(data, max_bytes=settings.UPLOAD_MAX_BYTES)
    entry = tables.entry_from_rows(framework, rows)
    current = selectors.result(agency, year)

    def kept(given: Any, attribute: str, empty: Any) -> Any:
        if given is not None:
            return given
        return getattr(current, attribute) if current is not None else empty

    return services.record_result(
        actor=request.user,
        agency=agency,
        fiscal_year=year,
        indicator_scores=entry.indicator_scores,
        item_results=entry.item_results,
        published_total=kept(entry.published_total, "published_total", None),
        published_band=kept(entry.published_band, "published_band", ""),
        published_rating=kept(entry.published_rating, "published_rating", ""),
        note=current.note if current is not None else "",
    )


@policy.authenticated
@require_GET
def template_csv(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    get_agency_for_user(request, slug)
    framework = _framework_or_404(year)
    response = HttpResponse(tables.template_csv(framework), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ita-{year}-template.csv"'
    return response


@policy.authenticated
@require_GET
def template_xlsx(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    get_agency_for_user(request, slug)
    framework = _framework_or_404(year)
    response = HttpResponse(
        tables.template_xlsx(framework),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="ita-{year}-template.xlsx"'
    return response


@policy.authenticated
@require_GET
def analysis_view(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """Analysis of the ITA result of ``year - 1``, for the measures of ``year``."""
    membership = get_agency_for_user(request, slug)
    agency = membership.agency
    found = analysis.analysis_for(agency, year)
    can_edit = permissions(membership).can_edit
    suggestions = []
    divisions = list(agency.divisions.current())
    if found is not None and found.suggestions:
        adopted = selectors.measures_by_title(agency, year)
        for suggestion in found.suggestions:
            kind = suggestion.measure_type
            default = services.resolve_division(agency, kind.responsible_division_th, divisions)
            suggestions.append(
                {
                    "suggestion": suggestion,
                    "kind": kind,
                    "adopted": adopted.get(services.suggestion_measure_title(suggestion)),
                    "division": default,
                }
            )
    return render(
        request,
        "assessments/analysis.html",
        {
            "agency": agency,
            "year": year,
            "assessed_year": year - 1,
            "found": found,
            "suggestions": suggestions,
            "divisions": divisions,
            "can_edit": can_edit,
            "threshold": f"{_threshold(None if found is None else found.framework):g}",
        },
    )


@policy.authenticated
@require_POST
def adopt_suggestion(request: HttpRequest, slug: str, year: int, key: str) -> HttpResponse:
    membership = get_agency_for_user(request, slug, *EDITORS)
    agency = membership.agency
    division_id = request.POST.get("division", "")
    division = (
        agency.divisions.current().filter(pk=int(division_id)).first()
        if division_id.isdigit()
        else None
    )
    if division_id and division is None:
        messages.error(request, _("ส่วนราชการไม่ได้อยู่ในหน่วยงานนี้"))
        return redirect("assessments:analysis", slug=slug, year=year)
    try:
        measure = services.create_measure_from_suggestion(
            actor=request.user,
            agency=agency,
            fiscal_year=year,
            suggestion_key=key,
            division=division,
        )
    except ValidationFailed as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("สร้างมาตรการที่ %(number)s ของปี %(year)s แล้ว: %(title)s")
            % {"number": measure.number, "year": year, "title": measure.title},
        )
    return redirect("assessments:analysis", slug=slug, year=year)


def _svg(content: str) -> HttpResponse:
    response = HttpResponse(content, content_type="image/svg+xml; charset=utf-8")
    patch_cache_control(response, private=True, max_age=0)
    return response


@policy.authenticated
@require_GET
def indicators_svg(request: HttpRequest, slug: str) -> HttpResponse:
    membership = get_agency_for_user(request, slug)
    scores = selectors.indicator_scores(membership.agency)
    years = available_years()
    # The ten indicators have kept their names since 2562: take them from the latest
    # framework of a recorded year (else the latest shipped one).
    name_year = max((y for y in scores if y in years), default=years[-1])
    framework = load_framework(name_year)
    svg = charts.indicators_chart(
        indicators=[(i.code, i.name_th) for i in framework.indicators],
        scores=scores,
        threshold=_threshold(framework),
    )
    return _svg(svg)


@policy.authenticated
@require_GET
def tools_svg(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    membership = get_agency_for_user(request, slug)
    scores = selectors.tool_scores(membership.agency, year)
    framework = analysis.framework_or_none(year)
    svg = charts.tools_chart(
        year=year,
        tools=scores.tools,
        total=scores.total,
        threshold=_threshold(framework),
    )
    return _svg(svg)
