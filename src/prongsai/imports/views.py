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
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.agencies.access import EDITORS, get_agency_for_user
from prongsai.agencies.models import Agency
from prongsai.core import policy
from prongsai.core.errors import ProngsaiError
from prongsai.core.i18n import in_active_language
from prongsai.core.uploads import about_file, read_limited, upload_help
from prongsai.imports.lint import Finding, lint_memo
from prongsai.imports.lint_labels import finding_label
from prongsai.imports.mapping import ImportResult, check_savable, recover, save
from prongsai.imports.parse import parse_file
from prongsai.measures.models import Measure, Status
from prongsai.memos.model import Memo
from prongsai.thai.dates import is_fiscal_year

TOKEN_MAX_AGE = 60 * 60  # seconds a preview may be confirmed
ACCEPT = (
    ".docx,.txt,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_lazy("ไฟล์บันทึกข้อความ (.docx หรือข้อความที่ส่งออกจาก Word)"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = upload_help("DOCX, TXT")


def _read(form: UploadForm) -> Memo | None:
    """The memo of a valid upload, or None with the reason added to the form."""
    uploaded = form.cleaned_data["file"]
    try:
        data = read_limited(uploaded, settings.UPLOAD_MAX_BYTES)
        return parse_file(data, uploaded.name, max_bytes=settings.UPLOAD_MAX_BYTES)
    except ProngsaiError as exc:
        form.add_error("file", str(about_file(uploaded.name, exc)))
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
    findings = lint_memo(memo, agency_name=agency.name, province=agency.province)
    token = signing.dumps(result.to_dict(), salt=_salt(agency, year, request), compress=True)
    context = _preview_context(agency, year, result, token)
    context["findings"] = [(f, _message(f), finding_label(f.code)) for f in findings]
    return render(request, "imports/preview.html", context)


def _preview_context(agency: Agency, year: int, result: ImportResult, token: str) -> dict[str, Any]:
    problems = check_savable(result)
    existing = Measure.objects.filter(agency=agency, fiscal_year=year).count()
    labels = dict(Status.choices)
    rows = [{"measure": m, "status_label": labels.get(m.status or "", "")} for m in result.measures]
    other_year = _other_year(result, year)
    return {
        "agency": agency,
        "year": year,
        "result": result,
        "rows": rows,
        "problems": problems,
        "existing": existing,
        "other_year": other_year,
        # where the memo's own year may be imported instead (a year the site knows)
        "memo_year_url": (
            reverse("imports:upload", args=[agency.slug, result.fiscal_year])
            if other_year and result.fiscal_year and is_fiscal_year(result.fiscal_year)
            else ""
        ),
        "other_agency": bool(result.agency and result.agency != agency.name),
        "findings": None,  # only known while the file is at hand (not at confirm)
        "token": token,
        "can_save": not problems and not existing,
    }


def _other_year(result: ImportResult, year: int) -> bool:
    return bool(result.fiscal_year and result.fiscal_year != year)


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
        messages.error(
            request,
            _("นำเข้าไม่ได้ ยังไม่ได้บันทึกมาตรการใด: ข้อมูลตัวอย่างหมดอายุหรือไม่ถูกต้อง กรุณาอัปโหลดไฟล์อีกครั้ง"),
        )
        return redirect("imports:upload", slug=agency.slug, year=year)
    if _other_year(result, year) and request.POST.get("as_year") != str(year):
        # Another year's memo lands in this year only by an explicit choice: its measures
        # and their "done" statuses would otherwise pass for this year's work.
        context = _preview_context(agency, year, result, request.POST.get("token", ""))
        context["as_year_error"] = _(
            "บันทึกนี้เป็นของปีงบประมาณ %(memo_year)s กรุณาติ๊กช่อง “นำเข้าเป็นปี %(year)s” "
            "หากต้องการนำเข้าเป็นปีนี้จริง"
        ) % {"memo_year": result.fiscal_year, "year": year}
        return render(request, "imports/preview.html", context, status=400)
    try:
        created = save(result, agency=agency, fiscal_year=year, actor=request.user)
    except ProngsaiError as exc:
        messages.error(
            request,
            _("นำเข้าไม่ได้ ยังไม่ได้บันทึกมาตรการใด: %(reason)s กรุณาแก้ไขไฟล์แล้วอัปโหลดอีกครั้ง")
            % {"reason": str(exc)},
        )
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
                findings=[(f, _message(f), finding_label(f.code)) for f in findings],
            )
            return render(request, "imports/lint.html", context)
    return render(
        request,
        "imports/lint.html",
        context,
        status=400 if request.method == "POST" else 200,
    )
