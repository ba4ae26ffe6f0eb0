"""Site-wide views: the home page that sends each person where they work, the user guide."""

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from prongsai.agencies.access import memberships_of
from prongsai.agencies.models import Role
from prongsai.core import policy
from prongsai.thai.dates import fiscal_year_of
from prongsai.web import guide


def current_fiscal_year() -> int:
    return fiscal_year_of(dt.date.today())


@policy.authenticated
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    memberships = list(memberships_of(request.user))
    staff = [m for m in memberships if m.role != Role.COMPLAINT_OFFICER]
    if len(memberships) == 1 and staff:
        return redirect("agency_year", slug=staff[0].agency.slug, year=current_fiscal_year())
    return render(
        request, "web/home.html", {"memberships": memberships, "year": current_fiscal_year()}
    )


@policy.public
@require_GET
def guide_index(request: HttpRequest) -> HttpResponse:
    """The guide's contents: one page per role (citizens read it too, without a log-in)."""
    pages = [guide.guide_page(name) for name in guide.PAGES]
    return render(request, "web/guide.html", {"pages": pages, "page": None})


@policy.public
@require_GET
def guide_page(request: HttpRequest, name: str) -> HttpResponse:
    page = guide.guide_page(name)
    if page is None:
        raise Http404
    return render(request, "web/guide.html", {"pages": None, "page": page})
