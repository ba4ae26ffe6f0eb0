"""Upload a memo, preview what it says, confirm the import; upload a memo, see its findings.

Thin: access helper → parse/recover/lint → (on confirm) importer.save → template. The
preview carries what was recovered to the confirm step in a signed token (salted with the
agency, the year and the user), so the file is read once and nothing is stored until the
coordinator confirms.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.agencies.access import EDITORS, get_agency_for_user
from prongsai.agencies.models import Agency
from prongsai.core import policy
from prongsai.core.errors import ProngsaiError
from prongsai.core.i18n import in_active_language
from prongsai.core.uploads import read_limited
from prongsai.imports.lint import Finding, lint_memo
from prongsai.imports.mapping import ImportResult, check_savable, recover, save
from prongsai.imports.parse import parse_file
from prongsai.measures.models import Measure, Status
from prongsai.memos.model import Memo

TOKEN_MAX_AGE = 60 * 60  # seconds a preview may be confirmed
ACCEPT = (
    ".docx,.txt,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_lazy("ไฟล์บันทึกข้อความ (.docx หรือข้อความที่ส่งออกจาก Word)"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )


def _read(form: UploadForm) -> Memo | None:
    """The memo of a valid upload, or None with the reason added to the form."""
    uploaded = form.cleaned_data["file"]
    try:
        data = read_limited(uploaded, settings.UPLOAD_MAX_BYTES)
        return parse_file(data, uploaded.name, max_bytes=settings.UPLOAD_MAX_BYTES)
    except ProngsaiError as exc:
        form.add_error("file", str(exc))
        return None


def _salt(agency: Agency, year: int, request: HttpRequest) -> str:
    return f"prongsai.imports:{agency.pk}:{year}:{request.user.pk}"


def _message(finding: Finding) -> str:
    return in_active_language(finding.message, finding.message_en)


@policy.authenticated
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    membership = get_agency_for_user(request, slug, *EDITORS)
    agency = membership.agency
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    context: dict[str, Any] = {"agency": agency, "year": year, "form": form}
    if request.method == "POST" and form.is_valid():
        memo = _read(form)
        if memo is not None:
            try:
                result = recover(memo)
            except ProngsaiError as exc:
                form.add_error("file", str(exc))
            else:
                return _preview(request, agency, year, memo, result)
    return render(
        request,
        "imports/upload.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


def _preview(
    request: HttpRequest, agency: Agency, year: int, memo: Memo, result: ImportResult
) -> HttpResponse:
    problems = check_savable(result)
    existing = Measure.objects.filter(agency=agency, fiscal_year=year).count()
    findings = lint_memo(memo, agency_name=agency.name, province=agency.province)
    labels = dict(Status.choices)
    rows = [{"measure": m, "status_label": labels.get(m.status or "", "")} for m in result.measures]
    token = signing.dumps(result.to_dict(), salt=_salt(agency, year, request), compress=True)
    return render(
        request,
        "imports/preview.html",
        {
            "agency": agency,
            "year": year,
            "result": result,
            "rows": rows,
            "problems": problems,
            "existing": existing,
            "other_year": bool(result.fiscal_year and result.fiscal_year != year),
            "other_agency": bool(result.agency and result.agency != agency.name),
            "findings": [(f, _message(f)) for f in findings],
            "token": token,
            "can_save": not problems and not existing,
        },
    )


@policy.authenticated
@require_POST
def confirm(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    membership = get_agency_for_user(request, slug, *EDITORS)
    agency = membership.agency
    try:
        data = signing.loads(
            request.POST.get("token", ""),
            salt=_salt(agency, year, request),
            max_age=TOKEN_MAX_AGE,
        )
        result = ImportResult.from_dict(data)
    except (signing.BadSignature, TypeError, ValueError, KeyError):
        messages.error(request, _("ข้อมูลตัวอย่างหมดอายุหรือไม่ถูกต้อง กรุณาอัปโหลดไฟล์อีกครั้ง"))
        return redirect("imports:upload", slug=agency.slug, year=year)
    try:
        created = save(result, agency=agency, fiscal_year=year, actor=request.user)
    except ProngsaiError as exc:
        messages.error(request, str(exc))
        return redirect("imports:upload", slug=agency.slug, year=year)
    messages.success(request, _("นำเข้ามาตรการแล้ว %(count)d รายการ") % {"count": len(created)})
    return redirect("agency_year", slug=agency.slug, year=year)


@policy.authenticated
@require_http_methods(["GET", "POST"])
def lint(request: HttpRequest, slug: str) -> HttpResponse:
    membership = get_agency_for_user(request, slug)
    agency = membership.agency
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    context: dict[str, Any] = {"agency": agency, "form": form, "checked": False}
    if request.method == "POST" and form.is_valid():
        memo = _read(form)
        if memo is not None:
            findings = lint_memo(memo, agency_name=agency.name, province=agency.province)
            context.update(
                checked=True,
                filename=form.cleaned_data["file"].name,
                findings=[(f, _message(f)) for f in findings],
            )
            return render(request, "imports/lint.html", context)
    return render(
        request,
        "imports/lint.html",
        context,
        status=400 if request.method == "POST" else 200,
    )
