"""Starting a job, its progress page (polled by htmx every 2 seconds), retry and result.

A job is visible to the person who started it and to the coordinators of its agency
(404 for anybody else); the memos of every agency are started by a site operator."""

from pathlib import Path

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from prongsai.agencies.access import EDITORS, get_agency_for_user, is_operator
from prongsai.agencies.models import Agency
from prongsai.core import policy
from prongsai.core.downloads import file_download
from prongsai.core.errors import ValidationFailed
from prongsai.jobs import selectors, services
from prongsai.jobs.models import Job, JobKind
from prongsai.jobs.work import output_folder
from prongsai.registry.places import provinces
from prongsai.thai.dates import fiscal_year_of

RESULT_TYPES = {
    ".zip": "application/zip",
    ".csv": "text/csv; charset=utf-8",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def back_address(request: HttpRequest) -> str:
    """The page that started a job (a path of this site, else ""), for the job's page to
    link back to."""
    back = request.POST.get("back", "")[:500]
    if not back.startswith("/") or back.startswith("//"):
        return ""
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return ""
    return back


def _job(request: HttpRequest, pk: int) -> Job:
    job = selectors.visible_job(pk, request.user)
    if job is None:
        raise Http404(_("ไม่พบงานนี้"))
    return job


def _start(request: HttpRequest, kind: str, agency: Agency | None) -> HttpResponse | None:
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        year = 0
    args: dict[str, str] = {}
    back = back_address(request)
    if back:
        args["back"] = back
    if kind == JobKind.PROVINCE_LINK_CHECK:
        args["province"] = request.POST.get("province", "")
    else:
        args["fmt"] = request.POST.get("fmt", "pdf")
    try:
        job = services.start(kind, agency, request.user, year=year, **args)
    except ValidationFailed as error:
        messages.error(request, error.message)
        return None
    return redirect("jobs:detail", job.pk)


@policy.authenticated
@require_http_methods(["GET", "POST"])
def index(request: HttpRequest) -> HttpResponse:
    """One's jobs; for a site operator, the memos of every agency for a year and the link
    check of every agency of a province."""
    operator = is_operator(request.user)
    status = 200
    if request.method == "POST":
        if not operator:
            raise Http404(_("ไม่พบหน้านี้"))
        kind = request.POST.get("kind", JobKind.RENDER_MEMOS)
        if kind not in (JobKind.RENDER_MEMOS, JobKind.PROVINCE_LINK_CHECK):
            kind = ""  # refused by the service, in Thai
        answer = _start(request, kind, None)
        if answer is not None:
            return answer
        status = 400
    return render(
        request,
        "jobs/index.html",
        {
            "rows": selectors.jobs_of(request.user),
            "operator": operator,
            "provinces": provinces() if operator else [],
            "year": fiscal_year_of(timezone.localdate()),
        },
        status=status,
    )


@policy.authenticated
@require_http_methods(["GET", "POST"])
def agency_jobs(request: HttpRequest, slug: str) -> HttpResponse:
    """The agency's jobs, and starting one (coordinators)."""
    agency = get_agency_for_user(request, slug, *EDITORS).agency
    status = 200
    if request.method == "POST":
        kind = request.POST.get("kind", "")
        answer = _start(request, kind, agency)
        if answer is not None:
            return answer
        status = 400
    return render(
        request,
        "jobs/agency.html",
        {
            "agency": agency,
            "rows": selectors.jobs_of(request.user, agency),
            "kinds": JobKind.choices,
            "year": fiscal_year_of(timezone.localdate()),
        },
        status=status,
    )


@policy.authenticated
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "jobs/detail.html", {"r": selectors.row(_job(request, pk))})


@policy.authenticated
@require_GET
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress box alone (htmx swaps it in every 2 seconds until the job ends)."""
    return render(request, "jobs/_progress.html", {"r": selectors.row(_job(request, pk))})


@policy.authenticated
@require_POST
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    try:
        services.retry(job, request.user)
    except ValidationFailed as error:
        messages.error(request, error.message)
    return redirect("jobs:detail", job.pk)


@policy.authenticated
@require_GET
def result(request: HttpRequest, pk: int) -> HttpResponse | FileResponse:
    job = _job(request, pk)
    r = selectors.row(job)
    if not r.has_archive:
        raise Http404(_("งานนี้ยังไม่มีผลลัพธ์ให้ดาวน์โหลด"))
    path = output_folder(job) / Path(str(job.result["archive"])).name
    if not path.is_file():
        raise Http404(_("ไม่พบไฟล์ผลลัพธ์"))
    content_type = RESULT_TYPES.get(path.suffix, "application/octet-stream")
    return file_download(path.open("rb"), filename=path.name, content_type=content_type)
