"""Views of the agency's ITA work: agency-year page, measures, status updates (and their
withdrawal), export.

Thin: access helper → selector (reads) or service (writes) → template. Every view declares its policy.
"""

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from prongsai.agencies.access import EDITORS, get_agency_for_user, permissions
from prongsai.agencies.models import Membership
from prongsai.core import policy
from prongsai.core.downloads import file_download
from prongsai.core.errors import StaleEdit, UploadRejected, ValidationFailed, show_on_form
from prongsai.core.uploads import check_named_upload
from prongsai.measures import carried, selectors, services
from prongsai.measures.access import (
    can_edit_measures,
    can_report,
    get_evidence_for_user,
    get_measure_for_user,
    get_update_to_withdraw,
)
from prongsai.measures.export import export_agency_year, export_csv
from prongsai.measures.forms import CarryOverForm, MeasureForm, StatusForm, WithdrawForm
from prongsai.measures.models import Measure
from prongsai.thai.dates import format_thai_date


@policy.authenticated
@require_GET
def measure_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    measure, membership = get_measure_for_user(request, slug, pk)
    return _measure_page(request, measure, membership)


def _measure_page(
    request: HttpRequest,
    measure: Measure,
    membership: Membership,
    withdraw_form: WithdrawForm | None = None,
    withdraw_pk: int | None = None,
    status: int = 200,
) -> HttpResponse:
    """The measure page; after a refused withdrawal, its form is shown again with the error
    under the update it was about."""
    page = selectors.measure_page(measure)
    lineage = carried.lineage(measure)
    return render(
        request,
        "measures/measure_detail.html",
        {
            "measure": measure,
            "agency": membership.agency,
            "divisions": page.divisions,
            "history": page.history,
            "current": page.current,
            "came_from": lineage.came_from,
            "went_to": lineage.went_to,
            "can": permissions(membership),
            "can_edit": can_edit_measures(membership),
            "can_report": can_report(membership, measure),
            "withdraw_form": withdraw_form or WithdrawForm(),
            "withdraw_pk": withdraw_pk,
        },
        status=status,
    )


@policy.authenticated
@require_POST
def status_withdraw(request: HttpRequest, slug: str, pk: int, update_pk: int) -> HttpResponse:
    update, membership = get_update_to_withdraw(request, slug, pk, update_pk)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.withdraw_update(request.user, update, form.cleaned_data["reason"])
        except ValidationFailed as exc:
            show_on_form(form, exc)
        else:
            messages.success(request, _("ถอนรายงานสถานะแล้ว"))
            return redirect("measure_detail", slug=slug, pk=pk)
    return _measure_page(request, update.measure, membership, form, update.pk, status=400)


def _measure_kwargs(form: MeasureForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "short_name": data["short_name"],
        "steps": data["steps"],
        "monitoring": data["monitoring"],
        "due_date": data["due_date"],
        "indicator_codes": data["indicator_codes"],
    }


@policy.authenticated
@require_http_methods(["GET", "POST"])
def measure_create(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    membership = get_agency_for_user(request, slug, *EDITORS)
    agency = membership.agency
    form = MeasureForm(request.POST or None, agency=agency, fiscal_year=year)
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
            show_on_form(form, exc)
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
        form = MeasureForm(
            request.POST, agency=agency, fiscal_year=measure.fiscal_year, measure=measure
        )
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
                form = MeasureForm(
                    data, agency=agency, fiscal_year=measure.fiscal_year, measure=measure
                )
                form.is_valid()
            except ValidationFailed as exc:
                show_on_form(form, exc)
            else:
                messages.success(request, _("บันทึกการแก้ไขแล้ว"))
                return redirect("measure_detail", slug=slug, pk=measure.pk)
        snapshot = _snapshot(measure) if stale else request.POST.get("snapshot", "")
    else:
        snapshot = _snapshot(measure)
        form = MeasureForm(
            agency=agency,
            fiscal_year=measure.fiscal_year,
            measure=measure,
            initial={
                "title": measure.title,
                "short_name": measure.short_name,
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


def _stale_rows(stale: StaleEdit | None) -> list[tuple[str, object]]:
    if stale is None:
        return []
    rows = []
    for name, (_seen, current) in stale.changes.items():
        if isinstance(current, list):
            current = "; ".join(str(c) for c in current)
        elif isinstance(current, dt.date):
            current = format_thai_date(current, thai_digits=False)  # as the date box reads
        rows.append((selectors.field_label(Measure, name), current))
    return rows


@policy.authenticated
@require_http_methods(["GET", "POST"])
def status_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    measure, membership = get_measure_for_user(request, slug, pk, action="report")
    form = StatusForm(request.POST or None, request.FILES or None, fiscal_year=measure.fiscal_year)
    if request.method == "POST" and form.is_valid():
        try:
            files = [
                (f.name, check_named_upload(f, max_bytes=settings.UPLOAD_MAX_BYTES))
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
        except UploadRejected as exc:
            form.add_error("files", str(exc))
        except ValidationFailed as exc:
            show_on_form(form, exc)
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
@require_http_methods(["GET", "POST"])
def carry_over(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """Start `year` from an earlier year's measures (the latest earlier year that has
    measures, or the one chosen by ?from=): the unfinished ones are ticked at first."""
    membership = get_agency_for_user(request, slug, *EDITORS)
    agency = membership.agency
    years = carried.earlier_years(agency, year)
    asked = request.GET.get("from", "")
    from_year = int(asked) if asked.isdigit() and int(asked) in years else next(iter(years), None)
    rows = carried.carry_rows(agency, from_year, year) if from_year else ()
    posted = request.method == "POST"
    form = CarryOverForm(
        request.POST if posted else None, choices=[r.pk for r in rows if r.can_carry]
    )
    if posted and from_year and form.is_valid():
        try:
            created = services.carry_over(
                request.user, agency, from_year, year, form.cleaned_data["measures"]
            )
        except ValidationFailed as exc:
            show_on_form(form, exc)
        else:
            messages.success(
                request,
                _(
                    "ยกมาตรการ %(count)d รายการจากปี %(from)s มาปี %(to)s แล้ว ทุกรายการเริ่มที่สถานะ “ยังไม่ดำเนินการ”"
                )
                % {"count": len(created), "from": from_year, "to": year},
            )
            return redirect("agency_year", slug=slug, year=year)
    ticked = (
        set(request.POST.getlist("measures"))
        if posted
        else {str(r.pk) for r in rows if r.preselected}
    )
    return render(
        request,
        "measures/carry_over.html",
        {
            "agency": agency,
            "year": year,
            "from_year": from_year,
            "years": years,
            "rows": rows,
            "ticked": ticked,
            "form": form,
            "too_far": year > services.latest_carry_year(timezone.localdate()),
            "latest_carry_year": services.latest_carry_year(timezone.localdate()),
        },
        status=400 if posted else 200,
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
