"""Access helpers: the only place that decides who may see or change an agency's objects.

Another agency's object answers 404 (its existence is not revealed); a member whose role
may look but not touch gets 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from prongsai.agencies.models import Agency, Membership, Role
from prongsai.measures.models import Evidence, Measure

STAFF_ROLES = frozenset({Role.COORDINATOR, Role.REPORTER, Role.EXECUTIVE, Role.VIEWER})


def memberships_of(user: object) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("agency")


def get_membership(request: HttpRequest, slug: str) -> Membership:
    """The user's membership in the agency `slug`, or 404 (also when it does not exist)."""
    try:
        return (
            Membership.objects.select_related("agency")
            .prefetch_related("divisions")
            .get(user=request.user, agency__slug=slug)
        )
    except Membership.DoesNotExist:
        raise Http404("ไม่พบหน่วยงาน / agency not found") from None


def require_role(membership: Membership, *roles: str) -> None:
    if membership.role not in roles:
        raise PermissionDenied("บทบาทของท่านไม่มีสิทธิ์ทำรายการนี้ / your role may not do this")


def get_agency_for_user(request: HttpRequest, slug: str, *roles: str) -> Membership:
    """Membership for reading the agency's ITA work; `roles` narrows who may act."""
    membership = get_membership(request, slug)
    require_role(membership, *(roles or STAFF_ROLES))
    return membership


def can_report(membership: Membership, measure: Measure) -> bool:
    """Coordinators report on every measure; reporters on those of their own divisions."""
    if membership.agency_id != measure.agency_id:
        return False
    if membership.role == Role.COORDINATOR:
        return True
    if membership.role != Role.REPORTER:
        return False
    own = {d.pk for d in membership.divisions.all()}
    return any(d.pk in own for d in measure.divisions.all())


def can_edit_measures(membership: Membership) -> bool:
    return membership.role == Role.COORDINATOR


def get_measure_for_user(
    request: HttpRequest, slug: str, pk: int, action: str = "view"
) -> tuple[Measure, Membership]:
    """The measure `pk` of agency `slug` for `action` in {"view", "edit", "report"}."""
    membership = get_agency_for_user(request, slug)
    measure = get_object_or_404(
        Measure.objects.filter(agency=membership.agency).prefetch_related("divisions"), pk=pk
    )
    if action == "edit" and not can_edit_measures(membership):
        raise PermissionDenied("เฉพาะผู้ประสานงาน ITA แก้ไขมาตรการได้ / only coordinators edit")
    if action == "report" and not can_report(membership, measure):
        raise PermissionDenied(
            "ท่านรายงานได้เฉพาะมาตรการของส่วนราชการของท่าน / "
            "you may report only on measures of your own divisions"
        )
    return measure, membership


def get_evidence_for_user(request: HttpRequest, slug: str, pk: int) -> Evidence:
    membership = get_agency_for_user(request, slug)
    return get_object_or_404(
        Evidence.objects.select_related("update__measure"),
        pk=pk,
        update__measure__agency=membership.agency,
    )


def get_agency_public(slug: str) -> Agency:
    return get_object_or_404(Agency, slug=slug)
