"""History pages: the audit events of an agency, or of one object."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from prongsai.agencies.access import CASE_OFFICERS, HISTORY_READERS, get_agency_for_user
from prongsai.audit import selectors
from prongsai.core import policy


@policy.authenticated
@require_GET
def agency_history(request: HttpRequest, slug: str) -> HttpResponse:
    membership = get_agency_for_user(request, slug, *HISTORY_READERS)
    page, events = selectors.agency_history(membership.agency, request.GET.get("page"))
    return render(
        request,
        "audit/history.html",
        {
            "agency": membership.agency,
            "page": page,
            "events": events,
            "head": selectors.chain_head(membership.agency),
            "subject": None,
        },
    )


@policy.authenticated
@require_GET
def object_history(
    request: HttpRequest, slug: str, object_type: str, object_id: str
) -> HttpResponse:
    if selectors.is_confidential(object_type):
        membership = get_agency_for_user(request, slug, *CASE_OFFICERS)
    else:
        membership = get_agency_for_user(request, slug)
    return render(
        request,
        "audit/history.html",
        {
            "agency": membership.agency,
            "events": selectors.object_history(membership.agency, object_type, object_id),
            "head": selectors.chain_head(membership.agency),
            "subject": f"{object_type} #{object_id}",
        },
    )
