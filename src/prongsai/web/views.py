"""Site-wide views: the home page that sends each person where they work."""

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from prongsai.agencies.access import memberships_of
from prongsai.agencies.models import Role
from prongsai.core import policy
from prongsai.thai.dates import fiscal_year_of


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
