"""Staff pages: report approval and publication; the complaint officers' inbox.

Reports: every staff role may look; the coordinator submits and publishes, the executive
approves or returns. Cases: complaint officers of the agency only (403 for every other
role, 404 for other agencies).
"""

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from prongsai.agencies.access import APPROVERS, EDITORS, get_agency_for_user, permissions
from prongsai.agencies.models import Membership
from prongsai.core import policy
from prongsai.core.downloads import file_download
from prongsai.core.errors import StaleEdit, ValidationFailed, show_on_form
from prongsai.core.uploads import EXTENSIONS
from prongsai.memos.kinds import MemoKind
from prongsai.public import selectors, services_cases, services_heads, services_reports
from prongsai.public.access import (
    get_attachment_for_officer,
    get_case_for_officer,
    get_officer_membership,
)
from prongsai.public.forms import (
    CaseStateForm,
    DecisionForm,
    OfficerReplyForm,
    ReportHeadForm,
    SubmitReportForm,
)
from prongsai.public.models import Case, CaseKind, CaseState, Report, ReportState
from prongsai.thai.dates import format_thai_date

# --- reports -------------------------------------------------------------------------------


def _kind_or_404(kind: str) -> str:
    if kind not in MemoKind.values:
        raise Http404(_("ไม่รู้จักเอกสารนี้"))
    return kind


def _submit_form(kind: str, year: int, data: Any = None, as_of: Any = None) -> SubmitReportForm:
    """The date box of one report's submit form; a first submission proposes today."""
    form = SubmitReportForm(data, fiscal_year=year, auto_id=f"%s-{kind}")
    if as_of is not None:
        form.initial["as_of"] = as_of
    return form


def _head_form(row: selectors.ReportRow, year: int, data: Any = None) -> ReportHeadForm:
    """The head form of one report: the stored values in the boxes, the defaults as their
    placeholders (an empty box keeps the default)."""
    stored = row.stored_head
    return ReportHeadForm(
        data,
        fiscal_year=year,
        defaults=row.default_head,
        auto_id=f"head-%s-{row.kind}",
        initial={
            "dated": stored.date,
            "number": stored.number,
            "subject": stored.subject,
            "addressee": stored.addressee,
            "signer_name": stored.signer_name,
            "signer_title": stored.signer_title,
            "version": row.version,
        },
    )


def _reports_context(
    membership: Membership,
    year: int,
    submitted: tuple[str, SubmitReportForm] | None = None,
    head: tuple[str, Any] | None = None,
) -> dict[str, Any]:
    """The reports page. `submitted` is a bound submit form of one report; `head` the head
    form's POST data of one report (shown again with its errors)."""
    agency = membership.agency
    publications = selectors.publication_rows(agency, year)
    rows = selectors.report_rows(agency, year)
    forms = [
        submitted[1]
        if submitted and submitted[0] == row.kind
        else _submit_form(row.kind, year, as_of=row.as_of)
        for row in rows
    ]
    head_forms = [
        _head_form(row, year, head[1] if head and head[0] == row.kind else None) for row in rows
    ]
    for form in head_forms:
        if form.is_bound:
            form.is_valid()
    can = permissions(membership)
    return {
        "agency": agency,
        "year": year,
        "membership": membership,
        "rows": list(zip(rows, forms, head_forms, strict=True)),
        "latest": publications[0] if publications else None,
        "publications": publications,
        "can": can,
        "states": ReportState,
    }


def _reports_page(
    request: HttpRequest,
    membership: Membership,
    year: int,
    status: int = 200,
    submitted: tuple[str, SubmitReportForm] | None = None,
) -> HttpResponse:
    context = _reports_context(membership, year, submitted)
    return render(request, "public/reports.html", context, status=status)


def _failed(
    request: HttpRequest, membership: Membership, year: int, kind: str, exc: ValidationFailed
) -> HttpResponse:
    """The reports page again, the error next to the field of the report it concerns."""
    context = _reports_context(membership, year)
    row = next(r for r, *_forms in context["rows"] if r.kind == kind)
    place = exc.field or ""
    if place not in _shown_fields(context, row):
        place = "top"  # the form of that field is not on the page (any more)
    context["row_error"] = {"kind": kind, "place": place, "message": str(exc)}
    return render(request, "public/reports.html", context, status=400)


def _shown_fields(context: dict[str, Any], row: selectors.ReportRow) -> set[str]:
    """The fields the reports page shows for `row` (as reports.html decides); the date box
    shows its own errors (its form is bound), so a date error here goes to the top."""
    fields = set()
    can = context["can"]
    if can.can_decide and row.state == ReportState.SUBMITTED:
        fields |= {"comment", "decision"}
    if (
        can.can_submit
        and row.state == ReportState.APPROVED
        and not row.approved_changed
        and not row.published
    ):
        fields.add("confirm")
    return fields


@policy.authenticated
@require_GET
def reports(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    membership = get_agency_for_user(request, slug)
    return _reports_page(request, membership, year)


@policy.authenticated
@require_POST
def report_submit(request: HttpRequest, slug: str, year: int, kind: str) -> HttpResponse:
    membership = get_agency_for_user(request, slug, *EDITORS)
    kind = _kind_or_404(kind)
    form = _submit_form(kind, year, request.POST)
    if not form.is_valid():
        # The date box shows its own error, next to it in this report.
        return _reports_page(request, membership, year, status=400, submitted=(kind, form))
    try:
        services_reports.submit_report(
            membership=membership, fiscal_year=year, kind=kind, as_of=form.cleaned_data["as_of"]
        )
    except ValidationFailed as exc:
        if exc.field == "as_of":
            show_on_form(form, exc)
            return _reports_page(request, membership, year, status=400, submitted=(kind, form))
        return _failed(request, membership, year, kind, exc)
    messages.success(request, _("ส่งรายงานขออนุมัติแล้ว"))
    return redirect("public:reports", slug=slug, year=year)


def _head_page(
    request: HttpRequest,
    membership: Membership,
    year: int,
    kind: str,
    data: Any,
    *,
    error: ValidationFailed | None = None,
    stale: StaleEdit | None = None,
) -> HttpResponse:
    """The reports page with the head form of `kind` as it was sent, its error by its box."""
    context = _reports_context(membership, year, head=(kind, data))
    row, form = next((r, f) for r, _s, f in context["rows"] if r.kind == kind)
    if not row.head_editable:  # its form is not on the page: say why nothing changed
        return _failed(request, membership, year, kind, services_heads.not_editable())
    if error is not None:
        show_on_form(form, error)
    context["head_error"] = {"kind": kind, "stale": stale, "changes": _stale_rows(form, stale)}
    return render(request, "public/reports.html", context, status=409 if stale else 400)


def _stale_rows(form: ReportHeadForm, stale: StaleEdit | None) -> list[tuple[str, object]]:
    """What another person stored meanwhile, by the label of its box ("": the default)."""
    if stale is None:
        return []
    rows: list[tuple[str, object]] = []
    for name, (_typed, current) in stale.changes.items():
        if isinstance(current, dt.date):
            current = format_thai_date(current, thai_digits=False)  # as the date box reads
        rows.append((str(form.fields[name].label), current or _("(ค่าเริ่มต้น)")))
    return rows


@policy.authenticated
@require_POST
def report_head(request: HttpRequest, slug: str, year: int, kind: str) -> HttpResponse:
    """The coordinator sets the memo's date, number, subject, addressee and signer."""
    membership = get_agency_for_user(request, slug, *EDITORS)
    kind = _kind_or_404(kind)
    form = ReportHeadForm(request.POST, fiscal_year=year)
    if not form.is_valid():
        return _head_page(request, membership, year, kind, request.POST)
    try:
        services_heads.set_report_head(
            membership=membership,
            fiscal_year=year,
            kind=kind,
            head=form.head(),
            expected_version=form.cleaned_data["version"],
        )
    except StaleEdit as exc:
        # Keep what was typed, but let the next save rest on the current version, now
        # that the coordinator has been shown what changed.
        data = request.POST.copy()
        data["version"] = str(selectors.report_version(membership.agency, year, kind))
        return _head_page(request, membership, year, kind, data, stale=exc)
    except ValidationFailed as exc:
        if exc.field in form.fields:
            return _head_page(request, membership, year, kind, request.POST, error=exc)
        return _failed(request, membership, year, kind, exc)
    messages.success(request, _("บันทึกหัวบันทึกและผู้ลงนามแล้ว"))
    return redirect(f"{reverse('public:reports', args=[slug, year])}#report-{kind}")


@policy.authenticated
@require_POST
def report_decide(request: HttpRequest, slug: str, year: int, kind: str) -> HttpResponse:
    membership = get_agency_for_user(request, slug, *APPROVERS)
    report = get_object_or_404(
        Report, agency=membership.agency, fiscal_year=year, kind=_kind_or_404(kind)
    )
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _failed(
            request,
            membership,
            year,
            report.kind,
            ValidationFailed(_("กรุณาเลือกอนุมัติหรือส่งกลับ"), field="decision"),
        )
    try:
        services_reports.decide_report(
            membership=membership,
            report=report,
            approve=form.cleaned_data["decision"] == "approve",
            comment=form.cleaned_data["comment"],
            expected_version=form.cleaned_data["version"],
        )
    except ValidationFailed as exc:
        return _failed(request, membership, year, report.kind, exc)
    messages.success(request, _("บันทึกผลการพิจารณาแล้ว"))
    return redirect("public:reports", slug=slug, year=year)


@policy.authenticated
@require_POST
def report_publish(request: HttpRequest, slug: str, year: int, kind: str) -> HttpResponse:
    membership = get_agency_for_user(request, slug, *EDITORS)
    kind = _kind_or_404(kind)
    report = get_object_or_404(Report, agency=membership.agency, fiscal_year=year, kind=kind)
    try:
        if request.POST.get("confirm") != "1":
            # The checkbox is the confirmation step: it works without JavaScript, and a
            # stray click on the button publishes nothing.
            raise ValidationFailed(_("กรุณาติ๊กยืนยันการเผยแพร่ก่อนกดเผยแพร่"), field="confirm")
        services_reports.publish(membership=membership, report=report)
    except ValidationFailed as exc:
        return _failed(request, membership, year, kind, exc)
    messages.success(request, _("เผยแพร่แล้ว"))
    return redirect("public:reports", slug=slug, year=year)


@policy.authenticated
@require_GET
def report_preview(request: HttpRequest, slug: str, year: int, kind: str) -> HttpResponse:
    """The memo as it would be published now (for the executive's review)."""
    membership = get_agency_for_user(request, slug)
    kind = _kind_or_404(kind)
    agency = membership.agency
    as_of = selectors.report_date(agency, year, kind)
    if as_of is None:  # never submitted: as of the memo's own date, or today if that is to come
        as_of = min(selectors.memo_date(agency, year, kind), timezone.localdate())
    pdf = services_reports.render_report_pdf(agency, year, kind, as_of)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{slug}-{year}-{kind}-preview.pdf"'
    response["Cache-Control"] = "no-store"
    return response


# --- complaint inbox -----------------------------------------------------------------------


@policy.authenticated
@require_GET
def inbox(request: HttpRequest, slug: str) -> HttpResponse:
    membership = get_officer_membership(request, slug)
    state = request.GET.get("state", "")
    kind = request.GET.get("kind", "")
    cases = selectors.inbox_cases(membership.agency, state, kind)
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
    state_error: str = "",
) -> HttpResponse:
    allowed = sorted(services_cases.TRANSITIONS.get(case.state, set()), key=CaseState.values.index)
    return render(
        request,
        "public/case_detail.html",
        {
            "agency": membership.agency,
            "case": case,
            "thread": selectors.case_thread(case, with_officers=True),
            "reply_form": reply_form or OfficerReplyForm(),
            "next_states": [(s, CaseState(s).label) for s in allowed if s != CaseState.ANSWERED],
            "state_error": state_error,
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
            show_on_form(form, exc)
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
            raise ValidationFailed(_("สถานะไม่ถูกต้อง"), field="state")
        services_cases.change_case_state(
            membership=membership,
            case=case,
            state=form.cleaned_data["state"],
            expected_state=form.cleaned_data["expected_state"],
        )
    except ValidationFailed as exc:
        case.refresh_from_db()
        return _case_detail(request, case, membership, status=400, state_error=str(exc))
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
