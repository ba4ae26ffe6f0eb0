"""The link checks of an agency-year: the latest result of each address, and the button
that checks them all (coordinators only)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from prongsai.agencies.access import EDITORS, get_agency_for_user
from prongsai.agencies.models import Agency
from prongsai.core import policy
from prongsai.core.errors import ValidationFailed
from prongsai.oit import links


def _page(
    request: HttpRequest, agency: Agency, year: int, *, refusal: str = "", status: int = 200
) -> HttpResponse:
    rows = links.link_rows(agency, year)
    return render(
        request,
        "oit/links.html",
        {
            "agency": agency,
            "year": year,
            "rows": rows,
            "refusal": refusal,
            "sync_limit": links.SYNC_LIMIT,
            "too_many": len(rows) > links.SYNC_LIMIT,
        },
        status=status,
    )


@policy.authenticated
@require_GET
def link_results(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    agency = get_agency_for_user(request, slug, *EDITORS).agency
    return _page(request, agency, year)


@policy.authenticated
@require_POST
def link_check(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    agency = get_agency_for_user(request, slug, *EDITORS).agency
    try:
        summary = links.start_link_check(agency, year)
    except ValidationFailed as exc:
        return _page(request, agency, year, refusal=str(exc), status=400)
    messages.success(
        request,
        _("ตรวจแล้ว %(checked)d ลิงก์: ใช้ได้ %(ok)d เสีย %(broken)d อยู่นอกเว็บไซต์ของหน่วยงาน %(off)d")
        % {
            "checked": summary.checked,
            "ok": summary.ok,
            "broken": summary.broken,
            "off": summary.off_domain,
        },
    )
    return redirect("oit_links", slug=slug, year=year)
