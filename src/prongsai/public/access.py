"""Access to an agency's cases: complaint officers of that agency only.

A complaint may be about a colleague or the executive, so no other role sees cases: every
other member of the agency gets 403, members of other agencies 404 (as for measures).
"""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from prongsai.agencies.access import CASE_OFFICERS, get_agency_for_user
from prongsai.agencies.models import Membership
from prongsai.public.models import Case, CaseAttachment


def get_officer_membership(request: HttpRequest, slug: str) -> Membership:
    return get_agency_for_user(request, slug, *CASE_OFFICERS)


def get_case_for_officer(request: HttpRequest, slug: str, pk: int) -> tuple[Case, Membership]:
    membership = get_officer_membership(request, slug)
    case = get_object_or_404(Case.objects.select_related("agency"), pk=pk, agency=membership.agency)
    return case, membership


def get_attachment_for_officer(
    request: HttpRequest, slug: str, pk: int, file_pk: int
) -> CaseAttachment:
    case, _membership = get_case_for_officer(request, slug, pk)
    return get_object_or_404(CaseAttachment, pk=file_pk, case=case)
