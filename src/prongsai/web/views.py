"""Site-wide views: the home page that says what needs each person, the user guide."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from prongsai.agencies.access import is_operator, oversight_scope
from prongsai.core import policy
from prongsai.measures.selectors import MY_DIVISIONS, NO_STATUS, OVERDUE, STALE, STALE_DAYS
from prongsai.oversight.views import place_url
from prongsai.thai.dates import fiscal_year_of
from prongsai.web import guide
from prongsai.web.home import home_cards


@policy.authenticated
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    cards = home_cards(request.user, today)
    operator = is_operator(request.user)
    scope = oversight_scope(request.user)
    # An oversight person's home is their scope's page for the current fiscal year (a card
    # beside their other work when they also belong to an agency or run the site).
    scope_url = place_url(fiscal_year_of(today), scope) if scope is not None else ""
    if scope_url and not cards and not operator:
        return redirect(scope_url)
    return render(
        request,
        "web/home.html",
        {
            "cards": cards,
            "oversight_url": scope_url,
            "current_year": fiscal_year_of(today),
            "filters": {
                "overdue": OVERDUE,
                "stale": STALE,
                "mine": MY_DIVISIONS,
                "none": NO_STATUS,
            },
            "stale_days": STALE_DAYS,
            "is_operator": operator,
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
