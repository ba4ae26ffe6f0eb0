"""Site-wide views: the home page that says what needs each person, the user guide."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from prongsai.agencies.access import is_operator
from prongsai.core import policy
from prongsai.measures.selectors import MY_DIVISIONS, NO_STATUS, OVERDUE, STALE, STALE_DAYS
from prongsai.thai.dates import fiscal_year_of
from prongsai.web import guide
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
            "is_operator": is_operator(request.user),
        },
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
