"""Site-wide views: the home page that says what needs each person."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from prongsai.core import policy
from prongsai.measures.selectors import MY_DIVISIONS, NO_STATUS, OVERDUE, STALE, STALE_DAYS
from prongsai.thai.dates import fiscal_year_of
from prongsai.web.home import home_cards


@policy.authenticated
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "web/home.html",
        {
            "cards": home_cards(request.user, today),
            "current_year": fiscal_year_of(today),
            "filters": {
                "overdue": OVERDUE,
                "stale": STALE,
                "mine": MY_DIVISIONS,
                "none": NO_STATUS,
            },
            "stale_days": STALE_DAYS,
        },
    )
