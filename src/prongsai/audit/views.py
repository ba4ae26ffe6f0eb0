"""History pages: the audit events of an agency, or of one object."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from prongsai.agencies.access import get_agency_for_user
from prongsai.agencies.models import Role
from prongsai.audit.models import AuditEvent
from prongsai.audit.services import chain_head
from prongsai.core import policy

# Complaint cases are for complaint officers only; others see that something happened to
# "a case" but not which or what.
CONFIDENTIAL_PREFIXES = ("case", "feedback", "complaint")


@policy.authenticated
@require_GET
def agency_history(request: HttpRequest, slug: str) -> HttpResponse:
    membership = get_agency_for_user(request, slug, Role.COORDINATOR, Role.EXECUTIVE)
    events = AuditEvent.objects.filter(agency=membership.agency).select_related("actor")
    events = events.exclude(object_type__startswith=CONFIDENTIAL_PREFIXES[0])
    for prefix in CONFIDENTIAL_PREFIXES[1:]:
        events = events.exclude(object_type__startswith=prefix)
    page = Paginator(events.order_by("-seq"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/history.html",
        {
            "agency": membership.agency,
            "page": page,
            "events": page.object_list,
            "head": chain_head(membership.agency),
            "subject": None,
        },
    )


@policy.authenticated
@require_GET
def object_history(
    request: HttpRequest, slug: str, object_type: str, object_id: str
) -> HttpResponse:
    if object_type.startswith(CONFIDENTIAL_PREFIXES):
        membership = get_agency_for_user(request, slug, Role.COMPLAINT_OFFICER)
    else:
        membership = get_agency_for_user(request, slug)
    events = AuditEvent.objects.filter(
        agency=membership.agency, object_type=object_type, object_id=object_id
    ).select_related("actor")
    return render(
        request,
        "audit/history.html",
        {
            "agency": membership.agency,
            "events": events.order_by("-seq"),
            "head": chain_head(membership.agency),
            "subject": f"{object_type} #{object_id}",
        },
    )
