"""Public pages (no log-in, Thai): published agency-years, statistics, feedback.

Published pages are immutable per publication: the rendered page is cached under the
publication's id and served with an ETag, so a request costs one indexed query. They use
their own light base template: no script, no web font, no image, one small stylesheet, and
no form (so no CSRF cookie and nothing that varies per visitor).

The feedback views never read the client's address or user agent; only
prongsai.public.ratelimit does, to count attempts (see there).
"""

import gzip
import threading
from collections import OrderedDict
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from prongsai.agencies.access import get_agency_public
from prongsai.agencies.models import Agency
from prongsai.audit import selectors as audit_selectors
from prongsai.core import flash, policy
from prongsai.core.downloads import file_download
from prongsai.core.errors import UploadRejected, ValidationFailed, show_on_form
from prongsai.core.uploads import CheckedFile, check_named_upload
from prongsai.memos.kinds import MemoKind
from prongsai.public import (
    health,
    ratelimit,
    receipts,
    selectors,
    services_cases,
    services_reports,
)
from prongsai.public.forms import FeedbackForm, ReceiptForm, SenderReplyForm
from prongsai.public.models import Case, CaseKind, CaseState
from prongsai.public.scrub import without_metadata
from prongsai.public.stats import case_statistics, years_with_cases
from prongsai.thai.dates import fiscal_year_of

PAGE_MAX_AGE = 300  # seconds a browser may reuse a published page without asking
PDF_MAX_AGE = 3600
INDEX_MAX_AGE = 60


def _thai(response: HttpResponse) -> HttpResponse:
    response["Content-Language"] = "th"
    return response


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return _thai(response)


@policy.public
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """Whether this server reaches the database and can write MEDIA_ROOT: for the proxy's
    health checks and the operator. 200 when both are ok, else 503. It names no host, path,
    error text or setting (health.py), so it can stay public."""
    status = health.status()
    response = JsonResponse(status, status=200 if health.healthy(status) else 503)
    response["Cache-Control"] = "no-store"
    return response


# --- published pages -----------------------------------------------------------------------


# A page under its key never changes, so each process also keeps the most used ones in its
# own memory: no round trip to the shared cache (a database table by default) for them.
_LOCAL_PAGES = 64
_local_pages: OrderedDict[str, tuple[bytes, bytes]] = OrderedDict()
_local_lock = threading.Lock()


def forget_local_pages() -> None:
    """Empty this process's copies (tests start each from nothing, as with the cache)."""
    with _local_lock:
        _local_pages.clear()


def _cached_page(key: str, build: Any) -> tuple[bytes, bytes]:
    """(html, gzipped html) of a page that never changes under `key`."""
    with _local_lock:
        if key in _local_pages:
            _local_pages.move_to_end(key)
            return _local_pages[key]
    cached = cache.get(key)
    if cached is None:
        html = build().encode()
        cached = (html, gzip.compress(html, compresslevel=6, mtime=0))
        cache.set(key, cached, timeout=24 * 3600)
    with _local_lock:
        _local_pages[key] = cached
        while len(_local_pages) > _LOCAL_PAGES:
            _local_pages.popitem(last=False)
    return cached


def _immutable_response(
    request: HttpRequest, body: tuple[bytes, bytes], etag: str, modified: float, max_age: int
) -> HttpResponse:
    last_modified = http_date(modified)
    not_modified = get_conditional_response(request, etag=etag, last_modified=int(modified))
    if not_modified is not None:
        not_modified["Cache-Control"] = f"public, max-age={max_age}"
        return not_modified
    html, compressed = body
    if "gzip" in request.headers.get("Accept-Encoding", ""):
        response = HttpResponse(compressed, content_type="text/html; charset=utf-8")
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(html, content_type="text/html; charset=utf-8")
    patch_vary_headers(response, ["Accept-Encoding"])
    response["ETag"] = etag
    response["Last-Modified"] = last_modified
    response["Cache-Control"] = f"public, max-age={max_age}"
    return _thai(response)


# The pointer to an agency-year's newest publication is cached briefly, so that a page view
# costs no query of the publication tables. Publishing drops it from the cache every server
# process shares, so all of them follow at once (POINTER_TTL bounds it should the drop
# ever be missed).
POINTER_TTL = 5


def _latest_pointer(slug: str, year: int) -> selectors.Pointer | None:
    key = services_reports.latest_publication_key(slug, year)
    try:
        pointer = cache.get(key)
    except Exception:  # kept by another version of prongsai (a class renamed): read again
        pointer = None
    if not isinstance(pointer, selectors.Pointer):
        pointer = selectors.newest_publication(slug, year)
        if pointer is None:
            return None
        cache.set(key, pointer, timeout=POINTER_TTL)
    return pointer


def _render_year_page(publication_id: int) -> str:
    page = selectors.year_page(publication_id)
    return render_to_string("public/year.html", {"page": page, "agency": page.agency})


@policy.public
@require_GET
def year_page(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    pointer = _latest_pointer(slug, year)
    if pointer is None:
        agency = get_agency_public(slug)
        response = render(
            request,
            "public/not_published.html",
            {"agency": agency, "year": year},
            status=404,
        )
        return _thai(response)
    pk, sha = pointer.pk, pointer.sha_prefix
    body = _cached_page(
        f"public:year:{pk}:{sha}",
        lambda: _render_year_page(pk),
    )
    return _immutable_response(request, body, f'"p{pk}-{sha}"', pointer.published_at, PAGE_MAX_AGE)


@policy.public
@require_GET
def document_pdf(request: HttpRequest, slug: str, year: int, kind: str) -> HttpResponseBase:
    if kind not in MemoKind.values:
        raise Http404(_("ไม่พบเอกสาร"))
    pointer = _latest_pointer(slug, year)
    document = selectors.published_document(pointer.pk, kind) if pointer else None
    if document is None:
        raise Http404(_("ยังไม่มีการเผยแพร่เอกสารนี้"))
    etag = f'"{document.sha256}"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return not_modified
    response = file_download(
        document.file.open("rb"),
        filename=f"{slug}-{year}-{kind}.pdf",
        content_type="application/pdf",
        as_attachment=False,
    )
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={PDF_MAX_AGE}"
    return response


@policy.public
@require_GET
def agency_index(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_agency_public(slug)
    current_year = fiscal_year_of(timezone.localdate())
    stat_years = sorted(set(years_with_cases(agency)) | {current_year}, reverse=True)
    response = render(
        request,
        "public/agency.html",
        {
            "agency": agency,
            "publications": selectors.latest_per_year(agency),
            "stats": case_statistics(agency, current_year),
            "stat_years": stat_years,
            "now": timezone.now(),
            "head": audit_selectors.chain_head(agency),
        },
    )
    response["Cache-Control"] = f"public, max-age={INDEX_MAX_AGE}"
    return _thai(response)


@policy.public
@require_GET
def statistics(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    agency = get_agency_public(slug)
    response = render(
        request,
        "public/stats.html",
        {"agency": agency, "stats": case_statistics(agency, year), "now": timezone.now()},
    )
    response["Cache-Control"] = f"public, max-age={INDEX_MAX_AGE}"
    return _thai(response)


# --- feedback and complaints ---------------------------------------------------------------


def _checked_files(files: list[Any]) -> list[CheckedFile]:
    if len(files) > services_cases.MAX_FILES:
        raise ValidationFailed(
            _("แนบไฟล์ได้ไม่เกิน %(count)s ไฟล์") % {"count": services_cases.MAX_FILES},
            field="files",
        )
    max_bytes = settings.UPLOAD_MAX_BYTES
    return [without_metadata(check_named_upload(f, max_bytes=max_bytes)) for f in files]


def _too_many(request: HttpRequest, agency: Agency) -> HttpResponse:
    retry_at = ratelimit.retry_at()
    response = render(
        request, "public/too_many.html", {"agency": agency, "retry_at": retry_at}, status=429
    )
    response["Retry-After"] = str(ratelimit.retry_after_seconds())
    return _no_store(response)


RECEIPT_NOTE = "prongsai_receipt"
SENT_NOTE = "prongsai_sent"


@policy.public
@require_http_methods(["GET", "POST"])
def feedback(request: HttpRequest, slug: str) -> HttpResponse:
    agency = get_agency_public(slug)
    form = FeedbackForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            if not ratelimit.allow(request, "submit", ratelimit.submission_limit()):
                return _too_many(request, agency)
            try:
                with translation.override("th"):  # the public pages are Thai
                    files = _checked_files(form.cleaned_data["files"])
                    _case, receipt = services_cases.submit_feedback(
                        agency=agency,
                        kind=form.cleaned_data["kind"],
                        subject=form.cleaned_data["subject"],
                        body=form.cleaned_data["body"],
                        contact=form.cleaned_data["contact"],
                        files=files,
                    )
            except UploadRejected as exc:
                form.add_error("files", str(exc))
            except ValidationFailed as exc:
                show_on_form(form, exc)
            else:
                # Post/Redirect/Get: a reload of the receipt page must not file the case
                # again. The code goes to that page once, in the sender's browser only.
                target = redirect("public:receipt", slug=agency.slug)
                flash.leave(target, RECEIPT_NOTE, agency.slug, receipt, target["Location"])
                return _no_store(target)
    return _no_store(
        render(
            request,
            "public/feedback.html",
            {"agency": agency, "form": form, "kinds": CaseKind.choices},
            status=status,
        )
    )


@policy.public
@require_GET
def receipt(request: HttpRequest, slug: str) -> HttpResponse:
    """The receipt code, shown once: a reload finds it gone and says so, without it."""
    agency = get_agency_public(slug)
    code = receipts.normalize(flash.read(request, RECEIPT_NOTE, agency.slug)) or ""
    response = render(request, "public/receipt.html", {"agency": agency, "receipt": code})
    flash.forget(request, response, RECEIPT_NOTE, request.path)
    return _no_store(response)


def _case_page(
    request: HttpRequest,
    agency: Agency,
    case: Case,
    receipt: str,
    reply_form: SenderReplyForm,
    status: int = 200,
) -> HttpResponse:
    messages = selectors.case_thread(case, with_officers=False)
    return _no_store(
        render(
            request,
            "public/case.html",
            {
                "agency": agency,
                "case": case,
                "thread": messages,
                "receipt": receipt,
                "reply_form": reply_form,
                "closed": case.state == CaseState.CLOSED,
            },
            status=status,
        )
    )


@policy.public
@require_http_methods(["GET", "POST"])
def case_lookup(request: HttpRequest, slug: str) -> HttpResponse:
    """The sender follows a case with the receipt code, sent by POST (never in a URL)."""
    agency = get_agency_public(slug)
    form = ReceiptForm(request.POST or None)
    if request.method != "POST":
        sent = flash.read(request, SENT_NOTE, agency.slug) == "1"
        response = render(
            request, "public/lookup.html", {"agency": agency, "form": form, "sent": sent}
        )
        flash.forget(request, response, SENT_NOTE, request.path)
        return _no_store(response)
    if not ratelimit.allow(request, "lookup", ratelimit.lookup_limit()):
        return _too_many(request, agency)
    case = None
    if form.is_valid():
        case = services_cases.case_for_receipt(agency, form.cleaned_data["receipt"])
        if case is None:
            form.add_error(
                "receipt",
                "ไม่พบเรื่องตามรหัสรับเรื่องนี้ กรุณาตรวจสอบรหัส 16 หลักอีกครั้ง "
                "(รหัสใช้ได้เฉพาะกับหน่วยงานที่ท่านแจ้งเรื่องไว้)",
            )
    if case is None:
        return _no_store(
            render(request, "public/lookup.html", {"agency": agency, "form": form}, status=400)
        )
    receipt = receipts.normalize(form.cleaned_data["receipt"]) or ""
    if request.POST.get("action") != "reply":
        return _case_page(request, agency, case, receipt, SenderReplyForm())
    reply_form = SenderReplyForm(request.POST, request.FILES or None)
    if not reply_form.is_valid():
        return _case_page(request, agency, case, receipt, reply_form, status=400)
    if not ratelimit.allow(request, "submit", ratelimit.submission_limit()):
        return _too_many(request, agency)
    try:
        with translation.override("th"):  # the public pages are Thai
            files = _checked_files(reply_form.cleaned_data["files"])
            services_cases.sender_reply(
                case=case, body=reply_form.cleaned_data["body"], files=files
            )
    except UploadRejected as exc:
        reply_form.add_error("files", str(exc))
        return _case_page(request, agency, case, receipt, reply_form, status=400)
    except ValidationFailed as exc:
        show_on_form(reply_form, exc)
        return _case_page(request, agency, case, receipt, reply_form, status=400)
    # Post/Redirect/Get: a reload sends nothing twice. The note says the message went;
    # the sender types the code again to see the thread (it is not carried back).
    target = redirect("public:case_lookup", slug=agency.slug)
    flash.leave(target, SENT_NOTE, agency.slug, "1", target["Location"])
    return _no_store(target)
