"""Views of the agency's ITA work: agency-year page, measures, status updates, export.

Thin: access helper → service → template. Every view declares its policy.
"""

import datetime as dt
from collections import Counter
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_htmx.middleware import HtmxDetails

from prongsai.agencies.access import get_agency_for_user
from prongsai.agencies.models import Role
from prongsai.core import policy
from prongsai.core.downloads import file_download
from prongsai.core.errors import StaleEdit, UploadRejected, ValidationFailed
from prongsai.core.uploads import check_upload
from prongsai.measures import services
from prongsai.measures.access import (
    can_edit_measures,
    can_report,
    get_evidence_for_user,
    get_measure_for_user,
)
from prongsai.measures.export import export_agency_year, export_csv
from prongsai.measures.forms import MeasureForm, StatusForm
from prongsai.measures.models import Measure, Status, StatusUpdate
from prongsai.thai.dates import fiscal_year_of


class HtmxHttpRequest(HttpRequest):
    """A request as django-htmx's middleware leaves it (the type only)."""

    htmx: HtmxDetails


def _year_choices(agency_id: int, year: int) -> list[int]:
    years = set(Measure.objects.filter(agency_id=agency_id).values_list("fiscal_year", flat=True))
    years |= {year, fiscal_year_of(dt.date.today())}
    return sorted(years, reverse=True)


def _filtered(
    request: HttpRequest, measures: list[Measure]
) -> tuple[list[Measure], dict[str, str]]:
    division = request.GET.get("division", "")
    status = request.GET.get("status", "")
    shown = measures
    if division.isdigit():
        shown = [m for m in shown if int(division) in m.division_ids]
    if status == "none":
        shown = [m for m in shown if not m.current_status]
    elif status in Status.values:
        shown = [m for m in shown if m.current_status == status]
    return shown, {"division": division, "status": status}


@policy.authenticated
@require_GET
def agency_year(request: HtmxHttpRequest, slug: str, year: int) -> HttpResponse:
    membership = get_agency_for_user(request, slug)
    agency = membership.agency
    # One query for the measures (with their latest status), one for their divisions,
    # one for the agency's divisions: the count does not grow with the rows.
    measures = list(
        Measure.objects.filter(agency=agency, fiscal_year=year)
        .with_current_status()
        .prefetch_related("divisions")
        .order_by("number")
    )
    divisions = list(agency.divisions.all())
    for measure in measures:
        # Read the prefetched divisions once per measure; filters, progress and the
        # template use these instead of asking the related manager again.
        measure.division_list = list(measure.divisions.all())
        measure.division_ids = {d.pk for d in measure.division_list}
    shown, filters = _filtered(request, measures)
    context: dict[str, Any] = {
        "membership": membership,
        "agency": agency,
        "year": year,
        "measures": shown,
        "divisions": divisions,
        "filters": filters,
        "statuses": Status.choices,
        "can_edit": can_edit_measures(membership),
    }
    if request.htmx:
        return render(request, "measures/_measure_table.html", context)
    counts = Counter(m.current_status or "none" for m in measures)
    total = len(measures)
    context.update(
        {
            "years": _year_choices(agency.pk, year),
            "total": total,
            "counts": [(value, label, counts.get(value, 0)) for value, label in Status.choices],
            "no_status": counts.get("none", 0),
            "progress": _division_progress(divisions, measures),
        }
    )
    return render(request, "measures/agency_year.html", context)


def _pct_class(part: int, whole: int) -> str:
    """A CSS width class in steps of 5% (no inline styles under our CSP)."""
    if not whole:
        return "w-0"
    return f"w-{round(part * 20 / whole) * 5}"


def _division_progress(divisions: list[Any], measures: list[Measure]) -> list[dict[str, Any]]:
    rows = []
    for division in divisions:
        mine = [m for m in measures if division.pk in m.division_ids]
        done = sum(1 for m in mine if m.current_status == Status.DONE)
        doing = sum(1 for m in mine if m.current_status == Status.IN_PROGRESS)
        rows.append(
            {
                "division": division,
                "total": len(mine),
                "done": done,
                "in_progress": doing,
                "done_class": _pct_class(done, len(mine)),
                "doing_class": _pct_class(doing, len(mine)),
                "percent": round(100 * done / len(mine)) if mine else 0,
            }
        )
    return rows


@policy.authenticated
@require_GET
def measure_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    measure, membership = get_measure_for_user(request, slug, pk)
    history = (
        StatusUpdate.objects.filter(measure=measure)
        .select_related("created_by")
        .prefetch_related("evidence")
    )
    return render(
        request,
        "measures/measure_detail.html",
        {
            "measure": measure,
            "agency": membership.agency,
            "history": history,
            "current": history[0] if history else None,
            "can_edit": can_edit_measures(membership),
            "can_report": can_report(membership, measure),
        },
    )


def _measure_kwargs(form: MeasureForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "steps": data["steps"],
        "monitoring": data["monitoring"],
        "due_date": data["due_date"],
        "indicator_codes": data["indicator_codes"],
    }


@policy.authenticated
@require_http_methods(["GET", "POST"])
def measure_create(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    membership = get_agency_for_user(request, slug, Role.COORDINATOR)
    agency = membership.agency
    form = MeasureForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            measure = services.create_measure(
                actor=request.user,
                agency=agency,
                fiscal_year=year,
                divisions=list(form.cleaned_data["divisions"]),
                **_measure_kwargs(form),
            )
        except ValidationFailed as exc:
            form.add_error(None, exc.th)
        else:
            messages.success(request, _("บันทึกมาตรการแล้ว"))
            return redirect("measure_detail", slug=slug, pk=measure.pk)
    return render(
        request,
        "measures/measure_form.html",
        {"form": form, "agency": agency, "year": year, "measure": None},
    )


@policy.authenticated
@require_http_methods(["GET", "POST"])
def measure_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    measure, membership = get_measure_for_user(request, slug, pk, action="edit")
    agency = membership.agency
    stale: StaleEdit | None = None
    if request.method == "POST":
        form = MeasureForm(request.POST, agency=agency)
        if form.is_valid():
            try:
                services.update_measure(
                    actor=request.user,
                    measure=_as_seen(measure, request.POST.get("snapshot", "")),
                    expected_version=form.cleaned_data.get("version") or 0,
                    divisions=list(form.cleaned_data["divisions"]),
                    **_measure_kwargs(form),
                )
            except StaleEdit as exc:
                # Keep what the editor typed, but let the next save be based on the
                # current version, now that they have been shown what changed.
                stale = exc
                measure.refresh_from_db()
                data = request.POST.copy()
                data["version"] = str(measure.version)
                form = MeasureForm(data, agency=agency)
                form.is_valid()
            except ValidationFailed as exc:
                form.add_error(None, exc.th)
            else:
                messages.success(request, _("บันทึกการแก้ไขแล้ว"))
                return redirect("measure_detail", slug=slug, pk=measure.pk)
        snapshot = _snapshot(measure) if stale else request.POST.get("snapshot", "")
    else:
        snapshot = _snapshot(measure)
        form = MeasureForm(
            agency=agency,
            initial={
                "title": measure.title,
                "steps": "\n".join(measure.steps),
                "divisions": list(measure.divisions.all()),
                "monitoring": measure.monitoring,
                "due_date": measure.due_date,
                "indicator_codes": ", ".join(measure.indicator_codes),
                "version": measure.version,
            },
        )
    return render(
        request,
        "measures/measure_form.html",
        {
            "form": form,
            "agency": agency,
            "year": measure.fiscal_year,
            "measure": measure,
            "stale": stale,
            "snapshot": snapshot,
            "stale_changes": _stale_rows(stale),
        },
        status=409 if stale else 200,
    )


def _snapshot(measure: Measure) -> str:
    """The editable fields as the form shows them, signed, to detect what changes meanwhile."""
    values = {name: getattr(measure, name) for name in services.EDITABLE_FIELDS}
    values["due_date"] = measure.due_date.isoformat() if measure.due_date else None
    return signing.dumps(values, salt="measure-edit")


def _as_seen(measure: Measure, snapshot: str) -> Measure:
    """A copy of the measure holding the values the editor saw when the form was opened."""
    seen = Measure(pk=measure.pk, agency=measure.agency, version=measure.version)
    try:
        values = signing.loads(snapshot, salt="measure-edit")
    except signing.BadSignature:
        values = {}
    for name in services.EDITABLE_FIELDS:
        setattr(seen, name, values.get(name))
    if values.get("due_date"):
        seen.due_date = dt.date.fromisoformat(values["due_date"])
    return seen


_FIELD_LABELS = {
    "title": "มาตรการ",
    "steps": "ขั้นตอนหรือวิธีการ",
    "monitoring": "การกำกับติดตาม",
    "due_date": "กำหนดติดตาม",
    "indicator_codes": "ตัวชี้วัด",
}


def _stale_rows(stale: StaleEdit | None) -> list[tuple[str, object]]:
    if stale is None:
        return []
    rows = []
    for name, (_seen, current) in stale.changes.items():
        if isinstance(current, list):
            current = "; ".join(str(c) for c in current)
        rows.append((_FIELD_LABELS.get(name, name), current))
    return rows


@policy.authenticated
@require_http_methods(["GET", "POST"])
def status_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    measure, membership = get_measure_for_user(request, slug, pk, action="report")
    form = StatusForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            files = [
                (f.name, check_upload(f, max_bytes=settings.UPLOAD_MAX_BYTES))
                for f in form.cleaned_data["files"]
            ]
            services.report_status(
                actor=request.user,
                measure=measure,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                reported_on=form.cleaned_data["reported_on"],
                links=form.cleaned_data["links"],
                files=files,
            )
        except (UploadRejected, ValidationFailed) as exc:
            form.add_error(None, f"{exc.th} ({exc.en})")
        else:
            messages.success(request, _("บันทึกสถานะแล้ว"))
            return redirect("measure_detail", slug=slug, pk=measure.pk)
    return render(
        request,
        "measures/status_form.html",
        {"form": form, "measure": measure, "agency": membership.agency},
        status=400 if request.method == "POST" else 200,
    )


@policy.authenticated
@require_GET
def export_json(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    membership = get_agency_for_user(request, slug)
    data = export_agency_year(membership.agency, year)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{slug}-{year}.json"'
    return response


@policy.authenticated
@require_GET
def export_csv_view(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    membership = get_agency_for_user(request, slug)
    data = export_agency_year(membership.agency, year)
    response = HttpResponse(export_csv(data), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}-{year}.csv"'
    return response


@policy.authenticated
@require_GET
def evidence_download(request: HttpRequest, slug: str, pk: int) -> HttpResponseBase:
    evidence = get_evidence_for_user(request, slug, pk)
    if not evidence.file:
        return redirect(evidence.url)
    return file_download(
        evidence.file.open("rb"),
        filename=evidence.original_name or "evidence",
        content_type=evidence.content_type or "application/octet-stream",
    )
