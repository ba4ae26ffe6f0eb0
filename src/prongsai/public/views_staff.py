"""Staff pages: report approval and publication; the complaint officers' inbox.

Reports: every staff role may look; the coordinator submits and publishes, the executive
approves or returns. Cases: complaint officers of the agency only (403 for every other
role, 404 for other agencies).
"""

import functools
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from prongsai.agencies.access import get_agency_for_user
from prongsai.agencies.models import Membership, Role
from prongsai.core import policy
from prongsai.core.downloads import file_download
from prongsai.core.errors import ValidationFailed
from prongsai.core.uploads import EXTENSIONS
from prongsai.public import services_cases, services_reports
from prongsai.public.access import (
    get_attachment_for_officer,
    get_case_for_officer,
    get_officer_membership,
)
from prongsai.public.forms import (
    CaseStateForm,
    DecisionForm,
    OfficerReplyForm,
    SubmitReportForm,
)
from prongsai.public.models import (
    Case,
    CaseKind,
    CaseState,
    Decision,
    Publication,
    Report,
    ReportKind,
    ReportState,
)

# --- reports -------------------------------------------------------------------------------


def _kind_or_404(kind: str) -> str:
    if kind not in ReportKind.values:
        raise Http404("ไม่รู้จักเอกสารนี้ / unknown document")
    return kind


def _reports_context(membership: Membership, year: int) -> dict[str, Any]:
    agency = membership.agency
    reports = {
        r.kind: r
        for r in Report.objects.filter(agency=agency, fiscal_year=year).prefetch_related(
            "decisions__actor"
        )
    }
    # The page lists the publications' dates and roles only: their snapshots stay unread.
    publications = list(
        Publication.objects.filter(agency=agency, fiscal_year=year)
        .order_by("-published_at", "-pk")
        .defer("snapshot")
    )
    # Both reports are often as of the same date: read the measures once per date.
    fingerprint = functools.cache(
        lambda as_of: services_reports.content_fingerprint(agency, year, as_of)
    )
    rows = []
    for kind, label in ReportKind.choices:
        report = reports.get(kind)
        # The measures changed after the approval: publishing is refused (see
        # services_reports.publish), the page offers to submit again instead.
        approved_changed = False
        if report is not None and report.state == ReportState.APPROVED:
            approval = next(
                (
                    d
                    for d in report.decisions.all()
                    if d.decision == Decision.APPROVED and d.report_version == report.version
                ),
                None,
            )
            approved_changed = (
                approval is not None and fingerprint(report.as_of) != approval.content_sha256
            )
        rows.append(
            {
                "kind": kind,
                "label": label,
                "report": report,
                "decisions": list(report.decisions.all()) if report else [],
                "approved_changed": approved_changed,
                "submit_form": SubmitReportForm(
                    initial={"as_of": report.as_of} if report else None
                ),
                "decision_form": DecisionForm(initial={"version": report.version})
                if report
                else None,
            }
        )
    role = membership.role
    return {
        "agency": agency,
        "year": year,
        "membership": membership,
        "rows": rows,
        "latest": publications[0] if publications else None,
        "publications": publications,
        "is_coordinator": role == Role.COORDINATOR,
        "is_executive": role == Role.EXECUTIVE,
        "states": ReportState,
    }


def _reports_page(
    request: HttpRequest, membership: Membership, year: int, status: int = 200
) -> HttpResponse:
    return render(request, "public/reports.html", _reports_context(membership, year), status=status)


def _failed(
    request: HttpRequest, membership: Membership, year: int, exc: ValidationFailed
) -> HttpResponse:
    messages.error(request, exc.th)
    return _reports_page(request, membership, year, status=400)


@policy.authenticated
@require_GET
def reports(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    membership = get_agency_for_user(request, slug)
    return _reports_page(request, membership, year)


@policy.authenticated
@require_POST
def report_submit(request: HttpRequest, slug: str, year: int, kind: str) -> HttpResponse:
    membership = get_agency_for_user(request, slug, Role.COORDINATOR)
    kind = _kind_or_404(kind)
    form = SubmitReportForm(request.POST)
    if not form.is_valid():
        return _failed(request, membership, year, ValidationFailed("กรุณาระบุวันที่ของข้อมูล"))
    try:
        services_reports.submit_report(
            membership=membership, fiscal_year=year, kind=kind, as_of=form.cleaned_data["as_of"]
        )
    except ValidationFailed as exc:
        return _failed(request, membership, year, exc)
    messages.success(request, _("ส่งรายงานขออนุมัติแล้ว"))
    return redirect("public:reports", slug=slug, year=year)


@policy.authenticated
@require_POST
def report_decide(request: HttpRequest, slug: str, year: int, kind: str) -> HttpResponse:
    membership = get_agency_for_user(request, slug, Role.EXECUTIVE)
    report = get_object_or_404(
        Report, agency=membership.agency, fiscal_year=year, kind=_kind_or_404(kind)
    )
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _failed(request, membership, year, ValidationFailed("กรุณาเลือกอนุมัติหรือส่งกลับ"))
    try:
        services_reports.decide_report(
            membership=membership,
            report=report,
            approve=form.cleaned_data["decision"] == "approve",
            comment=form.cleaned_data["comment"],
            expected_version=form.cleaned_data["version"],
        )
    except ValidationFailed as exc:
        return _failed(request, membership, year, exc)
    messages.success(request, _("บันทึกผลการพิจารณาแล้ว"))
    return redirect("public:reports", slug=slug, year=year)


@policy.authenticated
@require_POST
def report_publish(request: HttpRequest, slug: str, year: int, kind: str) -> HttpResponse:
    membership = get_agency_for_user(request, slug, Role.COORDINATOR)
    report = get_object_or_404(
        Report, agency=membership.agency, fiscal_year=year, kind=_kind_or_404(kind)
    )
    try:
        services_reports.publish(membership=membership, report=report)
    except ValidationFailed as exc:
        return _failed(request, membership, year, exc)
    messages.success(request, _("เผยแพร่แล้ว"))
    return redirect("public:reports", slug=slug, year=year)


@policy.authenticated
@require_GET
def report_preview(request: HttpRequest, slug: str, year: int, kind: str) -> HttpResponse:
    """The memo as it would be published now (for the executive's review)."""
    membership = get_agency_for_user(request, slug)
    kind = _kind_or_404(kind)
    report = Report.objects.filter(agency=membership.agency, fiscal_year=year, kind=kind).first()
    as_of = report.as_of if report else timezone.localdate()
    pdf = services_reports.render_report_pdf(membership.agency, year, kind, as_of)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{slug}-{year}-{kind}-preview.pdf"'
    response["Cache-Control"] = "no-store"
    return response


# --- complaint inbox -----------------------------------------------------------------------


@policy.authenticated
@require_GET
def inbox(request: HttpRequest, slug: str) -> HttpResponse:
    membership = get_officer_membership(request, slug)
    cases = Case.objects.filter(agency=membership.agency).order_by("-created_at", "-pk")
    state = request.GET.get("state", "")
    kind = request.GET.get("kind", "")
    if state in CaseState.values:
        cases = cases.filter(state=state)
    if kind in CaseKind.values:
        cases = cases.filter(kind=kind)
    page = Paginator(cases, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "public/inbox.html",
        {
            "agency": membership.agency,
            "page": page,
            "filters": {"state": state, "kind": kind},
            "states": CaseState.choices,
            "kinds": CaseKind.choices,
        },
    )


def _case_detail(
    request: HttpRequest,
    case: Case,
    membership: Membership,
    reply_form: OfficerReplyForm | None = None,
    status: int = 200,
) -> HttpResponse:
    allowed = sorted(services_cases.TRANSITIONS.get(case.state, set()), key=CaseState.values.index)
    return render(
        request,
        "public/case_detail.html",
        {
            "agency": membership.agency,
            "case": case,
            "thread": list(case.messages.select_related("officer").prefetch_related("attachments")),
            "reply_form": reply_form or OfficerReplyForm(),
            "next_states": [(s, CaseState(s).label) for s in allowed if s != CaseState.ANSWERED],
        },
        status=status,
    )


@policy.authenticated
@require_GET
def case_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    case, membership = get_case_for_officer(request, slug, pk)
    return _case_detail(request, case, membership)


@policy.authenticated
@require_POST
def case_reply(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    case, membership = get_case_for_officer(request, slug, pk)
    form = OfficerReplyForm(request.POST)
    if form.is_valid():
        try:
            services_cases.reply(membership=membership, case=case, body=form.cleaned_data["body"])
        except ValidationFailed as exc:
            form.add_error(None, exc.th)
        else:
            messages.success(request, _("ส่งข้อความตอบกลับแล้ว"))
            return redirect("public:case_detail", slug=slug, pk=pk)
    return _case_detail(request, case, membership, form, status=400)


@policy.authenticated
@require_POST
def case_state(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    case, membership = get_case_for_officer(request, slug, pk)
    form = CaseStateForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationFailed("สถานะไม่ถูกต้อง", "invalid state")
        services_cases.change_case_state(
            membership=membership,
            case=case,
            state=form.cleaned_data["state"],
            expected_state=form.cleaned_data["expected_state"],
        )
    except ValidationFailed as exc:
        messages.error(request, exc.th)
        case.refresh_from_db()
        return _case_detail(request, case, membership, status=400)
    messages.success(request, _("เปลี่ยนสถานะแล้ว"))
    return redirect("public:case_detail", slug=slug, pk=pk)


@policy.authenticated
@require_http_methods(["GET"])
def case_attachment(request: HttpRequest, slug: str, pk: int, file_pk: int) -> FileResponse:
    attachment = get_attachment_for_officer(request, slug, pk, file_pk)
    response = file_download(
        attachment.file.open("rb"),
        filename=f"case-{pk}-{attachment.pk}{EXTENSIONS.get(attachment.content_type, '')}",
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "no-store"
    return response
